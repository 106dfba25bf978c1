import { z } from "zod";
import { recordContractActivity } from "../dunning/contract-activity.server";
import { queueEmail } from "../notifications/outbox.server";
import { defineHandler, type WebhookHandler } from "./handler";

/**
 * The payload subscription_billing_cycles/skip and /unskip share (P3.2 of the
 * subscriptions brief): the contract by its numeric id only (no GID), the
 * cycle's index and dates. Only what the handler reads is required.
 */
const billingCyclePayload = z.looseObject({
  subscription_contract_id: z.union([z.number().int().positive(), z.string().regex(/^[1-9]\d*$/)]),
  cycle_index: z.number().int().nonnegative(),
  billing_attempt_expected_date: z.string().min(1).nullish(),
  skipped: z.boolean().nullish(),
});
type BillingCyclePayload = z.infer<typeof billingCyclePayload>;

/** The contract's GID, built from the payload's numeric id as Shopify's reference app does. */
export function contractGid(id: number | string): string {
  return `gid://shopify/SubscriptionContract/${id}`;
}

/**
 * A cycle was skipped or unskipped (by the merchant, the customer or the
 * dunning engine's "skip"): a "shopify" row in the contract's history, and
 * for a skip the customer's email, in the delivery's transaction. Dunning state does not change: a due retry of a
 * skipped cycle is refused by Shopify (BILLING_CYCLE_SKIPPED) and completes then.
 */
function billingCycleTopic(name: "skip" | "unskip") {
  const topic = `subscription_billing_cycles/${name}`;
  return defineHandler({
    topic: `SUBSCRIPTION_BILLING_CYCLES_${name.toUpperCase()}`,
    payload: billingCyclePayload,
    async handle(payload, { shop, tx, log, webhookId }) {
      const contractId = contractGid(payload.subscription_contract_id);
      const date = payload.billing_attempt_expected_date;
      const detail = `Billing cycle ${payload.cycle_index}${date ? `, billing date ${date}` : ""}`;
      await recordContractActivity(tx, { shop, contractId, actor: "shopify", action: topic, outcome: "succeeded", detail });
      // A skip is confirmed to the customer (whoever skipped: they, the merchant or dunning's final action).
      if (name === "skip") {
        await queueEmail(tx, {
          shop,
          eventKey: `webhook:${webhookId}`,
          kind: "order-skipped",
          contractId,
          data: { cycleIndex: payload.cycle_index, date: date ?? null },
        });
      }
      log("subscription billing cycle webhook", { shop, topic, contractId, cycleIndex: payload.cycle_index });
    },
  });
}

/** subscription_billing_cycles/skip */
export const billingCycleSkip = billingCycleTopic("skip");
/** subscription_billing_cycles/unskip */
export const billingCycleUnskip = billingCycleTopic("unskip");

/** Both subscription_billing_cycles/* topics, served by one route. */
export const subscriptionBillingCycleHandlers: ReadonlyArray<WebhookHandler<BillingCyclePayload>> = [billingCycleSkip, billingCycleUnskip];
