import { runBounded, DEFAULT_ENGINE_OPTIONS, type EngineDeps, type EngineOptions } from "./deps";
import { claimDueEvents, claimDueRetries, processBillingAttemptEvent, runDunningRetry } from "../dunning/dunning.server";
import { claimDueCharges, runScheduledCharge, type ChargeClaim } from "../billing/scheduled-charges.server";
import { claimDueEmails, deliverEmail, pruneEmails } from "../notifications/outbox.server";
import { claimDueOrderTags, tagOrder } from "../orders/order-tags.server";

/** Delivery ids kept for de-duplication; Shopify retries a delivery for 4 hours. */
export const PROCESSED_WEBHOOK_RETENTION_MS = 7 * 24 * 3600_000;

export interface TickOptions extends Partial<EngineOptions> {
  now?: Date;
  /** Most items of each kind claimed by one tick. */
  limit?: number;
  /** Items worked on at once. */
  concurrency?: number;
  /** What to do with each claimed charge; by default charge it here. The pg-boss worker queues it instead. */
  chargeWith?: (claim: ChargeClaim, now: Date) => Promise<string>;
}

export interface TickSummary {
  charges: Record<string, number>;
  events: Record<string, number>;
  retries: Record<string, number>;
  /** Orders tagged "Subscription ..." (OrderTag rows), by outcome. */
  tags: Record<string, number>;
  /** Emails from the outbox (EmailOutbox rows), by outcome. */
  emails: Record<string, number>;
  /** Items claimed in all; 0 means there was nothing due. */
  claimed: number;
}

function tally(outcomes: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1;
  return counts;
}

/**
 * One pass of the engine: claims what is due from the database, then works
 * on it with bounded concurrency: billing-attempt events first (a success
 * completes trackers before their retry would run), then scheduled charges,
 * then dunning retries, then order tags and emails (last: nothing waits on
 * them, and a busy tick charges first; the emails this tick's dunning steps
 * queued go out in the same tick). Every outcome is written back to the rows, which
 * stay the source of truth whichever driver calls this (in-process timer,
 * cron route, pg-boss worker).
 */
export async function runTick(deps: EngineDeps, options: TickOptions = {}): Promise<TickSummary> {
  const settings = { ...DEFAULT_ENGINE_OPTIONS, ...options };
  // Each phase reads the clock again, so leases taken after a long phase start from the real time.
  const clock = () => options.now ?? new Date();
  const limit = options.limit ?? 100;
  const concurrency = options.concurrency ?? 4;
  const lease = { limit, leaseMs: settings.leaseMs };
  // One item's unexpected failure (a database error, say) must not stop the others: it stays
  // claimed until its lease ends and is tried again then.
  const guarded = <T>(kind: string, work: () => Promise<T>) => async (): Promise<T | "error"> => {
    try {
      return await work();
    } catch (error) {
      deps.log("error", `billing tick: ${kind} failed`, { error: (error as Error).message });
      return "error";
    }
  };

  let now = clock();
  const events = await claimDueEvents(deps.prisma, now, lease);
  const eventOutcomes = await runBounded(
    events.map((event) => guarded("event", () => processBillingAttemptEvent(deps, event, now, settings))),
    concurrency,
  );

  now = clock();
  const charges = await claimDueCharges(deps.prisma, now, lease);
  const chargeOutcomes = await runBounded(
    charges.map((claim) =>
      guarded("charge", () => (options.chargeWith ? options.chargeWith(claim, now) : runScheduledCharge(deps, claim, now, settings))),
    ),
    concurrency,
  );

  now = clock();
  const retries = await claimDueRetries(deps.prisma, now, lease);
  const retryOutcomes = await runBounded(
    retries.map((tracker) => guarded("retry", () => runDunningRetry(deps, tracker, now, settings))),
    concurrency,
  );

  now = clock();
  const tags = await claimDueOrderTags(deps.prisma, now, lease);
  const tagOutcomes = await runBounded(
    tags.map((row) => guarded("tag", () => tagOrder(deps, row, now, settings))),
    concurrency,
  );

  now = clock();
  const emails = await claimDueEmails(deps.prisma, now, lease);
  const emailOutcomes = await runBounded(
    emails.map((row) => guarded("email", () => deliverEmail(deps, row, now, settings))),
    concurrency,
  );

  await deps.prisma.processedWebhook.deleteMany({ where: { processedAt: { lt: new Date(now.getTime() - PROCESSED_WEBHOOK_RETENTION_MS) } } });
  await pruneEmails(deps.prisma, now);

  return {
    charges: tally(chargeOutcomes),
    events: tally(eventOutcomes),
    retries: tally(retryOutcomes),
    tags: tally(tagOutcomes),
    emails: tally(emailOutcomes),
    claimed: events.length + charges.length + retries.length + tags.length + emails.length,
  };
}
