import { PgBoss } from "pg-boss";
import { DEFAULT_ENGINE_OPTIONS, type EngineDeps } from "./deps";
import { runScheduledCharge, type ChargeClaim } from "../billing/scheduled-charges.server";
import { runTick } from "./tick.server";

export const TICK_QUEUE = "billing-tick";
export const CHARGE_QUEUE = "charge-shop";

interface ChargeJob {
  shop: string;
  scheduledFor: string;
  token: string;
}

export interface BillingWorkerOptions {
  connectionString: string;
  /** Shop charges this process works on at once. */
  concurrency?: number;
  /** Cron for the tick; null to leave ticking to someone else (tests send ticks themselves). */
  tickCron?: string | null;
  pollingIntervalSeconds?: number;
}

/**
 * A pg-boss worker process: every minute (pg-boss runs each cron once across
 * all workers) a tick claims the due shops in the database and hands each to
 * the charge-shop queue; any worker charges it, with pg-boss's retries and
 * backoff on transient failures. Billing-attempt events and dunning retries
 * are worked on in the tick itself (it is runTick, with charges queued).
 * The database rows (claims, BillingRun) stay the source of truth: a job
 * delivered twice charges once.
 */
export async function startBillingWorker(deps: EngineDeps, options: BillingWorkerOptions): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: options.connectionString, max: 4 });
  boss.on("error", (error) => deps.log("error", "pg-boss", { error: error.message }));
  await boss.start();
  await boss.createQueue(TICK_QUEUE, { policy: "singleton", retryLimit: 0, expireInSeconds: 300 });
  await boss.createQueue(CHARGE_QUEUE, { retryLimit: 5, retryDelay: 60, retryBackoff: true, retryDelayMax: 3600, expireInSeconds: 600 });
  if (options.tickCron !== null) await boss.schedule(TICK_QUEUE, options.tickCron ?? "* * * * *");

  const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 };
  // The tick is the engine's own (events, claims, retries, pruning); only the claimed charges are queued.
  await boss.work(TICK_QUEUE, polling, async () => {
    await runTick(deps, {
      limit: 500,
      concurrency: 4,
      // A charge job renews its claim when it starts (runScheduledCharge), so queueing time does not eat the lease.
      chargeWith: async (claim) => {
        const job: ChargeJob = { shop: claim.shop, scheduledFor: claim.scheduledFor.toISOString(), token: claim.token };
        await boss.send(CHARGE_QUEUE, job, { singletonKey: `${job.shop}:${job.scheduledFor}` });
        return "queued";
      },
    });
  });

  await boss.work<ChargeJob>(CHARGE_QUEUE, { ...polling, batchSize: 1, localConcurrency: options.concurrency ?? 4 }, async ([job]) => {
    const claim: ChargeClaim = { shop: job.data.shop, scheduledFor: new Date(job.data.scheduledFor), token: job.data.token };
    const outcome = await runScheduledCharge(deps, claim, new Date(), DEFAULT_ENGINE_OPTIONS);
    // Still due: let pg-boss retry the job with its backoff.
    if (outcome === "retrying") throw new Error(`charge of ${claim.shop} will be retried`);
    return { outcome };
  });
  return boss;
}

/** Asks the workers for a tick now (what the cron does every minute). */
export async function sendTick(boss: PgBoss): Promise<void> {
  await boss.send(TICK_QUEUE, {});
}
