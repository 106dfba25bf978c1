/**
 * The ways the engine is driven, with the app's own wiring (shopify.server's
 * unauthenticated.admin and the stored offline session): the cron route with
 * its secret, and the in-process timer.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadApp, APP_URL, type LoadedApp } from "../support/app";

let app: LoadedApp;
type Loader = (args: { request: Request; params: object; context: object }) => Promise<Response>;
let cronRoute: Loader;
const SECRET = "a-cron-secret-of-32-characters!!";
const SHOP = "cron.myshopify.com";
const BULK = "SubscriptionBillingCycleBulkCharge";

beforeAll(async () => {
  process.env.BILLING_SCHEDULER = "off";
  app = await loadApp();
  cronRoute = ((await import("../../app/routes/api.cron.billing-tick")) as { loader: Loader }).loader;
});
afterAll(() => app?.close());

beforeEach(async () => {
  process.env.CRON_SECRET = SECRET;
  app.simulator.reset();
  await app.prisma.billingRun.deleteMany();
  await app.prisma.billingSchedule.deleteMany();
  await app.prisma.session.deleteMany();
  await app.prisma.session.create({ data: { id: `offline_${SHOP}`, shop: SHOP, state: "", accessToken: "shpat_cron", expires: new Date(Date.now() + 3600_000) } });
  await app.prisma.billingSchedule.create({ data: { shop: SHOP, hour: 10, timezone: "UTC", nextRunAt: new Date(Date.now() - 60_000) } });
});

const call = (headers: Record<string, string> = {}, method = "GET") =>
  cronRoute({ request: new Request(`${APP_URL}/api/cron/billing-tick`, { method, headers }), params: {}, context: {} });

describe("GET /api/cron/billing-tick", () => {
  it.each([
    ["no Authorization header", {}],
    ["a wrong secret", { authorization: "Bearer not-the-secret-at-all-not-it" }],
    ["the secret without the Bearer scheme", { authorization: SECRET }],
    ["the secret as Basic credentials", { authorization: `Basic ${SECRET}` }],
    ["a prefix of the secret", { authorization: `Bearer ${SECRET.slice(0, 10)}` }],
  ])("answers 401 to %s and runs nothing", async (_name, headers) => {
    const response = await call(headers);
    expect(response.status).toBe(401);
    expect(app.simulator.calls).toEqual([]);
    expect(await app.prisma.billingRun.count()).toBe(0);
  });

  it("answers 401 to everyone while CRON_SECRET is unset", async () => {
    delete process.env.CRON_SECRET;
    expect((await call({ authorization: "Bearer " })).status).toBe(401);
    expect((await call({ authorization: `Bearer ${SECRET}` })).status).toBe(401);
    expect(app.simulator.calls).toEqual([]);
  });

  it("with the secret, runs ticks until nothing is due and reports them", async () => {
    const response = await call({ authorization: `Bearer ${SECRET}` });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { ticks: Array<{ charges: Record<string, number>; claimed: number }> };
    expect(body.ticks[0].charges).toEqual({ succeeded: 1 });
    expect(body.ticks.at(-1)!.claimed).toBe(0);
    // Through the app's own Admin API client, with the shop's stored token.
    expect(app.simulator.callsTo(BULK)).toEqual([expect.objectContaining({ shop: SHOP, apiVersion: "2026-10", outcome: "ok" })]);
    expect(await app.prisma.billingSchedule.findUnique({ where: { shop: SHOP } })).toMatchObject({ lastRunOutcome: "succeeded" });

    // Called again at once: nothing is due.
    const again = (await (await call({ authorization: `Bearer ${SECRET}` })).json()) as { ticks: Array<{ claimed: number }> };
    expect(again.ticks).toEqual([expect.objectContaining({ claimed: 0 })]);
    expect(app.simulator.callsTo(BULK)).toHaveLength(1);
  });

  it("accepts POST the same way", async () => {
    const route = (await import("../../app/routes/api.cron.billing-tick")) as { action: Loader };
    const request = new Request(`${APP_URL}/api/cron/billing-tick`, { method: "POST", headers: { authorization: `Bearer ${SECRET}` } });
    expect((await route.action({ request, params: {}, context: {} })).status).toBe(200);
  });
});

describe("the in-process scheduler", () => {
  it("ticks on its own, once per interval, with one timer however often it is started", async () => {
    const { startInProcessScheduler, stopInProcessScheduler } = await import("../../app/scheduler/in-process.server");
    const { engineDeps } = await import("../../app/scheduler/app-deps.server");
    try {
      startInProcessScheduler(engineDeps, 50);
      startInProcessScheduler(engineDeps, 50);
      await expect.poll(() => app.simulator.callsTo(BULK).length, { timeout: 5000 }).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(app.simulator.callsTo(BULK)).toHaveLength(1);
      expect(await app.prisma.billingRun.count({ where: { shop: SHOP, status: "succeeded" } })).toBe(1);
    } finally {
      await stopInProcessScheduler();
    }
  });
});
