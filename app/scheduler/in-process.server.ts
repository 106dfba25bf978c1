import type { EngineDeps } from "./deps";
import { schedulerStore as store, stopInProcessScheduler, type SchedulerState } from "./in-process-state";
import { runTick } from "./tick.server";

export { stopInProcessScheduler };

export const TICK_INTERVAL_MS = 60_000;
const BATCH = 100;

/**
 * Ticks every minute inside the web server. One per process; ticks never
 * overlap; the timer does not keep the process alive.
 */
export function startInProcessScheduler(deps: EngineDeps, intervalMs = TICK_INTERVAL_MS): void {
  if (store.__billingScheduler) return;
  const run = async (state: SchedulerState) => {
    try {
      // Keep going while a tick had a full batch, so a backlog drains within the minute;
      // a shutdown lets the pass under way finish and starts no other.
      for (let pass = 0; pass < 10 && !state.stopping; pass++) {
        const summary = await runTick(deps, { limit: BATCH });
        if (summary.claimed > 0) deps.log("info", "billing tick", { ...summary });
        const busiest = Math.max(...[summary.charges, summary.events, summary.retries, summary.tags].map((counts) => Object.values(counts).reduce((a, b) => a + b, 0)));
        if (busiest < BATCH) break;
      }
    } catch (error) {
      deps.log("error", "billing tick failed", { error: (error as Error).message });
    }
  };
  const tick = () => {
    const state = store.__billingScheduler;
    if (!state || state.running || state.stopping) return;
    state.running = run(state).finally(() => {
      state.running = null;
    });
  };
  const state: SchedulerState = {
    timer: setInterval(tick, intervalMs),
    first: setTimeout(tick, Math.min(intervalMs, 5_000)),
    running: null,
    stopping: false,
  };
  state.timer.unref();
  state.first.unref();
  store.__billingScheduler = state;
}
