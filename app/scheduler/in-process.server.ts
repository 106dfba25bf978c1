import type { EngineDeps } from "./deps";
import { runTick } from "./tick.server";

export const TICK_INTERVAL_MS = 60_000;
const BATCH = 100;

/**
 * Ticks every minute inside the web server. One per process (kept on
 * globalThis, so Vite's module reloads do not start a second); ticks never
 * overlap; the timer does not keep the process alive.
 */
export function startInProcessScheduler(deps: EngineDeps, intervalMs = TICK_INTERVAL_MS): void {
  const state = globalThis as { __billingScheduler?: NodeJS.Timeout };
  if (state.__billingScheduler) return;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      // Keep going while a tick had a full batch, so a backlog drains within the minute.
      for (let pass = 0; pass < 10; pass++) {
        const summary = await runTick(deps, { limit: BATCH });
        if (summary.claimed > 0) deps.log("info", "billing tick", { ...summary });
        const busiest = Math.max(...[summary.charges, summary.events, summary.retries, summary.tags].map((counts) => Object.values(counts).reduce((a, b) => a + b, 0)));
        if (busiest < BATCH) break;
      }
    } catch (error) {
      deps.log("error", "billing tick failed", { error: (error as Error).message });
    } finally {
      running = false;
    }
  };
  state.__billingScheduler = setInterval(tick, intervalMs);
  state.__billingScheduler.unref();
  setTimeout(tick, Math.min(intervalMs, 5_000)).unref();
}

export function stopInProcessScheduler(): void {
  const state = globalThis as { __billingScheduler?: NodeJS.Timeout };
  clearInterval(state.__billingScheduler);
  state.__billingScheduler = undefined;
}
