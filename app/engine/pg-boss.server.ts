import { PgBoss } from "pg-boss";
import { runBounded, DEFAULT_ENGINE_OPTIONS, type EngineDeps } from "./deps";
import { claimDueEvents, claimDueRetries, processBillingAttemptEvent, runDunningRetry } from "./dunning.server";
import { claimDueCharges, runScheduledCharge, type ChargeClaim } from "./scheduled-charges.server";

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
 * are worked on in the tick itself. The database rows (claims, BillingRun)
 * stay the source of truth: a job delivered twice charges once.
 */
export async function startBillingWorker(deps: EngineDeps, options: BillingWorkerOptions): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: options.connectionString, max: 4 });
  boss.on("error", (error) => deps.log("error", "pg-boss", { error: error.message }));
  await boss.start();
  await boss.createQueue(TICK_QUEUE, { policy: "singleton", retryLimit: 0, expireInSeconds: 300 });
  await boss.createQueue(CHARGE_QUEUE, { retryLimit: 5, retryDelay: 60, retryBackoff: true, retryDelayMax: 3600, expireInSeconds: 600 });
  if (options.tickCron !== null) await boss.schedule(TICK_QUEUE, options.tickCron ?? "* * * * *");

  const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 };
  await boss.work(TICK_QUEUE, polling, async () => {
    const lease = { limit: 500, leaseMs: DEFAULT_ENGINE_OPTIONS.leaseMs };
    const eventsAt = new Date();
    const events = await claimDueEvents(deps.prisma, eventsAt, lease);
    await runBounded(events.map((event) => () => processBillingAttemptEvent(deps, event, eventsAt, DEFAULT_ENGINE_OPTIONS).catch(() => "error")), 4);
    // A charge job renews its claim when it starts (runScheduledCharge), so queueing time does not eat the lease.
    const claims = await claimDueCharges(deps.prisma, new Date(), lease);
    for (const claim of claims) {
      await boss.send(CHARGE_QUEUE, { shop: claim.shop, scheduledFor: claim.scheduledFor.toISOString(), token: claim.token } satisfies ChargeJob, {
        singletonKey: `${claim.shop}:${claim.scheduledFor.toISOString()}`,
      });
    }
    const retriesAt = new Date();
    const retries = await claimDueRetries(deps.prisma, retriesAt, lease);
    await runBounded(retries.map((tracker) => () => runDunningRetry(deps, tracker, retriesAt, DEFAULT_ENGINE_OPTIONS).catch(() => "error")), 4);
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
