import { timingSafeEqual } from "node:crypto";
import { readCronEnv } from "../env.server";
import { logger } from "../logger.server";
import { engineDeps } from "./app-deps.server";
import { runTick } from "./tick.server";

// Stop starting ticks after this long, so the function ends inside Vercel's limit.
const BUDGET_MS = 45_000;

function authorized(request: Request, secret: string | undefined): boolean {
  if (!secret) return false;
  const expected = Buffer.from(`Bearer ${secret}`);
  const given = Buffer.from(request.headers.get("authorization") ?? "");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * BILLING_SCHEDULER=cron: Vercel Cron (GET, `Authorization: Bearer
 * $CRON_SECRET`) or any scheduler that can send that header. Runs ticks until
 * nothing is due or the time budget is spent, and reports what they did.
 */
export async function cronTick(request: Request): Promise<Response> {
  const { CRON_SECRET } = readCronEnv();
  if (!authorized(request, CRON_SECRET)) {
    if (!CRON_SECRET) logger.warn("GET /api/cron/billing-tick refused: CRON_SECRET is not set");
    return new Response("Unauthorized", { status: 401, headers: { "WWW-Authenticate": "Bearer" } });
  }
  const started = Date.now();
  const ticks = [];
  do {
    const summary = await runTick(engineDeps);
    ticks.push(summary);
    if (summary.claimed === 0) break;
  } while (Date.now() - started < BUDGET_MS);
  return Response.json({ ticks }, { headers: { "Cache-Control": "no-store" } });
}
