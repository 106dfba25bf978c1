/**
 * BillingSchedule and DunningTracker constraints on every provider: the
 * unique keys hold, and the upserts the app relies on stay single when many
 * callers (here, two separate clients, as two instances would be) race.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@prisma/client";
import { createPrismaClient } from "../../app/db/database.server";
import { isUniqueViolation } from "../../app/db/unique-violation.server";
import { ensureBillingSchedule } from "../../app/billing/billing-schedule.server";
import { findOrCreateDunningTracker } from "../../app/dunning/tracker.server";
import { createTestDatabase, type TestDatabase } from "../support/databases";
import { providerClient } from "../support/prisma-clients";
import { providerCases } from "../support/providers";

describe.each(providerCases())("models on $provider", ({ provider, available }) => {
  let db: TestDatabase;
  let other: PrismaClient;

  beforeAll(async () => {
    if (!available) return;
    db = await createTestDatabase(provider);
    // A second client stands for a second instance. SQLite gets one client
    // per process (as in the app): its driver waits for a lock synchronously,
    // so two connections in one process would block each other; the
    // cross-process race is in sqlite-concurrency.test.ts.
    other = provider === "sqlite" ? db.prisma : createPrismaClient(db.target, providerClient(provider));
  });
  afterAll(async () => {
    if (!available) return;
    if (other !== db.prisma) await other.$disconnect();
    await db.close();
  });

  const it_ = it.skipIf(!available);

  it_("gives a new schedule its defaults", async () => {
    const schedule = await db.prisma.billingSchedule.create({ data: { shop: "defaults.myshopify.com" } });
    expect(schedule).toMatchObject({ hour: 10, timezone: "UTC", active: true, nextRunAt: null });
    expect(schedule.createdAt).toBeInstanceOf(Date);
    expect(schedule.updatedAt).toBeInstanceOf(Date);
  });

  it_("allows one schedule per shop", async () => {
    await db.prisma.billingSchedule.create({ data: { shop: "unique.myshopify.com" } });
    const duplicate = db.prisma.billingSchedule.create({ data: { shop: "unique.myshopify.com" } });
    await expect(duplicate).rejects.toSatisfy(isUniqueViolation);
  });

  it_("keeps the merchant's hour and time zone and reactivates on reinstall", async () => {
    const shop = "reinstall.myshopify.com";
    await ensureBillingSchedule(db.prisma, shop, { timezone: "Europe/Paris" });
    await db.prisma.billingSchedule.update({ where: { shop }, data: { hour: 6, active: false } });

    const again = await ensureBillingSchedule(db.prisma, shop, { timezone: "Asia/Kathmandu" });
    expect(again).toMatchObject({ hour: 6, active: true, timezone: "Europe/Paris" });
  });

  it_("creates one schedule when installs race", async () => {
    const shop = "race.myshopify.com";
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ensureBillingSchedule(i % 2 ? other : db.prisma, shop, { timezone: "America/Toronto" }),
      ),
    );
    expect(new Set(results.map((schedule) => schedule.id)).size).toBe(1);
    expect(await db.prisma.billingSchedule.count({ where: { shop } })).toBe(1);
  });

  it_("allows one tracker per shop, contract, cycle and failure reason", async () => {
    const key = { shop: "dunning.myshopify.com", contractId: "gid://shopify/SubscriptionContract/1", billingCycleIndex: 3, failureReason: "CARD_DECLINED" };
    await db.prisma.dunningTracker.create({ data: key });
    await expect(db.prisma.dunningTracker.create({ data: key })).rejects.toSatisfy(isUniqueViolation);

    // Another reason, cycle or contract is another tracker.
    await db.prisma.dunningTracker.create({ data: { ...key, failureReason: "INSUFFICIENT_INVENTORY" } });
    await db.prisma.dunningTracker.create({ data: { ...key, billingCycleIndex: 4 } });
    expect(await db.prisma.dunningTracker.count({ where: { shop: key.shop } })).toBe(3);
  });

  it_("creates one tracker when failure deliveries race, whatever the error-code case", async () => {
    const shop = "dunning-race.myshopify.com";
    const contractId = "gid://shopify/SubscriptionContract/42";
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        findOrCreateDunningTracker(i % 2 ? other : db.prisma, {
          shop,
          contractId,
          billingCycleIndex: 7,
          failureReason: i % 3 ? "insufficient_funds" : "INSUFFICIENT_FUNDS",
        }),
      ),
    );
    expect(new Set(results.map((tracker) => tracker.id)).size).toBe(1);
    expect(results[0].failureReason).toBe("INSUFFICIENT_FUNDS");
    expect(await db.prisma.dunningTracker.count({ where: { shop } })).toBe(1);
  });
});
