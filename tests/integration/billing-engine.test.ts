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
import { billingAttemptSuccess } from "../../app/webhooks/billing-attempts.server";
import { contractCancel, subscriptionContractHandlers } from "../../app/webhooks/subscription-contracts.server";
import { deliverAttemptWebhooks, installShop, testEngineDeps } from "../support/engine";
import { providerCases } from "../support/providers";
import { receiveDelivery } from "../support/webhooks";

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
    for (const model of ["billingRun", "billingAttemptEvent", "dunningTracker", "dunningSettings", "billingSchedule", "session", "contractActivity", "orderTag", "emailOutbox", "notificationSettings", "processedWebhook"] as const) {
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
    const activity = (where: { actor?: string } = {}) =>
      db.prisma.contractActivity.findMany({
        where: { shop: SHOP, ...where },
        orderBy: { id: "asc" },
        select: { contractId: true, actor: true, action: true, outcome: true, detail: true },
      });

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
      // The contract's history says what dunning did, and why.
      expect(await activity()).toEqual([
        { contractId: contract.id, actor: "dunning", action: onFailure, outcome: "succeeded", detail: "Billing cycle 4 failed (CARD_DECLINED) and its retries ran out" },
      ]);
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
      expect(await activity()).toEqual([
        {
          contractId: expect.any(String),
          actor: "dunning",
          action: "cancel",
          outcome: "failed",
          detail: "Billing cycle 4 failed (CARD_DECLINED) and its retries ran out; Shopify refused: SubscriptionContractCancel: Contract can't be cancelled",
        },
      ]);
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

    describe("reactivation after recovery", () => {
      const later = new Date(first.getTime() + HOUR);

      /**
       * The ladder pauses the contract after the cycle's only allowed attempt; then the customer
       * completes that attempt's 3-D Secure challenge: the same attempt now succeeded, the cycle is
       * billed, and Shopify sends the attempt's success webhook.
       */
      async function pausedByDunningThenPaid(settings: Parameters<typeof installShop>[2]) {
        const contract = await failingContract({ retryAttempts: 0, onFailure: "pause", ...settings });
        await deliver();
        expect((await tick(first)).events).toEqual({ "final-action": 1 });
        expect(contract.status).toBe("PAUSED");
        return contract;
      }
      async function paid(contract: { cycles: Array<{ status: string; attempts: Array<{ errorCode: string | null }> }> }) {
        const attempt = contract.cycles[0].attempts.at(-1)!;
        attempt.errorCode = null;
        contract.cycles[0].status = "BILLED";
        await deliverAttemptWebhooks(db.prisma, [attempt as Parameters<typeof deliverAttemptWebhooks>[1][number]]);
      }
      const resumes = () => activity({ actor: "dunning" }).then((rows) => rows.filter((row) => row.action === "resume"));

      it_("resumes a contract the ladder paused once a later payment succeeds, when the shop turned it on", async () => {
        const contract = await pausedByDunningThenPaid({ reactivateAfterRecovery: true });
        await paid(contract);
        expect((await tick(later)).events).toEqual({ reactivated: 1 });
        expect(contract.status).toBe("ACTIVE");
        expect(simulator.callsTo("SubscriptionContractActivate").map((call) => call.variables)).toEqual([{ subscriptionContractId: contract.id }]);
        expect(await resumes()).toEqual([
          { contractId: contract.id, actor: "dunning", action: "resume", outcome: "succeeded", detail: "The payment of billing cycle 4 succeeded after dunning paused the contract" },
        ]);
        // Handled once: the next ticks leave it alone.
        expect((await tick(new Date(later.getTime() + HOUR))).events).toEqual({});
        expect(simulator.callsTo("SubscriptionContractActivate")).toHaveLength(1);
      });

      it_("leaves it paused, and says why in its history, when the setting is off", async () => {
        const contract = await pausedByDunningThenPaid({ reactivateAfterRecovery: false });
        await paid(contract);
        expect((await tick(later)).events).toEqual({ completed: 1 });
        expect(contract.status).toBe("PAUSED");
        expect(simulator.callsTo("SubscriptionContractActivate")).toHaveLength(0);
        expect(await resumes()).toEqual([
          { contractId: contract.id, actor: "dunning", action: "resume", outcome: "skipped", detail: "reactivateAfterRecovery is off" },
        ]);
      });

      it_("never resumes a contract the merchant paused (no pause of the ladder's)", async () => {
        const contract = await failingContract({ reactivateAfterRecovery: true });
        await deliver();
        expect((await tick(first)).events).toEqual({ "retry-scheduled": 1 });
        contract.status = "PAUSED"; // the merchant pauses it in Shopify's admin
        await paid(contract);
        expect((await tick(later)).events).toEqual({ completed: 1 });
        expect(contract.status).toBe("PAUSED");
        expect(await tracker()).toMatchObject({ completedReason: "PAYMENT_SUCCEEDED" });
        expect(simulator.callsTo("SubscriptionContractActivate")).toHaveLength(0);
        expect(await resumes()).toEqual([]);
      });

      it_("never resumes a contract paused again by the merchant after it was activated since the ladder's pause", async () => {
        const contract = await pausedByDunningThenPaid({ reactivateAfterRecovery: true });
        // The merchant resumes it, then pauses it again; Shopify's webhooks tell the app.
        const lifecycle = (topic: "activate" | "pause", status: "ACTIVE" | "PAUSED") => {
          contract.status = status;
          return receiveDelivery(db.prisma, subscriptionContractHandlers, {
            topic: `subscription_contracts/${topic}`,
            shop: SHOP,
            payload: { admin_graphql_api_id: contract.id, status: status.toLowerCase() },
          });
        };
        expect((await lifecycle("activate", "ACTIVE")).status).toBe(200);
        expect((await lifecycle("pause", "PAUSED")).status).toBe(200);
        await paid(contract);
        expect((await tick(later)).events).toEqual({ completed: 1 });
        expect(contract.status).toBe("PAUSED");
        expect(simulator.callsTo("SubscriptionContractActivate")).toHaveLength(0);
        expect(await resumes()).toEqual([]);
      });
    });
  });

  describe("order tags", () => {
    const SHOP = "tags.myshopify.com";
    const NOW = at("2026-11-21T12:00:00Z");
    const FIRST = ["Subscription", "Subscription First Order"];
    const RECURRING = ["Subscription", "Subscription Recurring Order"];
    const TAGS_ADD = "TagsAdd";

    beforeEach(async () => {
      if (!available) return;
      simulator.subscriptions.now = () => NOW.getTime();
      await installShop(db.prisma, SHOP, { now: NOW });
    });

    /** Its subscription_contracts/create, delivered through the receive path. */
    async function deliverCreate(contract: { id: string; originOrderId: string | null }, webhookId?: string) {
      const payload = { admin_graphql_api_id: contract.id, admin_graphql_api_origin_order_id: contract.originOrderId, status: "active", revision_id: "1" };
      const response = await receiveDelivery(db.prisma, subscriptionContractHandlers, { topic: "subscription_contracts/create", shop: SHOP, webhookId, payload });
      expect(response.status).toBe(200);
    }
    /** A contract made at checkout (with its origin order in Shopify), and its create webhook. */
    async function checkout(options: { origin?: boolean } = {}) {
      const contract = simulator.subscriptions.addContract(SHOP, { originOrder: options.origin ?? true });
      await deliverCreate(contract);
      return contract;
    }
    const tagRows = () => db.prisma.orderTag.findMany({ where: { shop: SHOP }, orderBy: { id: "asc" } });
    /** The tags the order has in Shopify. */
    const tagsOf = (order: string) => simulator.subscriptions.findOrder(SHOP, order)?.tags;

    it_("tags the origin order of a contract made at checkout once, then does nothing more", async () => {
      const contract = simulator.subscriptions.addContract(SHOP);
      const order = contract.originOrderId!;
      await deliverCreate(contract, "wh-create");
      // The same delivery again writes nothing twice.
      await deliverCreate(contract, "wh-create");
      expect(await tagRows()).toEqual([expect.objectContaining({ orderId: order, contractId: contract.id, kind: "first", doneAt: null, tries: 0 })]);
      expect(await db.prisma.contractActivity.findMany({ where: { shop: SHOP, contractId: contract.id }, select: { actor: true, action: true, outcome: true } })).toEqual([
        { actor: "shopify", action: "subscription_contracts/create", outcome: "succeeded" },
      ]);

      expect((await tick(NOW)).tags).toEqual({ tagged: 1 });
      expect(simulator.callsTo(TAGS_ADD).map((call) => call.variables)).toEqual([{ id: order, tags: FIRST }]);
      expect(tagsOf(order)).toEqual(FIRST);
      expect(await tagRows()).toEqual([expect.objectContaining({ doneAt: NOW, tries: 1, lastError: null, claimedUntil: null, claimToken: null })]);

      expect(await tick(new Date(NOW.getTime() + HOUR))).toMatchObject({ tags: {}, claimed: 0 });
      expect(simulator.callsTo(TAGS_ADD)).toHaveLength(1);
    });

    it_("queues nothing for a contract made without a checkout", async () => {
      await checkout({ origin: false });
      expect(await tagRows()).toEqual([]);
      expect((await tick(NOW)).tags).toEqual({});
      expect(simulator.callsTo(TAGS_ADD)).toHaveLength(0);
    });

    it_("tags the order of a successful renewal as a recurring order", async () => {
      // A contract whose next cycle is billed by the shop's scheduled charge at 10:00 the next day.
      const renewal = at("2026-11-22T10:00:00Z");
      const contract = simulator.subscriptions.addContract(SHOP, { originOrder: false, cycles: [{ index: 2, expectedDate: renewal }] });
      expect((await tick(renewal)).charges).toEqual({ succeeded: 1 });
      const [attempt] = simulator.subscriptions.takeNewAttempts();
      expect(attempt.orderId).toEqual(expect.stringMatching(/^gid:\/\/shopify\/Order\//));
      const payload = {
        admin_graphql_api_id: attempt.id,
        admin_graphql_api_subscription_contract_id: contract.id,
        admin_graphql_api_order_id: attempt.orderId,
        idempotency_key: attempt.id,
        error_code: null,
        error_message: null,
      };
      const success = (webhookId: string) => receiveDelivery(db.prisma, [billingAttemptSuccess], { topic: "subscription_billing_attempts/success", shop: SHOP, webhookId, payload });
      expect((await success("wh-1")).status).toBe(200);
      // Shopify may send the same attempt under another webhook id: still one order to tag.
      expect((await success("wh-2")).status).toBe(200);
      expect(await tagRows()).toEqual([expect.objectContaining({ orderId: attempt.orderId, contractId: contract.id, kind: "recurring", doneAt: null })]);

      const summary = await tick(new Date(renewal.getTime() + 60_000));
      expect(summary).toMatchObject({ events: { completed: 1 }, tags: { tagged: 1 } });
      expect(simulator.callsTo(TAGS_ADD).map((call) => call.variables)).toEqual([{ id: attempt.orderId, tags: RECURRING }]);
      expect(tagsOf(attempt.orderId!)).toEqual(RECURRING);
    });

    it_("tries a transient failure again after its back-off, and tags once", async () => {
      const order = (await checkout()).originOrderId!;
      // Every one of the gateway's tries in this tick gets a 503.
      simulator.failNext(TAGS_ADD, { kind: "http", status: 503 }, 3);
      expect((await tick(NOW)).tags).toEqual({ "will-retry": 1 });
      expect(tagsOf(order)).toEqual([]);
      const [row] = await tagRows();
      expect(row).toMatchObject({ doneAt: null, tries: 1, claimedUntil: new Date(NOW.getTime() + 60_000) });
      expect(row.lastError).toMatch(/503/);

      expect((await tick(new Date(NOW.getTime() + 30_000))).tags).toEqual({});
      expect((await tick(new Date(NOW.getTime() + 61_000))).tags).toEqual({ tagged: 1 });
      expect((await tick(new Date(NOW.getTime() + HOUR))).tags).toEqual({});
      expect(simulator.callsTo(TAGS_ADD).map((call) => call.outcome)).toEqual(["http", "http", "http", "ok"]);
      expect(tagsOf(order)).toEqual(FIRST);
      expect(await tagRows()).toEqual([expect.objectContaining({ doneAt: new Date(NOW.getTime() + 61_000), tries: 2, lastError: null })]);
    });

    it_("gives up on an order Shopify refuses to tag (deleted meanwhile), keeping the error", async () => {
      await receiveDelivery(db.prisma, subscriptionContractHandlers, {
        topic: "subscription_contracts/create",
        shop: SHOP,
        payload: { admin_graphql_api_id: "gid://shopify/SubscriptionContract/999", admin_graphql_api_origin_order_id: "gid://shopify/Order/999999", status: "active" },
      });
      expect((await tick(NOW)).tags).toEqual({ failed: 1 });
      expect(await tagRows()).toEqual([expect.objectContaining({ doneAt: NOW, tries: 1, lastError: expect.stringMatching(/^TagsAdd: .*does not exist/) })]);
      expect((await tick(new Date(NOW.getTime() + DAY))).tags).toEqual({});
      expect(simulator.callsTo(TAGS_ADD)).toHaveLength(1);
    });

    it_("gives up after the engine's tries", async () => {
      const order = (await checkout()).originOrderId!;
      simulator.failNext(TAGS_ADD, { kind: "network" }, 6);
      expect((await tick(NOW, { maxEventTries: 2 })).tags).toEqual({ "will-retry": 1 });
      expect((await tick(new Date(NOW.getTime() + HOUR), { maxEventTries: 2 })).tags).toEqual({ failed: 1 });
      expect(await tagRows()).toEqual([expect.objectContaining({ doneAt: new Date(NOW.getTime() + HOUR), tries: 2 })]);
      expect(tagsOf(order)).toEqual([]);
    });
  });
});
