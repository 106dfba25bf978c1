import { checkHealth, healthResponse, historyFor } from "../db/health.server";
import { database, prisma } from "../db/prisma.server";

// The production server (server/start.ts) answers /healthz itself before it loads
// the app; this route serves it where the app runs without that server (Vercel, `npm run dev`).
const history = historyFor(database.provider);

export const loader = async () => {
  const { status, body } = healthResponse(await checkHealth(prisma, history));
  return new Response(body, { status, headers: { "Cache-Control": "no-store", "Content-Type": "text/plain" } });
};
