/**
 * The webhook bodies Shopify sends about simulated contracts, cycles and
 * attempts: REST-style snake_case, numeric IDs next to the GIDs in
 * `admin_graphql_api_*`, lowercase enums (subscriptions brief P3.2). Tests
 * hand them to the app's webhook handlers.
 */
import type { SimulatedAttempt, SimulatedContract, SimulatedCycle } from "./contracts";
import { attemptErrorMessage, cycleStartAt } from "./contracts";
import { numericId } from "./plans";

const idOrNull = (gid: string | null | undefined) => (gid ? numericId(gid) : null);

/** `subscription_contracts/create|update|activate|pause|cancel|fail|expire`. */
export function contractWebhookPayload(contract: SimulatedContract) {
  const { billingPolicy, deliveryPolicy } = contract;
  return {
    admin_graphql_api_id: contract.id,
    id: numericId(contract.id),
    admin_graphql_api_customer_id: contract.customerId,
    customer_id: numericId(contract.customerId),
    admin_graphql_api_origin_order_id: contract.originOrderId,
    origin_order_id: idOrNull(contract.originOrderId),
    billing_policy: {
      interval: billingPolicy.interval.toLowerCase(),
      interval_count: billingPolicy.intervalCount,
      min_cycles: billingPolicy.minCycles,
      max_cycles: billingPolicy.maxCycles,
    },
    delivery_policy: { interval: deliveryPolicy.interval.toLowerCase(), interval_count: deliveryPolicy.intervalCount },
    currency_code: contract.currencyCode,
    revision_id: String(contract.revisionId),
    status: contract.status.toLowerCase(),
  };
}

/** `subscription_billing_cycles/skip|unskip` and `subscription_billing_cycle_edits/*`: no GID, the contract's numeric ID. */
export function billingCycleWebhookPayload(contract: SimulatedContract, cycle: SimulatedCycle) {
  return {
    subscription_contract_id: numericId(contract.id),
    cycle_index: cycle.index,
    cycle_start_at: cycleStartAt(contract, cycle),
    cycle_end_at: cycle.expectedDate,
    billing_attempt_expected_date: cycle.expectedDate,
    skipped: cycle.skipped,
    edited: cycle.edited ?? false,
    contract_edit: null,
  };
}

/** `subscription_billing_attempts/success|failure`: error codes in lower case, as Shopify sends them. */
export function billingAttemptWebhookPayload(attempt: SimulatedAttempt) {
  return {
    id: /\/\d+$/.test(attempt.id) ? numericId(attempt.id) : null,
    admin_graphql_api_id: attempt.id,
    idempotency_key: attempt.id,
    order_id: idOrNull(attempt.orderId),
    admin_graphql_api_order_id: attempt.orderId ?? null,
    subscription_contract_id: numericId(attempt.contractId),
    admin_graphql_api_subscription_contract_id: attempt.contractId,
    ready: attempt.ready,
    error_code: attempt.errorCode?.toLowerCase() ?? null,
    error_message: attempt.errorCode ? attemptErrorMessage(attempt.errorCode) : null,
  };
}
