/**
 * What a merchant may do to a contract, decided from what Shopify says about
 * it. Pure: the pages show only the actions that can succeed, and the
 * actions check again on the server before calling Shopify.
 */
import type { ContractStatus } from "./contract-display";

export const CONTRACT_ACTIONS = ["pause", "resume", "cancel", "bill", "skip", "unskip", "payment-email", "edit"] as const;
export type ContractAction = (typeof CONTRACT_ACTIONS)[number];

/** Actions a list of contracts can take at once. */
export const BULK_ACTIONS = ["pause", "resume", "cancel"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

const TERMINATED: readonly string[] = ["CANCELLED", "EXPIRED"];

export function isTerminated(status: string): boolean {
  return TERMINATED.includes(status);
}

/**
 * Why an action cannot be taken on a contract with this status, or null.
 * Shopify refuses a status change on a terminated contract
 * (CONTRACT_TERMINATED) and a charge on a paused one (CONTRACT_PAUSED).
 */
export function refusal(action: ContractAction, status: string): string | null {
  if (isTerminated(status)) return `The contract is ${status.toLowerCase()}: it cannot change any more.`;
  switch (action) {
    case "pause":
      return status === "PAUSED" ? "The contract is already paused." : null;
    case "resume":
      return status === "ACTIVE" ? "The contract is already active." : null;
    case "bill":
      return status === "PAUSED" ? "Resume the contract before billing it." : null;
    default:
      return null;
  }
}

export function availableActions(status: ContractStatus | string): ContractAction[] {
  return CONTRACT_ACTIONS.filter((action) => refusal(action, status) === null);
}

export interface CycleLike {
  cycleIndex: number;
  status: string;
  skipped: boolean;
}

/** Why this cycle cannot be billed now, or null: a billed cycle is never charged twice from here. */
export function billRefusal(cycle: CycleLike | null): string | null {
  if (!cycle) return "The contract has no billing cycle to bill now.";
  if (cycle.status === "BILLED") return `Billing cycle ${cycle.cycleIndex} has already been billed.`;
  if (cycle.skipped) return `Billing cycle ${cycle.cycleIndex} is skipped: unskip it to bill it.`;
  return null;
}

/** Why this cycle cannot be skipped or unskipped, or null. */
export function skipRefusal(cycle: CycleLike | null, skip: boolean): string | null {
  if (!cycle) return "No such billing cycle.";
  if (cycle.status === "BILLED") return `Billing cycle ${cycle.cycleIndex} has already been billed.`;
  if (cycle.skipped === skip) return `Billing cycle ${cycle.cycleIndex} is already ${skip ? "skipped" : "not skipped"}.`;
  return null;
}

export interface PaymentMethodLike {
  revokedAt?: string | null;
}

export function paymentEmailRefusal(method: PaymentMethodLike | null | undefined): string | null {
  if (!method) return "The contract has no payment method.";
  if (method.revokedAt) return "The payment method was revoked: the customer adds a new one at their next checkout.";
  return null;
}
