import type { DunningTracker, Prisma, PrismaClient } from "@prisma/client";
import { retryOnUniqueViolation } from "../db/unique-violation.server";

export interface BillingCycleFailure {
  shop: string;
  contractId: string;
  billingCycleIndex: number;
  failureReason: string;
}

/**
 * Webhooks send billing-attempt error codes in lower case, the GraphQL enum
 * is upper case; trackers store one spelling so a retry finds its tracker.
 */
export function normalizeFailureReason(code: string): string {
  return code.trim().toUpperCase();
}

/** The tracker of one failed billing cycle; repeated failure deliveries return the same row. */
export function findOrCreateDunningTracker(
  prisma: PrismaClient,
  failure: BillingCycleFailure,
  /** The engine's clock: a new tracker's createdAt (the weekly inventory digest selects by it). */
  now?: Date,
): Promise<DunningTracker> {
  const key = { ...failure, failureReason: normalizeFailureReason(failure.failureReason) };
  return retryOnUniqueViolation(() =>
    prisma.dunningTracker.upsert({
      where: { uniqueBillingCycleFailure: key },
      create: now ? { ...key, createdAt: now } : key,
      update: {},
    }),
  );
}

/**
 * A tracker's fields once it is done: completed for `reason`, nothing
 * scheduled, no claim. The one shape every completion writes (the dunning
 * engine, and the contract lifecycle webhooks).
 */
export function completion(now: Date, reason: string) {
  return { completedAt: now, completedReason: reason, nextAttemptAt: null, claimedUntil: null, claimToken: null };
}

/**
 * Completes every open tracker of one contract (its contract ended: no cycle
 * of it will be charged again). Completed trackers keep their reason. A
 * tracker a tick has claimed loses its claim; the tick's writes are fenced by
 * `completedAt: null`, so they no longer touch it.
 */
export function completeContractTrackers(
  db: Pick<Prisma.TransactionClient, "dunningTracker">,
  contract: { shop: string; contractId: string },
  reason: string,
  now: Date,
): Promise<Prisma.BatchPayload> {
  return db.dunningTracker.updateMany({
    where: { shop: contract.shop, contractId: contract.contractId, completedAt: null },
    data: completion(now, reason),
  });
}
