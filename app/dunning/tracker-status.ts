/**
 * A tracker's status, derived from its completion: open until completed;
 * then recovered if the payment went through (or the cycle turned out to be
 * billed), otherwise failed (final action taken, or the contract ended).
 */
export const TRACKER_STATUSES = ["open", "recovered", "failed"] as const;
export type TrackerStatus = (typeof TRACKER_STATUSES)[number];

/** Why a tracker completed. The dunning engine writes these to `completedReason`. */
export const COMPLETED_REASONS = {
  PAYMENT_SUCCEEDED: "PAYMENT_SUCCEEDED",
  CYCLE_ALREADY_BILLED: "CYCLE_ALREADY_BILLED",
  CONTRACT_CANCELLED: "CONTRACT_CANCELLED",
  CONTRACT_EXPIRED: "CONTRACT_EXPIRED",
  FINAL_ACTION_CANCEL: "FINAL_ACTION_CANCEL",
  FINAL_ACTION_PAUSE: "FINAL_ACTION_PAUSE",
  FINAL_ACTION_SKIP: "FINAL_ACTION_SKIP",
} as const;

export const RECOVERED_REASONS: readonly string[] = [
  COMPLETED_REASONS.PAYMENT_SUCCEEDED,
  COMPLETED_REASONS.CYCLE_ALREADY_BILLED,
];

export function trackerStatus(tracker: { completedAt: Date | string | null; completedReason: string | null }): TrackerStatus {
  if (!tracker.completedAt) return "open";
  return tracker.completedReason && RECOVERED_REASONS.includes(tracker.completedReason) ? "recovered" : "failed";
}

/** The Prisma `where` for trackers of one status (the same rule as `trackerStatus`). */
export function statusWhere(status: TrackerStatus) {
  switch (status) {
    case "open":
      return { completedAt: null };
    case "recovered":
      return { completedAt: { not: null }, completedReason: { in: [...RECOVERED_REASONS] } };
    case "failed":
      return {
        completedAt: { not: null },
        OR: [{ completedReason: null }, { completedReason: { notIn: [...RECOVERED_REASONS] } }],
      };
  }
}
