import type { DunningTracker, PrismaClient } from "@prisma/client";
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
): Promise<DunningTracker> {
  const key = { ...failure, failureReason: normalizeFailureReason(failure.failureReason) };
  return retryOnUniqueViolation(() =>
    prisma.dunningTracker.upsert({
      where: { uniqueBillingCycleFailure: key },
      create: key,
      update: {},
    }),
  );
}
