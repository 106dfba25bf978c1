/**
 * The dunning ladder as pure decisions: given what Shopify says about a
 * contract and one billing cycle, and the shop's rules, what to do next.
 * `dunning.server.ts` reads the inputs (database, Admin API) and carries the
 * decision out; nothing here does I/O.
 */
import type { FinalAction } from "../settings/final-actions";
import { COMPLETED_REASONS } from "./tracker-status";

/** Failures that depend on stock, not on the buyer's payment: they follow the inventory settings. */
export const INVENTORY_ERROR_CODES: readonly string[] = ["INSUFFICIENT_INVENTORY", "INVENTORY_ALLOCATIONS_NOT_FOUND"];

/** Charge refusals that end dunning for the cycle (as Shopify's reference app treats them). */
export const FINAL_CHARGE_ERRORS: readonly string[] = [
  "CONTRACT_PAUSED",
  "BILLING_CYCLE_SKIPPED",
  "CONTRACT_TERMINATED",
  "BILLING_CYCLE_CHARGE_BEFORE_EXPECTED_DATE",
];

const DAY_MS = 24 * 3600 * 1000;

/** A shop's saved settings, as stored in DunningSettings. */
export interface DunningSettingsValues {
  retryAttempts: number;
  daysBetweenRetryAttempts: number;
  onFailure: string;
  inventoryRetryAttempts: number;
  inventoryDaysBetweenRetryAttempts: number;
  inventoryOnFailure: string;
}

export interface DunningRules {
  /** Retries after the first failed attempt. */
  retries: number;
  daysBetween: number;
  finalAction: FinalAction;
}

/** The rules for this kind of failure: inventory codes follow the inventory settings, everything else the payment ones. */
export function rulesFor(settings: DunningSettingsValues, failureReason: string): DunningRules {
  const inventory = INVENTORY_ERROR_CODES.includes(failureReason);
  return {
    retries: inventory ? settings.inventoryRetryAttempts : settings.retryAttempts,
    daysBetween: inventory ? settings.inventoryDaysBetweenRetryAttempts : settings.daysBetweenRetryAttempts,
    finalAction: (inventory ? settings.inventoryOnFailure : settings.onFailure) as FinalAction,
  };
}

/** What Shopify says about the contract and the failed cycle; null when it has no such contract or cycle. */
export interface CycleState {
  contract: { status: string } | null;
  cycle: { status: string; attempts: Array<{ ready: boolean }> } | null;
}

export type Decision =
  /** Nothing to do for this delivery (Shopify no longer knows the contract or cycle). */
  | { kind: "ignore" }
  /** An attempt of the cycle is still being processed: look again shortly. */
  | { kind: "wait" }
  /** Dunning is over for the cycle, without acting. */
  | { kind: "complete"; reason: string }
  /** The retries are used up: cancel, pause or skip. */
  | { kind: "final-action"; finalAction: FinalAction }
  /** Schedule the next retry at `at` (after a failure); `last`: if it fails too, the final action follows. */
  | { kind: "schedule-retry"; at: Date; last: boolean }
  /** Charge the cycle again now (a due retry). */
  | { kind: "charge" };

/** Why a cycle needs no more dunning: it was billed, or its contract ended; null while it does. */
export function endedReason(contract: { status: string }, cycle: { status: string }): string | null {
  if (cycle.status === "BILLED") return COMPLETED_REASONS.CYCLE_ALREADY_BILLED;
  if (contract.status === "CANCELLED") return COMPLETED_REASONS.CONTRACT_CANCELLED;
  if (contract.status === "EXPIRED") return COMPLETED_REASONS.CONTRACT_EXPIRED;
  return null;
}

/**
 * After a billing attempt failed. The first attempt plus `rules.retries`
 * retries; once the last of them has failed, the final action.
 */
export function decideAfterFailure({ contract, cycle }: CycleState, rules: DunningRules, now: Date): Exclude<Decision, { kind: "charge" }> {
  if (!contract || !cycle) return { kind: "ignore" };
  // Shopify may still be finishing an attempt of this cycle; decide once all are in.
  if (cycle.attempts.some((attempt) => !attempt.ready)) return { kind: "wait" };
  const ended = endedReason(contract, cycle);
  if (ended) return { kind: "complete", reason: ended };
  if (cycle.attempts.length > rules.retries) return { kind: "final-action", finalAction: rules.finalAction };
  // The retry scheduled now is attempt number attempts + 1: the last one allowed when attempts == retries.
  return { kind: "schedule-retry", at: new Date(now.getTime() + rules.daysBetween * DAY_MS), last: cycle.attempts.length === rules.retries };
}

/** When a scheduled retry comes due. A contract or cycle Shopify no longer has is as good as cancelled. */
export function decideDueRetry({ contract, cycle }: CycleState, rules: DunningRules): Exclude<Decision, { kind: "ignore" | "schedule-retry" }> {
  if (!contract || !cycle) return { kind: "complete", reason: COMPLETED_REASONS.CONTRACT_CANCELLED };
  const ended = endedReason(contract, cycle);
  if (ended) return { kind: "complete", reason: ended };
  if (cycle.attempts.some((attempt) => !attempt.ready)) return { kind: "wait" };
  if (cycle.attempts.length > rules.retries) return { kind: "final-action", finalAction: rules.finalAction };
  return { kind: "charge" };
}

/** The tracker's completion reason once the final action was taken. */
export function finalActionReason(finalAction: FinalAction): string {
  return `FINAL_ACTION_${finalAction.toUpperCase()}`;
}

/** What decides whether a recovered payment resumes a contract the ladder paused. */
export interface ReactivationFacts {
  /** The contract's status as Shopify reports it now (null: Shopify has no such contract). */
  contractStatus: string | null;
  /** A dunning tracker of the contract completed with the pause final action (FINAL_ACTION_PAUSE). */
  pausedByDunning: boolean;
  /** The contract was made active again (by anyone) after that pause: a pause it is in now is someone else's. */
  activatedSincePause: boolean;
  /** The shop's DunningSettings.reactivateAfterRecovery. */
  reactivateAfterRecovery: boolean;
}

export type ReactivationDecision =
  /** Not the ladder's pause to undo (or nothing paused): nothing to do, nothing to record. */
  | { kind: "none" }
  /** Activate the contract again. */
  | { kind: "resume" }
  /** The ladder's pause would be undone, but the shop chose not to: record that it was not. */
  | { kind: "skip"; detail: string };

/**
 * After a billing attempt of the contract succeeded: a contract the ladder
 * paused, still paused, is resumed only if the shop turned reactivation on.
 * A contract paused by the merchant (or by anyone after it was activated
 * again) is never touched.
 */
export function decideReactivation(facts: ReactivationFacts): ReactivationDecision {
  if (!facts.pausedByDunning || facts.activatedSincePause || facts.contractStatus !== "PAUSED") return { kind: "none" };
  return facts.reactivateAfterRecovery ? { kind: "resume" } : { kind: "skip", detail: "reactivateAfterRecovery is off" };
}
