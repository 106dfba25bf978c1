import { z } from "zod";
import { recordContractActivity } from "../dunning/contract-activity.server";
import { completeContractTrackers } from "../dunning/tracker.server";
import { COMPLETED_REASONS } from "../dunning/tracker-status";
import type { EmailKind } from "../notifications/email-kinds";
import { queueEmail } from "../notifications/outbox.server";
import { ORDER_GID } from "../orders/order-tags";
import { recordOrderToTag } from "../orders/order-tags.server";
import { defineHandler, MAX_ID_LENGTH, type WebhookContext, type WebhookHandler } from "./handler";

/**
 * The payload every subscription_contracts/* topic shares (REST-style snake
 * case, the contract's GID in `admin_graphql_api_id`, `status` in lower case).
 * Only what a handler reads is required; the rest passes through.
 */
const contractPayload = z.looseObject({
  admin_graphql_api_id: z.string().regex(/^gid:\/\/shopify\/SubscriptionContract\/\d{1,20}$/),
  status: z.string().min(1).max(MAX_ID_LENGTH),
  revision_id: z.union([z.string().max(MAX_ID_LENGTH), z.number()]).nullish(),
  // Set on create when a checkout made the contract; null for contracts made through the API.
  admin_graphql_api_origin_order_id: z.string().max(MAX_ID_LENGTH).nullish(),
  admin_graphql_api_customer_id: z.string().max(MAX_ID_LENGTH).nullish(),
});
type ContractPayload = z.infer<typeof contractPayload>;

type ContractTopic = "create" | "update" | "activate" | "pause" | "cancel" | "fail" | "expire";

/**
 * One subscription_contracts/* topic. Every delivery adds a "shopify" row to
 * the contract's history (ContractActivity: the topic and the status it
 * reports), in the delivery's transaction, so a repeated delivery adds
 * nothing. Shopify stays the source of truth for the contract itself: the
 * app keeps no copy of it (docs/decisions/012-contract-activity-and-order-tags.md).
 * `also` is what the topic does besides, through the same `tx`.
 */
function contractTopic(
  name: ContractTopic,
  also?: (payload: ContractPayload, context: WebhookContext) => Promise<string | undefined>,
  email?: EmailKind,
) {
  const topic = `subscription_contracts/${name}`;
  return defineHandler({
    topic: `SUBSCRIPTION_CONTRACTS_${name.toUpperCase()}`,
    payload: contractPayload,
    async handle(payload, context) {
      const { shop, tx, log } = context;
      const contractId = payload.admin_graphql_api_id;
      const more = also ? await also(payload, context) : undefined;
      // Whoever made the change (the merchant, the customer, dunning), the customer hears of it once.
      if (email) await queueContractEmail(email, payload, context);
      // No order ids in the detail: the history holds no customer data (see customers/redact).
      const detail = [`Status: ${payload.status}`, more].filter(Boolean).join("; ");
      await recordContractActivity(tx, { shop, contractId, actor: "shopify", action: topic, outcome: "succeeded", detail });
      log("subscription contract webhook", { shop, topic, contractId, status: payload.status, ...(more ? { also: more } : {}) });
    },
  });
}

/**
 * The contract ended (cancelled by the merchant, the customer or the dunning
 * engine's final action, or expired after its last cycle): no cycle of it will
 * be charged again, so its open trackers complete at once instead of waiting
 * for their next retry to find out from Shopify.
 */
const completeTrackers = (reason: string) => async (payload: ContractPayload, { shop, tx }: WebhookContext) => {
  const { count } = await completeContractTrackers(tx, { shop, contractId: payload.admin_graphql_api_id }, reason, new Date());
  return count > 0 ? `${count} open dunning tracker${count === 1 ? "" : "s"} completed` : undefined;
};

/** The customer's email about this delivery's change, sent by the tick (the delivery's id makes it once). */
async function queueContractEmail(kind: EmailKind, payload: ContractPayload, { shop, tx, webhookId }: WebhookContext): Promise<void> {
  await queueEmail(tx, {
    shop,
    eventKey: `webhook:${webhookId}`,
    kind,
    contractId: payload.admin_graphql_api_id,
    customerId: payload.admin_graphql_api_customer_id ?? null,
  });
}

/**
 * subscription_contracts/create: a contract made at checkout has its origin
 * order tagged "Subscription First Order" by the tick, and its customer gets
 * the confirmation email with the portal link (App Store 5.4.9). Contracts
 * made through the API (no origin order) get neither.
 */
export const contractCreate = contractTopic("create", async (payload, context) => {
  const { shop, tx, log } = context;
  const orderId = payload.admin_graphql_api_origin_order_id;
  if (!orderId) return undefined;
  await queueContractEmail("subscription-created", payload, context);
  // tagsAdd tags other resources too (customers, products): only an order's GID is queued.
  if (!ORDER_GID.test(orderId)) {
    log("origin order not tagged: not an order's GID", { shop, contractId: payload.admin_graphql_api_id, orderId });
    return undefined;
  }
  await recordOrderToTag(tx, { shop, orderId, contractId: payload.admin_graphql_api_id, kind: "first" });
  return "origin order queued for tagging";
});
// The other status topics change no dunning state: a paused contract's due retry is refused by
// Shopify with CONTRACT_PAUSED and completes then (or goes ahead if the contract was activated
// again meanwhile), and a `failed` contract can be activated again, so neither ends dunning here.

/** subscription_contracts/update */
export const contractUpdate = contractTopic("update");
/** subscription_contracts/activate (also what tells the dunning engine a pause of its own was undone); emails the customer. */
export const contractActivate = contractTopic("activate", undefined, "subscription-resumed");
/** subscription_contracts/pause; emails the customer. */
export const contractPause = contractTopic("pause", undefined, "subscription-paused");
/** subscription_contracts/fail */
export const contractFail = contractTopic("fail");
/** subscription_contracts/cancel: completes the contract's open trackers as CONTRACT_CANCELLED; emails the customer. */
export const contractCancel = contractTopic("cancel", completeTrackers(COMPLETED_REASONS.CONTRACT_CANCELLED), "subscription-cancelled");
/** subscription_contracts/expire: completes the contract's open trackers as CONTRACT_EXPIRED. */
export const contractExpire = contractTopic("expire", completeTrackers(COMPLETED_REASONS.CONTRACT_EXPIRED));

/** Every subscription_contracts/* topic, served by one route. */
export const subscriptionContractHandlers: ReadonlyArray<WebhookHandler<ContractPayload>> = [
  contractCreate,
  contractUpdate,
  contractActivate,
  contractPause,
  contractCancel,
  contractFail,
  contractExpire,
];
