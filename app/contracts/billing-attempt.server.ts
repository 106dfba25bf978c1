/**
 * Where a "bill now" attempt stands, for the contract page's polling.
 * Shopify processes an attempt asynchronously: pending first, then
 * succeeded (with the order), failed (with why) or waiting on the buyer
 * (3-D Secure).
 */
import type { AdminGateway } from "../shopify/admin-gateway.server";
import { BILLING_ATTEMPT_STATE_QUERY } from "./graphql/BillingAttemptStateQuery";

export type AttemptOutcome =
  | { state: "pending" }
  | { state: "succeeded"; order: { id: string; name: string } | null }
  | { state: "failed"; reason: string }
  | { state: "action-required" }
  | { state: "unknown" };

/** The attempt's outcome, or null when Shopify has no such attempt on this contract (for this shop). */
export async function billingAttemptOutcome(gateway: AdminGateway, contractId: string, attemptId: string): Promise<AttemptOutcome | null> {
  const attempt = (await gateway.request(BILLING_ATTEMPT_STATE_QUERY, { id: attemptId })).subscriptionBillingAttempt;
  if (!attempt || attempt.subscriptionContract.id !== contractId) return null;
  const state = attempt.state;
  switch (state.__typename) {
    case "SubscriptionBillingAttemptPendingState":
      return { state: "pending" };
    case "SubscriptionBillingAttemptSuccessState":
      return { state: "succeeded", order: state.order ? { id: state.order.id, name: state.order.name } : null };
    case "SubscriptionBillingAttemptActionRequiredState":
      return { state: "action-required" };
    case "SubscriptionBillingAttemptFailedState": {
      const error = state.error;
      const reason =
        "paymentCode" in error ? error.paymentCode : "inventoryCode" in error ? error.inventoryCode : "generalCode" in error ? error.generalCode : "message" in error ? error.message : "UNKNOWN";
      return { state: "failed", reason: String(reason) };
    }
    default:
      return { state: "unknown" };
  }
}
