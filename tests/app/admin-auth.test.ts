import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { adminDocumentRequest, adminFetchRequest, loadApp, sessionToken, type LoadedApp } from "../support/app";

let app: LoadedApp;
beforeAll(async () => {
  app = await loadApp();
});
afterAll(() => app?.close());

const SHOP = "install.myshopify.com";

beforeEach(async () => {
  app.simulator.reset();
  await app.prisma.session.deleteMany();
  await app.prisma.billingSchedule.deleteMany();
  await app.prisma.dunningSettings.deleteMany();
});

/** The response `authenticate.admin` throws, or null when it lets the request through. */
async function rejection(request: Request): Promise<Response | null> {
  try {
    await app.shopify.authenticate.admin(request);
    return null;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

describe("authenticate.admin with a session token", () => {
  it("exchanges a valid token for an offline session and installs the shop in its own time zone", async () => {
    app.simulator.setShop(SHOP, { ianaTimezone: "Asia/Kathmandu" });
    const { session } = await app.shopify.authenticate.admin(await adminDocumentRequest("/app", SHOP));

    expect(session).toMatchObject({ shop: SHOP, isOnline: false });
    expect(app.simulator.callsTo("token-exchange")).toHaveLength(1);
    expect(app.simulator.callsTo("ShopTimezone")).toHaveLength(1);
    const stored = await app.prisma.session.findUniqueOrThrow({ where: { id: `offline_${SHOP}` } });
    // expiringOfflineAccessTokens: the session carries a refresh token.
    expect(stored.refreshToken).toMatch(/^shprt_/);
    expect(stored.expires).not.toBeNull();
    expect(await app.prisma.billingSchedule.findUnique({ where: { shop: SHOP } })).toMatchObject({
      timezone: "Asia/Kathmandu",
      hour: 10,
      active: true,
    });
    expect(await app.prisma.dunningSettings.findUnique({ where: { shop: SHOP } })).toMatchObject({
      retryAttempts: 3,
      daysBetweenRetryAttempts: 7,
      onFailure: "cancel",
    });
  });

  it("uses the stored session on the next request without another exchange", async () => {
    await app.shopify.authenticate.admin(await adminDocumentRequest("/app", SHOP));
    await app.shopify.authenticate.admin(await adminFetchRequest("/app/settings", SHOP));
    expect(app.simulator.callsTo("token-exchange")).toHaveLength(1);
  });

  it("on reinstall reactivates the schedule and keeps the merchant's hour and zone", async () => {
    app.simulator.setShop(SHOP, { ianaTimezone: "Europe/London" });
    await app.shopify.authenticate.admin(await adminDocumentRequest("/app", SHOP));
    await app.prisma.billingSchedule.update({ where: { shop: SHOP }, data: { hour: 6, timezone: "Europe/Dublin" } });
    // Uninstall: sessions gone, schedule inactive.
    await app.prisma.session.deleteMany({ where: { shop: SHOP } });
    await app.prisma.billingSchedule.update({ where: { shop: SHOP }, data: { active: false } });

    await app.shopify.authenticate.admin(await adminDocumentRequest("/app", SHOP));
    expect(await app.prisma.billingSchedule.findUnique({ where: { shop: SHOP } })).toMatchObject({
      hour: 6,
      timezone: "Europe/Dublin",
      active: true,
    });
    expect(app.simulator.callsTo("token-exchange")).toHaveLength(2);
  });

  it("retries the install on the next request when the time-zone lookup fails", async () => {
    // Both of the install's tries fail.
    app.simulator.failNext("ShopTimezone", { kind: "http", status: 500 }, 2);
    const failed = await rejection(await adminDocumentRequest("/app", SHOP));
    expect(failed?.status).toBe(500);
    expect(await app.prisma.session.count({ where: { shop: SHOP } })).toBe(0);
    expect(await app.prisma.billingSchedule.count({ where: { shop: SHOP } })).toBe(0);

    await app.shopify.authenticate.admin(await adminDocumentRequest("/app", SHOP));
    expect(await app.prisma.billingSchedule.count({ where: { shop: SHOP } })).toBe(1);
  });

  const now = Math.floor(Date.now() / 1000);
  const BAD_TOKENS = {
    expired: () => sessionToken(SHOP, { exp: now - 60, nbf: now - 3600, iat: now - 3600 }),
    "wrongly signed": () => sessionToken(SHOP, { secret: "someone-elses-secret" }),
    "for another app (wrong audience)": () => sessionToken(SHOP, { aud: "another-apps-api-key" }),
  };

  describe.each(Object.entries(BAD_TOKENS))("an %s token", (_name, makeToken) => {
    it("sends a document request to the bounce page for a fresh token, storing nothing", async () => {
      const response = await rejection(await adminDocumentRequest("/app", SHOP, await makeToken()));
      expect(response?.status).toBe(302);
      expect(new URL(response!.headers.get("location")!, "https://x").pathname).toBe("/auth/session-token");
      expect(await app.prisma.session.count()).toBe(0);
      expect(app.simulator.calls).toEqual([]);
    });

    it("answers a fetch with 401 and the retry header App Bridge acts on, storing nothing", async () => {
      const response = await rejection(await adminFetchRequest("/app/settings", SHOP, await makeToken()));
      expect(response?.status).toBe(401);
      expect(response?.headers.get("X-Shopify-Retry-Invalid-Session-Request")).toBe("1");
      expect(await app.prisma.session.count()).toBe(0);
      expect(app.simulator.calls).toEqual([]);
    });
  });
});
