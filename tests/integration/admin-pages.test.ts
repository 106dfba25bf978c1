/**
 * The queries behind the Dashboard, Settings and Dunning pages, on every
 * provider: status filters must agree with `trackerStatus`, pagination must
 * cover every row once, and settings must round-trip.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDashboard } from "../../app/dashboard/dashboard.server";
import { trackerStatus } from "../../app/dunning/tracker-status";
import { listDunningTrackers } from "../../app/dunning/tracker-list.server";
import { ensureDunningSettings } from "../../app/dunning/settings.server";
import { loadSettings, saveSettings } from "../../app/settings/settings.server";
import { DEFAULT_DUNNING_RULES } from "../../app/settings/settings-form";
import { createTestDatabase, type TestDatabase } from "../support/databases";
import { providerCases } from "../support/providers";

const REASONS = [null, "PAYMENT_SUCCEEDED", "FINAL_ACTION_CANCEL", "CYCLE_ALREADY_BILLED", "CONTRACT_EXPIRED"];

describe.each(providerCases())("admin page queries on $provider", ({ provider, available }) => {
  let db: TestDatabase;
  const shop = "pages.myshopify.com";
  const it_ = it.skipIf(!available);

  beforeAll(async () => {
    if (!available) return;
    db = await createTestDatabase(provider);
    await db.prisma.billingSchedule.create({ data: { shop, hour: 9, timezone: "Asia/Kathmandu" } });
    // 45 trackers for this shop cycling through the reasons, 3 for another shop.
    for (let i = 0; i < 45; i++) {
      const reason = REASONS[i % REASONS.length];
      await db.prisma.dunningTracker.create({
        data: {
          shop,
          contractId: `gid://shopify/SubscriptionContract/${1000 + i}`,
          billingCycleIndex: i,
          failureReason: "CARD_DECLINED",
          completedAt: reason ? new Date() : null,
          completedReason: reason,
        },
      });
    }
    for (let i = 0; i < 3; i++) {
      await db.prisma.dunningTracker.create({
        data: { shop: "other.myshopify.com", contractId: `c${i}`, billingCycleIndex: i, failureReason: "X" },
      });
    }
  });
  afterAll(() => db?.close());

  it_("pages through every tracker of the shop once, newest first", async () => {
    const seen: number[] = [];
    for (let page = 1; page <= 3; page++) {
      const result = await listDunningTrackers(db.prisma, shop, { status: "all", contract: "", page });
      expect(result).toMatchObject({ total: 45, page, pageCount: 3 });
      seen.push(...result.rows.map((row) => row.billingCycleIndex));
    }
    expect(seen).toEqual(Array.from({ length: 45 }, (_, i) => 44 - i));
  });

  it_("clamps a page past the end to the last page", async () => {
    const result = await listDunningTrackers(db.prisma, shop, { status: "all", contract: "", page: 99 });
    expect(result.page).toBe(3);
    expect(result.rows).toHaveLength(5);
  });

  it_.each(["open", "recovered", "failed"] as const)("filters %s trackers the way trackerStatus reads them", async (status) => {
    const all = await db.prisma.dunningTracker.findMany({ where: { shop } });
    const expected = all.filter((tracker) => trackerStatus(tracker) === status).map((tracker) => tracker.id).sort((a, b) => b - a);
    const result = await listDunningTrackers(db.prisma, shop, { status, contract: "", page: 1 });
    expect(result.rows.map((row) => row.id)).toEqual(expected.slice(0, 20));
    expect(result.total).toBe(expected.length);
    expect(result.rows.every((row) => row.status === status)).toBe(true);
  });

  it_("filters by part of the contract id", async () => {
    const result = await listDunningTrackers(db.prisma, shop, { status: "all", contract: "/102", page: 1 });
    expect(result.rows.map((row) => row.contractId).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `gid://shopify/SubscriptionContract/${1020 + i}`),
    );
  });

  it_("counts open, recovered and failed trackers on the dashboard, in the shop's zone", async () => {
    const dashboard = await loadDashboard(db.prisma, shop, new Date("2026-11-21T12:00:00Z"));
    expect(dashboard.trackers).toEqual({ open: 9, recovered: 18, failed: 18 });
    expect(dashboard.schedule).toMatchObject({ billingTime: "09:00", timezone: "Asia/Kathmandu", shopTimeNow: "Sat, Nov 21, 2026, 5:45 PM GMT+5:45" });
  });

  it_("creates a new shop's dunning rules with the defaults the code names", async () => {
    const created = await ensureDunningSettings(db.prisma, "fresh.myshopify.com");
    expect(created).toMatchObject(DEFAULT_DUNNING_RULES);
  });

  it_("saves settings and reads them back, with the next run moved to the new hour", async () => {
    const settings = {
      hour: 6,
      timezone: "Australia/Adelaide",
      active: false,
      retryAttempts: 0,
      daysBetweenRetryAttempts: 14,
      onFailure: "pause" as const,
      inventoryRetryAttempts: 10,
      inventoryDaysBetweenRetryAttempts: 2,
      inventoryOnFailure: "cancel" as const,
      reactivateAfterRecovery: true,
    };
    await saveSettings(db.prisma, shop, settings, new Date("2026-11-21T12:00:00Z"));
    expect(await loadSettings(db.prisma, shop)).toEqual(settings);
    const schedule = await db.prisma.billingSchedule.findUniqueOrThrow({ where: { shop } });
    // 06:00 in Adelaide (UTC+10:30 in summer) on Nov 22 is 19:30 UTC on Nov 21.
    expect(schedule.nextRunAt?.toISOString()).toBe("2026-11-21T19:30:00.000Z");
  });
});
