/**
 * The portal's data layer: the customer's subscriptions and the changes they
 * make, through the Customer Account API (Shopify checks that each contract
 * is the signed-in customer's). Each change answers with an ActionOutcome
 * the view shows; Shopify then sends the app the lifecycle webhook, which
 * queues the customer's email (app/notifications/).
 */
import type { CustomerClient, OperationResult } from "./customer-client";
import { CUSTOMER_SUBSCRIPTION_QUERY } from "./graphql/CustomerSubscriptionQuery";
import { CUSTOMER_SUBSCRIPTIONS_QUERY } from "./graphql/CustomerSubscriptionsQuery";
import { ORDER_SKIP_MUTATION } from "./graphql/OrderSkipMutation";
import { ORDER_UNSKIP_MUTATION } from "./graphql/OrderUnskipMutation";
import { SUBSCRIPTION_CANCEL_MUTATION } from "./graphql/SubscriptionCancelMutation";
import { SUBSCRIPTION_PAUSE_MUTATION } from "./graphql/SubscriptionPauseMutation";
import { SUBSCRIPTION_RESUME_MUTATION } from "./graphql/SubscriptionResumeMutation";
import { outcomeOf, STATUS_AFTER, type ActionOutcome } from "./portal";

export type SubscriptionSummary = NonNullable<OperationResult<typeof CUSTOMER_SUBSCRIPTIONS_QUERY>["customer"]>["subscriptionContracts"]["nodes"][number];
export type SubscriptionDetail = NonNullable<NonNullable<OperationResult<typeof CUSTOMER_SUBSCRIPTION_QUERY>["customer"]>["subscriptionContract"]>;

export const SUBSCRIPTIONS_PER_PAGE = 20;

export interface SubscriptionsPage {
  subscriptions: SubscriptionSummary[];
  nextCursor: string | null;
}

/** One page of the customer's subscriptions, newest first. */
export async function loadSubscriptions(client: CustomerClient, after: string | null = null): Promise<SubscriptionsPage> {
  const result = await client.request(CUSTOMER_SUBSCRIPTIONS_QUERY, { first: SUBSCRIPTIONS_PER_PAGE, after });
  const connection = result.customer?.subscriptionContracts;
  return { subscriptions: connection?.nodes ?? [], nextCursor: connection?.pageInfo.hasNextPage ? connection.pageInfo.endCursor ?? null : null };
}

/** One subscription, or null when it is not the customer's (or does not exist). */
export async function loadSubscription(client: CustomerClient, id: string): Promise<SubscriptionDetail | null> {
  const result = await client.request(CUSTOMER_SUBSCRIPTION_QUERY, { id });
  return result.customer?.subscriptionContract ?? null;
}

/** Pause, resume or cancel: done only when Shopify answers with the contract in its new status. */
export async function changeStatus(client: CustomerClient, action: "pause" | "resume" | "cancel", id: string): Promise<ActionOutcome> {
  const payload =
    action === "pause"
      ? (await client.request(SUBSCRIPTION_PAUSE_MUTATION, { id })).subscriptionContractPause
      : action === "resume"
        ? (await client.request(SUBSCRIPTION_RESUME_MUTATION, { id })).subscriptionContractActivate
        : (await client.request(SUBSCRIPTION_CANCEL_MUTATION, { id })).subscriptionContractCancel;
  const outcome = outcomeOf(payload, payload?.contract);
  if (outcome.ok && payload?.contract?.status !== STATUS_AFTER[action]) {
    return { ok: false, reason: "failed", message: `Shopify left the subscription ${payload?.contract?.status ?? "unchanged"}` };
  }
  return outcome;
}

/** Skip one upcoming order, or bring a skipped one back. */
export async function setOrderSkipped(client: CustomerClient, id: string, cycleIndex: number, skipped: boolean): Promise<ActionOutcome> {
  const payload = skipped
    ? (await client.request(ORDER_SKIP_MUTATION, { id, cycleIndex })).subscriptionBillingCycleSkip
    : (await client.request(ORDER_UNSKIP_MUTATION, { id, cycleIndex })).subscriptionBillingCycleUnskip;
  const outcome = outcomeOf(payload, payload?.billingCycle);
  if (outcome.ok && payload?.billingCycle?.skipped !== skipped) return { ok: false, reason: "failed", message: "Shopify did not change the order" };
  return outcome;
}
