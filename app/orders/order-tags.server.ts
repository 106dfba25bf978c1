import type { OrderTag, Prisma, PrismaClient } from "@prisma/client";
import { claimableNow, claimEach, errorMessage, isPermanent, type EngineDeps, type EngineOptions } from "../scheduler/deps";
import { tagsFor, type OrderTagKind } from "./order-tags";

export type TagOutcome = "tagged" | "will-retry" | "failed";

/**
 * Records an order to tag, in the webhook's transaction (the tick tags it).
 * One row per (shop, order): a second delivery naming the same order adds
 * nothing. An upsert with nothing to update rather than a create that catches
 * the unique violation: on PostgreSQL an error ends the whole transaction.
 * (On MySQL Prisma's upsert reads, then inserts, so two deliveries racing on
 * one order can still collide; the loser's transaction rolls back and
 * Shopify's retry of it then finds the row.)
 */
export async function recordOrderToTag(
  tx: Pick<Prisma.TransactionClient, "orderTag">,
  order: { shop: string; orderId: string; contractId: string; kind: OrderTagKind },
): Promise<void> {
  await tx.orderTag.upsert({
    where: { shop_orderId: { shop: order.shop, orderId: order.orderId } },
    create: order,
    update: {},
  });
}

/** Claims orders not tagged yet, oldest first, with a lease (the same compare-and-set as the engine's other rows). */
export async function claimDueOrderTags(
  prisma: PrismaClient,
  now: Date,
  { limit, leaseMs }: { limit: number; leaseMs: number },
): Promise<Array<OrderTag & { token: string }>> {
  const due = await prisma.orderTag.findMany({
    where: { doneAt: null, ...claimableNow(now) },
    orderBy: { id: "asc" },
    take: limit,
  });
  return claimEach(due, (row, token) =>
    prisma.orderTag.updateMany({
      where: { id: row.id, doneAt: null, claimedUntil: row.claimedUntil },
      data: { claimedUntil: new Date(now.getTime() + leaseMs), claimToken: token },
    }),
  );
}

/**
 * Tags one claimed order ("Subscription" plus its kind's tag) and marks the
 * row done. Transient failures leave it due after a back-off; permanent ones
 * (userErrors, e.g. an order deleted meanwhile; an uninstalled shop) and the
 * last of the engine's tries give it up, with the error kept in `lastError`.
 */
export async function tagOrder(
  deps: EngineDeps,
  row: OrderTag & { token: string },
  now: Date,
  options: Pick<EngineOptions, "maxEventTries" | "retryDelayMs">,
): Promise<TagOutcome> {
  const { prisma } = deps;
  const fenced = { id: row.id, claimToken: row.token };
  try {
    const admin = await deps.adminFor(row.shop);
    // Tags are a set on Shopify's side. If the process dies after tagsAdd and before the row is
    // marked done, the lease runs out and the order is tagged again, which changes nothing.
    await admin.tagOrder(row.orderId, tagsFor(row.kind));
    await prisma.orderTag.updateMany({
      where: fenced,
      data: { doneAt: now, tries: { increment: 1 }, lastError: null, claimedUntil: null, claimToken: null },
    });
    return "tagged";
  } catch (error) {
    const tries = row.tries + 1;
    const giveUp = isPermanent(error) || tries >= options.maxEventTries;
    await prisma.orderTag.updateMany({
      where: fenced,
      data: {
        tries,
        lastError: errorMessage(error),
        doneAt: giveUp ? now : null,
        claimedUntil: giveUp ? null : new Date(now.getTime() + options.retryDelayMs(tries)),
        claimToken: giveUp ? null : row.token,
      },
    });
    deps.log(giveUp ? "error" : "warn", "order tagging failed", { shop: row.shop, orderId: row.orderId, tries, error: errorMessage(error) });
    return giveUp ? "failed" : "will-retry";
  }
}
