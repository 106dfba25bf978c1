import { z } from "zod";
import { normalizeFailureReason } from "../dunning/tracker.server";
import { ORDER_GID } from "../orders/order-tags";
import { recordOrderToTag } from "../orders/order-tags.server";
import { defineHandler, MAX_ID_LENGTH, MAX_MESSAGE } from "./handler";

// Ids and codes go into indexed columns (VARCHAR(191) on MySQL): longer is not Shopify's, and refused.
// The message is kept to its first MAX_MESSAGE characters rather than refusing a delivery for it.
const id = z.string().min(1).max(MAX_ID_LENGTH);
const billingAttemptPayload = z.looseObject({
  admin_graphql_api_id: id,
  admin_graphql_api_subscription_contract_id: id,
  // The order a successful attempt created (null on failure).
  admin_graphql_api_order_id: id.nullish(),
  idempotency_key: z.string().max(MAX_ID_LENGTH).nullish(),
  error_code: z.string().max(MAX_ID_LENGTH).nullish(),
  error_message: z
    .string()
    .nullish()
    .transform((message) => (typeof message === "string" ? message.slice(0, MAX_MESSAGE) : message)),
});

/**
 * Records the attempt for the dunning engine (app/dunning/dunning.server.ts
 * acts on it at the next tick). Keyed by attempt and topic, so the same
 * attempt delivered under several webhook ids is one row. A success also
 * records its order for the tick to tag "Subscription Recurring Order", in
 * the same transaction.
 */
function recordBillingAttempt(topic: "SUBSCRIPTION_BILLING_ATTEMPTS_FAILURE" | "SUBSCRIPTION_BILLING_ATTEMPTS_SUCCESS", stored: string) {
  return defineHandler({
    topic,
    payload: billingAttemptPayload,
    async handle(payload, { shop, webhookId, tx, log }) {
      const attemptId = payload.admin_graphql_api_id;
      await tx.billingAttemptEvent.upsert({
        where: { attemptId_topic: { attemptId, topic: stored } },
        update: {},
        create: {
          shop,
          topic: stored,
          attemptId,
          contractId: payload.admin_graphql_api_subscription_contract_id,
          orderId: payload.admin_graphql_api_order_id ?? null,
          idempotencyKey: payload.idempotency_key ?? null,
          errorCode: payload.error_code ? normalizeFailureReason(payload.error_code) : null,
          errorMessage: payload.error_message ?? null,
          webhookId,
        },
      });
      const orderId = payload.admin_graphql_api_order_id;
      if (topic !== "SUBSCRIPTION_BILLING_ATTEMPTS_SUCCESS" || !orderId) return;
      // tagsAdd tags other resources too: only an order's GID is queued (the attempt is recorded either way).
      if (!ORDER_GID.test(orderId)) {
        log("billing attempt order not tagged: not an order's GID", { shop, attemptId, orderId });
        return;
      }
      await recordOrderToTag(tx, { shop, orderId, contractId: payload.admin_graphql_api_subscription_contract_id, kind: "recurring" });
    },
  });
}

/** subscription_billing_attempts/failure */
export const billingAttemptFailure = recordBillingAttempt("SUBSCRIPTION_BILLING_ATTEMPTS_FAILURE", "subscription_billing_attempts/failure");
/** subscription_billing_attempts/success */
export const billingAttemptSuccess = recordBillingAttempt("SUBSCRIPTION_BILLING_ATTEMPTS_SUCCESS", "subscription_billing_attempts/success");
