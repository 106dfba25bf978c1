import prisma from "../db/client.server";

// Load balancers and Fly/Docker health checks: up only when the database answers.
export const loader = async () => {
  try {
    await prisma.session.findFirst({ select: { id: true } });
    return new Response("ok", { headers: { "Cache-Control": "no-store" } });
  } catch {
    return new Response("database unavailable", { status: 503, headers: { "Cache-Control": "no-store" } });
  }
};
