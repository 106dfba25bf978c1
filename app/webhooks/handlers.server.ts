import type { Prisma } from "@prisma/client";
import { z } from "zod";
import { normalizeFailureReason } from "../models/dunning-tracker.server";

export interface WebhookContext {
  shop: string;
  webhookId: string;
  /** Handlers write only through `tx`: their changes and the delivery's ProcessedWebhook row commit together. */
  tx: Prisma.TransactionClient;
  log(message: string, details: Record<string, unknown>): void;
}

export interface WebhookHandler<Payload> {
  payload: z.ZodType<Payload>;
  handle(payload: Payload, context: WebhookContext): Promise<void>;
  /** After commit, also clear the shop's sessions from the session store (it may be in memory). */
  endsShopSessions?: boolean;
}

function defineHandler<Payload>(handler: WebhookHandler<Payload>): WebhookHandler<Payload> {
  return handler;
}

const anyObject = z.looseObject({});

/** Deletes the shop's sessions; the schedule stays (inactive) so a reinstall keeps the merchant's settings. */
const appUninstalled = defineHandler({
  payload: anyObject,
  endsShopSessions: true,
  async handle(_payload, { shop, tx }) {
    await tx.session.deleteMany({ where: { shop } });
    await tx.billingSchedule.updateMany({ where: { shop }, data: { active: false } });
  },
});

/** Keeps the stored scope in step with what the merchant granted. */
const appScopesUpdate = defineHandler({
  payload: z.looseObject({ current: z.array(z.string()) }),
  async handle(payload, { shop, tx }) {
    await tx.session.updateMany({ where: { shop }, data: { scope: payload.current.join(",") } });
  },
});

const billingAttemptPayload = z.looseObject({
  admin_graphql_api_id: z.string().min(1),
  admin_graphql_api_subscription_contract_id: z.string().min(1),
  admin_graphql_api_order_id: z.string().nullish(),
  idempotency_key: z.string().nullish(),
  error_code: z.string().nullish(),
  error_message: z.string().nullish(),
});

/**
 * Records the attempt for the dunning engine. Keyed by attempt and topic, so
 * the same attempt delivered under several webhook ids is one row.
 */
function recordBillingAttempt(topic: string) {
  return defineHandler({
    payload: billingAttemptPayload,
    async handle(payload, { shop, webhookId, tx }) {
      const attemptId = payload.admin_graphql_api_id;
      await tx.billingAttemptEvent.upsert({
        where: { attemptId_topic: { attemptId, topic } },
        update: {},
        create: {
          shop,
          topic,
          attemptId,
          contractId: payload.admin_graphql_api_subscription_contract_id,
          orderId: payload.admin_graphql_api_order_id ?? null,
          idempotencyKey: payload.idempotency_key ?? null,
          errorCode: payload.error_code ? normalizeFailureReason(payload.error_code) : null,
          errorMessage: payload.error_message ?? null,
          webhookId,
        },
      });
    },
  });
}

const orderIds = z.array(z.union([z.number(), z.string()])).default([]);

function orderGids(ids: Array<number | string>): string[] {
  return ids.map((id) => (String(id).startsWith("gid://") ? String(id) : `gid://shopify/Order/${id}`));
}

/**
 * The only customer-linked data the app keeps is billing attempts by order
 * id; the merchant gets them from the log line (wire it to email or a ticket
 * in your app). Nothing is written.
 */
const customersDataRequest = defineHandler({
  payload: z.looseObject({ orders_requested: orderIds, customer: z.looseObject({ id: z.union([z.number(), z.string()]) }) }),
  async handle(payload, { shop, tx, log }) {
    const attempts = await tx.billingAttemptEvent.findMany({
      where: { shop, orderId: { in: orderGids(payload.orders_requested) } },
      select: { attemptId: true, contractId: true, orderId: true, topic: true, errorCode: true, receivedAt: true },
    });
    log("customers/data_request: data held for the customer", {
      shop,
      customerId: payload.customer.id,
      billingAttempts: attempts,
    });
  },
});

const customersRedact = defineHandler({
  payload: z.looseObject({ orders_to_redact: orderIds }),
  async handle(payload, { shop, tx }) {
    await tx.billingAttemptEvent.deleteMany({ where: { shop, orderId: { in: orderGids(payload.orders_to_redact) } } });
  },
});

/** Erases every row the app holds for the shop, in every model. */
const shopRedact = defineHandler({
  payload: anyObject,
  endsShopSessions: true,
  async handle(_payload, { shop, tx }) {
    await eraseShop(tx, shop);
  },
});

export async function eraseShop(tx: Prisma.TransactionClient, shop: string): Promise<void> {
  await tx.session.deleteMany({ where: { shop } });
  await tx.billingSchedule.deleteMany({ where: { shop } });
  await tx.dunningSettings.deleteMany({ where: { shop } });
  await tx.dunningTracker.deleteMany({ where: { shop } });
  await tx.billingAttemptEvent.deleteMany({ where: { shop } });
  await tx.billingRun.deleteMany({ where: { shop } });
  await tx.processedWebhook.deleteMany({ where: { shop } });
}

/** Handlers by topic as @shopify/shopify-api names it (APP_UNINSTALLED for app/uninstalled). */
export const WEBHOOK_HANDLERS = {
  APP_UNINSTALLED: appUninstalled,
  APP_SCOPES_UPDATE: appScopesUpdate,
  SUBSCRIPTION_BILLING_ATTEMPTS_FAILURE: recordBillingAttempt("subscription_billing_attempts/failure"),
  SUBSCRIPTION_BILLING_ATTEMPTS_SUCCESS: recordBillingAttempt("subscription_billing_attempts/success"),
  CUSTOMERS_DATA_REQUEST: customersDataRequest,
  CUSTOMERS_REDACT: customersRedact,
  SHOP_REDACT: shopRedact,
} satisfies Record<string, WebhookHandler<unknown>>;

export type WebhookTopic = keyof typeof WEBHOOK_HANDLERS;
