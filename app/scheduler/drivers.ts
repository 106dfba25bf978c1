/**
 * How the engine's tick is driven (BILLING_SCHEDULER):
 * - "in-process": a timer in the web server, every minute (one instance, e.g. Fly);
 * - "cron": only the /api/cron/billing-tick route, called by Vercel Cron or a scheduled machine;
 * - "pg-boss": `npm run worker` processes on PostgreSQL (the cron route and timer stay off);
 * - "off": nothing (tests, or a deployment that drives ticks itself).
 */
export const SCHEDULER_MODES = ["in-process", "cron", "pg-boss", "off"] as const;
export type SchedulerMode = (typeof SCHEDULER_MODES)[number];

/** `env` comes from readSchedulerEnv() (app/env.server.ts), or from a test. */
export function schedulerMode(env: { BILLING_SCHEDULER?: string; VERCEL?: string }): SchedulerMode {
  const value = env.BILLING_SCHEDULER?.trim();
  if (!value) return env.VERCEL ? "cron" : "in-process";
  if ((SCHEDULER_MODES as readonly string[]).includes(value)) return value as SchedulerMode;
  throw new Error(`BILLING_SCHEDULER must be one of ${SCHEDULER_MODES.join(", ")} (got "${value}")`);
}
