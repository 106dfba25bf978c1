/**
 * The billing scheduler and the dunning engine on SQLite and PostgreSQL,
 * against the Admin API simulator, with the clock driven by the test.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EngineDeps } from "../../app/scheduler/deps";
import { claimDueCharges } from "../../app/billing/scheduled-charges.server";
import { runTick } from "../../app/scheduler/tick.server";
import { startAdminApiSimulator } from "../../simulator/node";
import { createTestDatabase, type TestDatabase } from "../support/databases";
import { contractCancel } from "../../app/webhooks/subscription-contracts.server";
import { deliverAttemptWebhooks, installShop, testEngineDeps } from "../support/engine";
import { providerCases } from "../support/providers";

const running = startAdminApiSimulator({ apiKey: "key", apiSecret: "secret" });
const { simulator } = running;
afterAll(() => running.close());

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => new Date(iso);
const BULK = "SubscriptionBillingCycleBulkCharge";

describe.each(providerCases().filter(({ provider }) => provider !== "mysql"))("billing engine on $provider", ({ provider, available }) => {
  let db: TestDatabase;
  let deps: EngineDeps;
  const it_ = it.skipIf(!available);

  beforeAll(async () => {
    if (!available) return;
    db = await createTestDatabase(provider);
    deps = testEngineDeps(db.prisma);
  });
  afterAll(() => db?.close());
  beforeEach(() => simulator.reset());
  afterEach(async () => {
    if (!available) return;
    for (const model of ["billingRun", "billingAttemptEvent", "dunningTracker", "dunningSettings", "billingSchedule", "session"] as const) {
      await (db.prisma[model] as { deleteMany(): Promise<unknown> }).deleteMany();
    }
  });

  const tick = (now: Date, options: Parameters<typeof runTick>[1] = {}) => {
    // Shopify's clock moves with the engine's: its bulk charge refuses windows ending over a day ahead.
    simulator.subscriptions.now = () => now.getTime();
    return runTick(deps, { now, ...options });
  };

  it_("charges every shop exactly once in a simulated day of ticks, at its local hour, in every zone", async () => {
    const start = at("2026-11-21T00:00:00Z");
    const zones = ["UTC", "America/Toronto", "Asia/Kathmandu", "Australia/Adelaide", "Asia/Kolkata", "Europe/London", "Pacific/Auckland", "America/St_Johns", "Pacific/Chatham", "America/Los_Angeles"];
    const shops = Array.from({ length: 30 }, (_, i) => ({ shop: `day-${i}.myshopify.com`, timezone: zones[i % zones.length], hour: (i * 5) % 24 }));
    for (const { shop, timezone, hour } of shops) {
      await installShop(db.prisma, shop, { timezone, hour, now: start });
      // A cycle expected during the shop's next local day.
      const schedule = await db.prisma.billingSchedule.findUniqueOrThrow({ where: { shop } });
      simulator.subscriptions.addContract(shop, { cycles: [{ index: 1, expectedDate: schedule.nextRunAt! }] });
    }

    for (let t = start.getTime(); t <= start.getTime() + DAY; t += 5 * 60_000) await tick(new Date(t));

    for (const { shop } of shops) {
      const calls = simulator.calls.filter((call) => call.operationName === BULK && call.shop === shop);
      expect(calls, shop).toHaveLength(1);
    }
    for (const contract of simulator.subscriptions.contracts.values()) {
      expect(contract.cycles[0].attempts, contract.shop).toHaveLength(1);
    }
    expect(await db.prisma.billingRun.count({ where: { status: "succeeded" } })).toBe(shops.length);
  });

  it_("runs each charge within a tick of the local hour, and then not again that local day", async () => {
    const start = at("2026-11-21T00:00:00Z");
    await installShop(db.prisma, "kathmandu.myshopify.com", { timezone: "Asia/Kathmandu", hour: 9, now: start });
    // 09:00 in Kathmandu (+05:45) is 03:15 UTC.
    expect((await tick(at("2026-11-21T03:14:00Z"))).charges).toEqual({});
    expect((await tick(at("2026-11-21T03:15:00Z"))).charges).toEqual({ succeeded: 1 });
    expect((await tick(at("2026-11-21T03:20:00Z"))).charges).toEqual({});
    const schedule = await db.prisma.billingSchedule.findUniqueOrThrow({ where: { shop: "kathmandu.myshopify.com" } });
    expect(schedule).toMatchObject({ lastRunOutcome: "succeeded", nextRunAt: at("2026-11-22T03:15:00Z"), claimedUntil: null });
    const [call] = simulator.callsTo(BULK);
    // The window: two days back from the end of the local day.
    expect(call.variables).toMatchObject({
      startDate: "2026-11-19T18:14:59.999Z",
      endDate: "2026-11-21T18:14:59.999Z",
      contractStatus: ["ACTIVE"],
      billingCycleStatus: ["UNBILLED"],
      billingAttemptStatus: "NO_ATTEMPT",
    });
  });

  it_("catches up once after downtime, not once per missed hour or day", async () => {
    const start = at("2026-11-21T00:00:00Z");
    await installShop(db.prisma, "down.myshopify.com", { timezone: "Europe/Paris", hour: 6, now: start });
    // Down for three days; the first tick afterwards charges once, the next ones nothing until the next 06:00.
    expect((await tick(at("2026-11-24T12:00:00Z"))).charges).toEqual({ succeeded: 1 });
    for (let t = at("2026-11-24T12:05:00Z").getTime(); t < at("2026-11-25T05:00:00Z").getTime(); t += HOUR) {
      expect((await tick(new Date(t))).charges).toEqual({});
    }
    expect((await tick(at("2026-11-25T05:00:00Z"))).charges).toEqual({ succeeded: 1 });
    expect(simulator.callsTo(BULK)).toHaveLength(2);
  });

  it_("takes over the claim of a crashed tick once its lease runs out", async () => {
    const now = at("2026-11-21T12:00:00Z");
    await installShop(db.prisma, "crash.myshopify.com", { hour: 10, now: at("2026-11-21T09:00:00Z") });
    const [claim] = await claimDueCharges(db.prisma, now, { limit: 10, leaseMs: 5 * 60_000 });
    expect(claim.shop).toBe("crash.myshopify.com");
    // ...the claimer dies here. Other ticks leave the shop alone while the lease holds:
    expect((await tick(at("2026-11-21T12:04:00Z"))).charges).toEqual({});
    expect(simulator.callsTo(BULK)).toHaveLength(0);
    // and take it over after.
    expect((await tick(at("2026-11-21T12:06:00Z"))).charges).toEqual({ succeeded: 1 });
    expect(await db.prisma.billingRun.findMany({ select: { status: true, attempts: true } })).toEqual([{ status: "succeeded", attempts: 1 }]);
  });

  it_("never charges a cycle twice when a crash came after Shopify's charge but before completion", async () => {
    const shop = "midway.myshopify.com";
    await installShop(db.prisma, shop, { hour: 10, now: at("2026-11-21T09:00:00Z") });
    const contract = simulator.subscriptions.addContract(shop, { cycles: [{ index: 1, expectedDate: "2026-11-21T10:00:00Z" }] });
    const crashing: EngineDeps = {
      ...deps,
      async adminFor(name) {
        const admin = await deps.adminFor(name);
        return { ...admin, bulkCharge: async (window) => (await admin.bulkCharge(window), new Promise<never>(() => {})) };
      },
    };
    // The tick hangs after the charge (a process that dies there never completes).
    void runTick(crashing, { now: at("2026-11-21T10:00:00Z") });
    await expect.poll(() => simulator.callsTo(BULK).length).toBe(1);

    expect((await tick(at("2026-11-21T10:10:00Z"))).charges).toEqual({ succeeded: 1 });
    expect(simulator.callsTo(BULK)).toHaveLength(2);
    expect(contract.cycles[0].attempts).toHaveLength(1);
    expect(await db.prisma.billingRun.findMany({ select: { status: true, attempts: true } })).toEqual([{ status: "succeeded", attempts: 2 }]);
  });

  it_("retries throttling and 5xx, records userErrors, and keeps a failed shop from blocking others", async () => {
    const now = at("2026-11-21T10:00:00Z");
    for (const shop of ["throttled", "down", "refused", "fine"]) await installShop(db.prisma, `${shop}.myshopify.com`, { hour: 10, now: at("2026-11-21T09:00:00Z") });
    simulator.failNext(BULK, { kind: "throttled" }, 2); // within the gateway's tries
    const summary = await tick(now, { concurrency: 1 });
    // Scripted failures apply to calls in order; with concurrency 1 the shops are charged in claim order.
    expect(summary.charges).toEqual({ succeeded: 4 });

    // The next day's runs.
    const next = at("2026-11-22T10:00:00Z");
    simulator.failNext(BULK, { kind: "http", status: 503 }, 3); // all of one shop's gateway tries
    simulator.failNext(BULK, { kind: "userErrors", userErrors: [{ field: ["filters"], message: "Invalid filters", code: "INVALID" }] });
    const second = await tick(next, { concurrency: 1 });
    expect(second.charges).toEqual({ retrying: 1, failed: 1, succeeded: 2 });
    const schedules = await db.prisma.billingSchedule.findMany({ orderBy: { nextRunAt: "asc" } });
    expect(schedules.map((schedule) => schedule.lastRunOutcome).sort()).toEqual(["failed", "retrying", "succeeded", "succeeded"]);
    const failed = schedules.find((schedule) => schedule.lastRunOutcome === "failed")!;
    expect(failed.lastRunError).toContain("Invalid filters");
    expect(failed.nextRunAt!.getTime()).toBeGreaterThan(next.getTime());

    // The one left retrying is charged when its back-off (1 minute after a first failure) has passed.
    expect((await tick(at("2026-11-22T10:00:30Z"))).charges).toEqual({});
    expect((await tick(at("2026-11-22T10:01:01Z"))).charges).toEqual({ succeeded: 1 });
    expect(await db.prisma.billingRun.count({ where: { scheduledFor: next, status: "succeeded", attempts: 2 } })).toBe(1);
  });

  it_("forgets webhook delivery ids after a week", async () => {
    const now = at("2026-11-21T12:00:00Z");
    await db.prisma.processedWebhook.createMany({
      data: [
        { webhookId: "old", shop: "a.myshopify.com", topic: "APP_UNINSTALLED", processedAt: new Date(now.getTime() - 7 * DAY - 1) },
        { webhookId: "recent", shop: "a.myshopify.com", topic: "APP_UNINSTALLED", processedAt: new Date(now.getTime() - 6 * DAY) },
      ],
    });
    await tick(now);
    expect((await db.prisma.processedWebhook.findMany()).map((row) => row.webhookId)).toEqual(["recent"]);
    await db.prisma.processedWebhook.deleteMany();
  });

  it_("retries a charge that got no answer at all, instead of failing it", async () => {
    await installShop(db.prisma, "flaky.myshopify.com", { hour: 10, now: at("2026-11-21T09:00:00Z") });
    // Every one of the gateway's tries loses its connection: the library throws HttpRequestError.
    simulator.failNext(BULK, { kind: "network" }, 3);
    expect((await tick(at("2026-11-21T10:00:00Z"))).charges).toEqual({ retrying: 1 });
    const schedule = await db.prisma.billingSchedule.findUniqueOrThrow({ where: { shop: "flaky.myshopify.com" } });
    expect(schedule.lastRunError).toMatch(/no response available/);
    expect((await tick(at("2026-11-21T10:01:01Z"))).charges).toEqual({ succeeded: 1 });
    expect(simulator.callsTo(BULK).map((call) => call.outcome)).toEqual(["network", "network", "network", "ok"]);
  });

  it_("after days of downtime, charges back to the last run (up to a week), once", async () => {
    await installShop(db.prisma, "long-down.myshopify.com", { hour: 10, now: at("2026-11-10T09:00:00Z") });
    await tick(at("2026-11-10T10:00:00Z"));
    // Down from Nov 10 to Nov 16 (6 days).
    await tick(at("2026-11-16T15:00:00Z"));
    const [, catchUp] = simulator.callsTo(BULK);
    expect(catchUp.variables).toMatchObject({ startDate: "2026-11-10T10:00:00.000Z", endDate: "2026-11-16T23:59:59.999Z" });
    expect(simulator.callsTo(BULK)).toHaveLength(2);
  });

  it_("records an uninstalled shop's run as failed without calling Shopify", async () => {
    await installShop(db.prisma, "gone.myshopify.com", { hour: 10, now: at("2026-11-21T09:00:00Z") });
    await db.prisma.session.deleteMany();
    expect((await tick(at("2026-11-21T10:00:00Z"))).charges).toEqual({ failed: 1 });
    expect(simulator.calls).toEqual([]);
  });

  describe("dunning", () => {
    const SHOP = "dunning.myshopify.com";
    const first = at("2026-11-21T10:00:00Z");

    async function failingContract(settings: Parameters<typeof installShop>[2] = {}, paymentError = "CARD_DECLINED") {
      await installShop(db.prisma, SHOP, { hour: 10, now: at("2026-11-21T09:00:00Z"), ...settings });
      const contract = simulator.subscriptions.addContract(SHOP, { cycles: [{ index: 4, expectedDate: first }], paymentError });
      await tick(first); // the scheduled charge fails
      return contract;
    }
    const deliver = () => deliverAttemptWebhooks(db.prisma, simulator.subscriptions.takeNewAttempts());
    const tracker = () => db.prisma.dunningTracker.findFirstOrThrow({ where: { shop: SHOP } });

    it_("charges no retry once the contract's cancel webhook has come in", async () => {
      const contract = await failingContract({ retryAttempts: 2, daysBetweenRetryAttempts: 3 });
      await deliver();
      expect((await tick(first)).events).toEqual({ "retry-scheduled": 1 });
      await contractCancel.handle(
        { admin_graphql_api_id: contract.id, status: "cancelled" },
        { shop: SHOP, webhookId: "wh-cancel", tx: db.prisma, log: () => {} },
      );
      expect((await tick(new Date(first.getTime() + 3 * DAY))).retries).toEqual({});
      expect(simulator.callsTo("SubscriptionBillingCycleCharge")).toHaveLength(0);
      expect(await tracker()).toMatchObject({ completedReason: "CONTRACT_CANCELLED", nextAttemptAt: null });
    });

    it_.each(["cancel", "pause", "skip"] as const)("walks the whole ladder: retry, retry, then %s", async (onFailure) => {
      const contract = await failingContract({ retryAttempts: 2, daysBetweenRetryAttempts: 3, onFailure });
      await deliver();
      expect((await tick(first)).events).toEqual({ "retry-scheduled": 1 });
      expect(await tracker()).toMatchObject({ billingCycleIndex: 4, failureReason: "CARD_DECLINED", nextAttemptAt: new Date(first.getTime() + 3 * DAY), completedAt: null });

      // Not before it is due; then the first retry.
      expect((await tick(new Date(first.getTime() + 3 * DAY - 60_000))).retries).toEqual({});
      expect((await tick(new Date(first.getTime() + 3 * DAY))).retries).toEqual({ charged: 1 });
      // Marked as charged (awaiting its webhook) before Shopify was called.
      expect(await tracker()).toMatchObject({ nextAttemptAt: null, lastAttemptAt: new Date(first.getTime() + 3 * DAY), claimToken: null });
      await deliver();
      expect((await tick(new Date(first.getTime() + 3 * DAY))).events).toEqual({ "retry-scheduled": 1 });

      expect((await tick(new Date(first.getTime() + 6 * DAY))).retries).toEqual({ charged: 1 });
      await deliver();
      expect((await tick(new Date(first.getTime() + 6 * DAY))).events).toEqual({ "final-action": 1 });

      expect(simulator.callsTo("SubscriptionBillingCycleCharge")).toHaveLength(2);
      expect(await tracker()).toMatchObject({ completedReason: `FINAL_ACTION_${onFailure.toUpperCase()}`, nextAttemptAt: null });
      if (onFailure === "cancel") expect(contract.status).toBe("CANCELLED");
      if (onFailure === "pause") expect(contract.status).toBe("PAUSED");
      if (onFailure === "skip") expect(contract.cycles[0].skipped).toBe(true);
      expect(contract.cycles[0].attempts).toHaveLength(3);
    });

    it_("turns repeated failure deliveries into one tracker and one retry", async () => {
      await failingContract();
      const [attempt] = simulator.subscriptions.takeNewAttempts();
      await deliverAttemptWebhooks(db.prisma, [attempt]);
      await deliverAttemptWebhooks(db.prisma, [attempt]);
      expect(await db.prisma.billingAttemptEvent.count()).toBe(1);
      await tick(first);
      const scheduled = (await tracker()).nextAttemptAt;

      // Even an event handled twice (say, after a crash before it was marked) schedules nothing more.
      await db.prisma.billingAttemptEvent.updateMany({ data: { processedAt: null } });
      expect((await tick(new Date(first.getTime() + HOUR))).events).toEqual({ "retry-already-scheduled": 1 });
      expect(await db.prisma.dunningTracker.count()).toBe(1);
      expect((await tracker()).nextAttemptAt).toEqual(scheduled);
    });

    it_("completes the cycle's trackers when a retry succeeds", async () => {
      const contract = await failingContract();
      await deliver();
      await tick(first);
      contract.paymentError = null;
      expect((await tick(new Date(first.getTime() + 7 * DAY))).retries).toEqual({ charged: 1 });
      await deliver();
      expect((await tick(new Date(first.getTime() + 7 * DAY))).events).toEqual({ completed: 1 });
      expect(await tracker()).toMatchObject({ completedReason: "PAYMENT_SUCCEEDED", nextAttemptAt: null });
      expect(await tick(new Date(first.getTime() + 30 * DAY))).toMatchObject({ retries: {}, events: {} });
    });

    it_("follows the inventory settings for inventory failures", async () => {
      const contract = await failingContract({ inventoryRetryAttempts: 1, inventoryDaysBetweenRetryAttempts: 1, inventoryOnFailure: "skip" }, "INSUFFICIENT_INVENTORY");
      await deliver();
      await tick(first);
      expect(await tracker()).toMatchObject({ failureReason: "INSUFFICIENT_INVENTORY", nextAttemptAt: new Date(first.getTime() + DAY) });
      await tick(new Date(first.getTime() + DAY));
      await deliver();
      expect((await tick(new Date(first.getTime() + DAY))).events).toEqual({ "final-action": 1 });
      expect(contract.cycles[0].skipped).toBe(true);
      expect(contract.status).toBe("ACTIVE");
    });

    it_("completes without acting when the contract was cancelled or the cycle billed meanwhile", async () => {
      const contract = await failingContract();
      contract.status = "CANCELLED";
      await deliver();
      expect((await tick(first)).events).toEqual({ completed: 1 });
      expect(await tracker()).toMatchObject({ completedReason: "CONTRACT_CANCELLED", nextAttemptAt: null });
      expect(simulator.callsTo("SubscriptionContractCancel")).toHaveLength(0);
    });

    it_("continues the cycle's tracker when a retry fails with another code", async () => {
      const contract = await failingContract({ retryAttempts: 1, onFailure: "pause" });
      await deliver();
      await tick(first);
      contract.paymentError = "INSUFFICIENT_FUNDS";
      await tick(new Date(first.getTime() + 7 * DAY));
      await deliver();
      expect((await tick(new Date(first.getTime() + 7 * DAY))).events).toEqual({ "final-action": 1 });
      expect(await db.prisma.dunningTracker.findMany({ select: { failureReason: true, completedReason: true } })).toEqual([
        { failureReason: "CARD_DECLINED", completedReason: "FINAL_ACTION_PAUSE" },
      ]);
    });

    it_("completes the tracker as FINAL_ACTION_FAILED when Shopify refuses the final action", async () => {
      await failingContract({ retryAttempts: 0, onFailure: "cancel" });
      simulator.failNext("SubscriptionContractCancel", { kind: "userErrors", userErrors: [{ message: "Contract can't be cancelled", code: "INVALID" }] });
      await deliver();
      expect((await tick(first)).events).toEqual({ "final-action": 1 });
      expect(await tracker()).toMatchObject({ completedReason: "FINAL_ACTION_FAILED", nextAttemptAt: null });
    });

    it_("looks again at a retry whose outcome never came (a crash before the charge), and charges once", async () => {
      const contract = await failingContract();
      await deliver();
      await tick(first);
      // The retry was marked as charging, then the process died before calling Shopify.
      const charging = new Date(first.getTime() + 7 * DAY);
      await db.prisma.dunningTracker.updateMany({ data: { nextAttemptAt: null, lastAttemptAt: charging } });
      expect((await tick(new Date(charging.getTime() + 12 * HOUR))).retries).toEqual({});
      expect((await tick(new Date(charging.getTime() + DAY + 60_000))).retries).toEqual({ charged: 1 });
      expect(contract.cycles[0].attempts).toHaveLength(2);
    });

    it_("takes the final action instead of charging when the cycle's attempts already use up the retries", async () => {
      const contract = await failingContract({ retryAttempts: 1, onFailure: "skip" });
      await deliver();
      await tick(first);
      // A second attempt happened outside the engine (a merchant's manual retry) and its webhook was lost.
      simulator.subscriptions.cycle(contract.id, 4).attempts.push({ ...contract.cycles[0].attempts[0], id: "gid://shopify/SubscriptionBillingAttempt/manual" });
      expect((await tick(new Date(first.getTime() + 7 * DAY))).retries).toEqual({ completed: 1 });
      expect(simulator.callsTo("SubscriptionBillingCycleCharge")).toHaveLength(0);
      expect(contract.cycles[0].skipped).toBe(true);
      expect(await tracker()).toMatchObject({ completedReason: "FINAL_ACTION_SKIP" });
    });

    it_("skips a due retry, completing the tracker, when the cycle was billed another way", async () => {
      const contract = await failingContract();
      await deliver();
      await tick(first);
      contract.cycles[0].status = "BILLED";
      expect((await tick(new Date(first.getTime() + 7 * DAY))).retries).toEqual({ completed: 1 });
      expect(simulator.callsTo("SubscriptionBillingCycleCharge")).toHaveLength(0);
      expect(await tracker()).toMatchObject({ completedReason: "CYCLE_ALREADY_BILLED" });
    });
  });
});
