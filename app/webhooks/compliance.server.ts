import type { Prisma } from "@prisma/client";
import { z } from "zod";
import { defineHandler } from "./handler";

const orderIds = z.array(z.union([z.number(), z.string()])).default([]);

/** A compliance payload's id (numeric, or already a GID) as the GID the app stores. */
function gid(type: "Order" | "Customer", id: number | string): string {
  return String(id).startsWith("gid://") ? String(id) : `gid://shopify/${type}/${id}`;
}

function orderGids(ids: Array<number | string>): string[] {
  return ids.map((id) => gid("Order", id));
}

/**
 * customers/data_request. The only customer-linked data the app keeps is
 * by order id (billing attempts, orders waiting to be or already tagged) and
 * by customer id (the emails sent or to send them: kind, status, dates). The
 * merchant gets them from the log line (wire it to email or a ticket in your
 * app). Nothing is written.
 */
export const customersDataRequest = defineHandler({
  topic: "CUSTOMERS_DATA_REQUEST",
  payload: z.looseObject({ orders_requested: orderIds, customer: z.looseObject({ id: z.union([z.number(), z.string()]) }) }),
  async handle(payload, { shop, tx, log }) {
    const orderId = { in: orderGids(payload.orders_requested) };
    const attempts = await tx.billingAttemptEvent.findMany({
      where: { shop, orderId },
      select: { attemptId: true, contractId: true, orderId: true, topic: true, errorCode: true, receivedAt: true },
    });
    const orderTags = await tx.orderTag.findMany({
      where: { shop, orderId },
      select: { orderId: true, contractId: true, kind: true, createdAt: true, doneAt: true },
    });
    const emails = await tx.emailOutbox.findMany({
      where: { shop, customerId: gid("Customer", payload.customer.id) },
      select: { kind: true, contractId: true, status: true, sentAt: true, createdAt: true },
    });
    log("customers/data_request: data held for the customer", {
      shop,
      customerId: payload.customer.id,
      billingAttempts: attempts,
      orderTags,
      emails,
    });
  },
});

/**
 * customers/redact: erases the billing attempts and the order tags (tagged or
 * not yet) of the customer's orders, and the customer's emails in the outbox
 * (sent or not: a pending one is then never sent). ContractActivity holds no
 * customer data (actor, action, outcome and a detail that names no order or
 * customer, by contract id), so the contract's history stays; shop/redact
 * erases it.
 */
export const customersRedact = defineHandler({
  topic: "CUSTOMERS_REDACT",
  payload: z.looseObject({ orders_to_redact: orderIds, customer: z.looseObject({ id: z.union([z.number(), z.string()]) }).optional() }),
  async handle(payload, { shop, tx }) {
    const orderId = { in: orderGids(payload.orders_to_redact) };
    await tx.billingAttemptEvent.deleteMany({ where: { shop, orderId } });
    await tx.orderTag.deleteMany({ where: { shop, orderId } });
    if (payload.customer) await tx.emailOutbox.deleteMany({ where: { shop, customerId: gid("Customer", payload.customer.id) } });
  },
});

/**
 * shop/redact (48 hours after uninstall): erases every row the app holds for the shop, in every
 * model, except this delivery's own ProcessedWebhook row. That row (the shop's domain, the topic and
 * Shopify's delivery id) is what makes a redelivery of the same shop/redact a duplicate: without it, a
 * retry arriving after the shop reinstalled would erase the new installation. It goes with the other
 * delivery ids after PROCESSED_WEBHOOK_RETENTION_MS (app/scheduler/tick.server.ts).
 */
export const shopRedact = defineHandler({
  topic: "SHOP_REDACT",
  payload: z.looseObject({}),
  endsShopSessions: true,
  async handle(_payload, { shop, tx, webhookId }) {
    await eraseShop(tx, shop, webhookId);
  },
});

export async function eraseShop(tx: Prisma.TransactionClient, shop: string, keepWebhookId: string): Promise<void> {
  await tx.session.deleteMany({ where: { shop } });
  await tx.billingSchedule.deleteMany({ where: { shop } });
  await tx.dunningSettings.deleteMany({ where: { shop } });
  await tx.dunningTracker.deleteMany({ where: { shop } });
  await tx.billingAttemptEvent.deleteMany({ where: { shop } });
  await tx.billingRun.deleteMany({ where: { shop } });
  await tx.contractActivity.deleteMany({ where: { shop } });
  await tx.orderTag.deleteMany({ where: { shop } });
  await tx.emailOutbox.deleteMany({ where: { shop } });
  await tx.notificationSettings.deleteMany({ where: { shop } });
  await tx.processedWebhook.deleteMany({ where: { shop, webhookId: { not: keepWebhookId } } });
}
