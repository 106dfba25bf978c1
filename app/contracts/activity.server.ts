/**
 * The contract's local history: merchant actions (who, what, when, outcome),
 * the dunning engine's actions and Shopify's lifecycle webhooks, all as
 * ContractActivity rows, plus the contract's dunning trackers.
 */
import type { PrismaClient } from "@prisma/client";
import { trackerStatus } from "../dunning/tracker-status";

/** The contract's activity, newest first, and its dunning trackers. */
export async function contractHistory(prisma: PrismaClient, shop: string, contractId: string) {
  const [activity, trackers] = await Promise.all([
    prisma.contractActivity.findMany({
      where: { shop, contractId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 50,
      select: { id: true, actor: true, staffUserId: true, action: true, outcome: true, detail: true, createdAt: true },
    }),
    prisma.dunningTracker.findMany({
      where: { shop, contractId },
      orderBy: { id: "desc" },
      take: 20,
      select: { id: true, billingCycleIndex: true, failureReason: true, createdAt: true, completedAt: true, completedReason: true, nextAttemptAt: true },
    }),
  ]);
  return {
    activity,
    trackers: trackers.map((tracker) => ({ ...tracker, status: trackerStatus(tracker) })),
  };
}

/** Contract ids with an open dunning tracker, newest first (the list's "In dunning" tab). */
export async function contractsInDunning(prisma: PrismaClient, shop: string, limit: number): Promise<string[]> {
  const rows = await prisma.dunningTracker.findMany({
    where: { shop, completedAt: null },
    orderBy: { id: "desc" },
    distinct: ["contractId"],
    take: limit,
    select: { contractId: true },
  });
  return rows.map((row) => row.contractId);
}
