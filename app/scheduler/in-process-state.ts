/**
 * The in-process scheduler's state, on globalThis: one scheduler per process,
 * however many copies of its module are loaded (Vite's module reloads; the
 * production server, bundled apart from the Remix build, stops the one the
 * build started). No engine imports here, so server/start.ts can stop the
 * scheduler without loading the engine.
 */
export interface SchedulerState {
  timer: NodeJS.Timeout;
  first: NodeJS.Timeout;
  /** The tick under way, if any: stopping waits for it. */
  running: Promise<void> | null;
  stopping: boolean;
}

export const schedulerStore = globalThis as { __billingScheduler?: SchedulerState };

/** Stops ticking; resolves once the tick under way (if any) has finished its pass. */
export async function stopInProcessScheduler(): Promise<void> {
  const state = schedulerStore.__billingScheduler;
  if (!state) return;
  state.stopping = true;
  clearInterval(state.timer);
  clearTimeout(state.first);
  schedulerStore.__billingScheduler = undefined;
  await state.running;
}
