/**
 * One session-storage suite for every place sessions can live: the Prisma
 * storage on each provider (through the app's own wiring, see
 * tests/support/databases.ts) and the app's memory storage.
 */
import { Session } from "@shopify/shopify-api";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSessionStorage } from "../../app/db/database.server";
import { createTestDatabase, type TestDatabase } from "../support/databases";
import { providerCases } from "../support/providers";

const SHOP = "sub-shop.myshopify.com";

function offlineSession(overrides: Partial<ConstructorParameters<typeof Session>[0]> = {}) {
  return new Session({
    id: `offline_${SHOP}`,
    shop: SHOP,
    state: "state-1",
    isOnline: false,
    scope: "write_own_subscription_contracts,read_customers",
    accessToken: "shpat_offline",
    ...overrides,
  });
}

function onlineSession(id: string, expires: Date) {
  return new Session({
    id,
    shop: SHOP,
    state: "state-2",
    isOnline: true,
    scope: "read_customers",
    accessToken: "shpua_online",
    expires,
    onlineAccessInfo: {
      expires_in: 86_400,
      associated_user_scope: "read_customers",
      associated_user: {
        id: 902541635,
        first_name: "Ada",
        last_name: "Lovelace",
        email: "ada@example.com",
        email_verified: true,
        account_owner: true,
        locale: "en-CA",
        collaborator: false,
      },
    },
  });
}

type Case = { name: string; skip: boolean; open: () => Promise<{ storage: SessionStorage; close: () => Promise<void> }> };

const cases: Case[] = [
  ...providerCases().map(({ provider, available }) => ({
    name: `prisma on ${provider}`,
    skip: !available,
    open: async () => {
      const db: TestDatabase = await createTestDatabase(provider);
      return { storage: db.sessionStorage, close: () => db.close() };
    },
  })),
  {
    name: "memory",
    skip: false,
    open: async () => ({
      storage: createSessionStorage("memory", undefined as never),
      close: async () => {},
    }),
  },
];

describe.each(cases)("session storage: $name", ({ skip, open }) => {
  let storage: SessionStorage;
  let close: () => Promise<void>;

  beforeAll(async () => {
    if (skip) return;
    ({ storage, close } = await open());
  });
  afterAll(async () => {
    if (!skip) await close();
  });

  it.skipIf(skip)("stores and loads an offline session with every field", async () => {
    const refreshTokenExpires = new Date(Date.UTC(2027, 0, 2, 3, 4, 5, 678));
    const session = offlineSession({
      expires: new Date(Date.UTC(2027, 0, 1, 0, 0, 0, 123)),
      refreshToken: "shprt_refresh",
      refreshTokenExpires,
    });
    expect(await storage.storeSession(session)).toBe(true);

    const loaded = await storage.loadSession(session.id);
    expect(loaded!.id).toBe(session.id);
    expect(loaded!.shop).toBe(SHOP);
    expect(loaded!.state).toBe("state-1");
    expect(loaded!.isOnline).toBe(false);
    expect(loaded!.scope).toBe("write_own_subscription_contracts,read_customers");
    expect(loaded!.accessToken).toBe("shpat_offline");
    expect(loaded!.expires?.toISOString()).toBe("2027-01-01T00:00:00.123Z");
    expect(loaded!.refreshToken).toBe("shprt_refresh");
    expect(loaded!.refreshTokenExpires?.toISOString()).toBe("2027-01-02T03:04:05.678Z");
    expect(loaded!.onlineAccessInfo).toBeUndefined();
    expect(loaded!.equals(session)).toBe(true);
  });

  it.skipIf(skip)("stores and loads an online session with its associated user", async () => {
    const session = onlineSession(`${SHOP}_902541635`, new Date(Date.UTC(2030, 5, 1)));
    await storage.storeSession(session);

    const loaded = await storage.loadSession(session.id);
    expect(loaded!.isOnline).toBe(true);
    expect(loaded!.onlineAccessInfo?.associated_user).toMatchObject({
      id: 902541635,
      first_name: "Ada",
      last_name: "Lovelace",
      email: "ada@example.com",
      email_verified: true,
      account_owner: true,
      locale: "en-CA",
      collaborator: false,
    });
    expect(loaded!.expires?.toISOString()).toBe("2030-06-01T00:00:00.000Z");
  });

  it.skipIf(skip)("replaces a stored session (a token refresh) instead of adding one", async () => {
    const id = `offline_refresh-${SHOP}`;
    await storage.storeSession(offlineSession({ id, accessToken: "old", refreshToken: "r1" }));
    await storage.storeSession(offlineSession({ id, accessToken: "new", refreshToken: "r2", refreshTokenExpires: new Date(1_900_000_000_000) }));

    const loaded = await storage.loadSession(id);
    expect(loaded!.accessToken).toBe("new");
    expect(loaded!.refreshToken).toBe("r2");
    expect(loaded!.refreshTokenExpires?.getTime()).toBe(1_900_000_000_000);
  });

  it.skipIf(skip)("keeps expiry, so an expired session reads as inactive", async () => {
    const id = `offline_expired-${SHOP}`;
    await storage.storeSession(offlineSession({ id, expires: new Date(Date.now() - 60_000) }));
    const loaded = await storage.loadSession(id);
    expect(loaded!.isExpired()).toBe(true);
    expect(loaded!.isActive("write_own_subscription_contracts,read_customers")).toBe(false);

    const freshId = `offline_fresh-${SHOP}`;
    await storage.storeSession(offlineSession({ id: freshId, expires: new Date(Date.now() + 3_600_000) }));
    expect((await storage.loadSession(freshId))!.isActive("write_own_subscription_contracts,read_customers")).toBe(true);
  });

  it.skipIf(skip)("returns undefined for an unknown id", async () => {
    expect(await storage.loadSession("offline_nobody.myshopify.com")).toBeUndefined();
  });

  it.skipIf(skip)("deletes one session, and deleting a missing one still succeeds", async () => {
    const id = `offline_delete-${SHOP}`;
    await storage.storeSession(offlineSession({ id }));
    expect(await storage.deleteSession(id)).toBe(true);
    expect(await storage.loadSession(id)).toBeUndefined();
    expect(await storage.deleteSession(id)).toBe(true);
  });

  it.skipIf(skip)("deletes many sessions by id and leaves the others", async () => {
    const shop = "delete-many.myshopify.com";
    const ids = ["a", "b", "c"].map((suffix) => `offline_${suffix}_${shop}`);
    for (const id of ids) await storage.storeSession(offlineSession({ id, shop }));

    expect(await storage.deleteSessions([ids[0], ids[2]])).toBe(true);
    expect(await storage.loadSession(ids[0])).toBeUndefined();
    expect(await storage.loadSession(ids[2])).toBeUndefined();
    expect((await storage.loadSession(ids[1]))!.id).toBe(ids[1]);
  });

  it.skipIf(skip)("finds a shop's sessions: only that shop's, at most 25, latest expiry first", async () => {
    const shop = "many-sessions.myshopify.com";
    const base = Date.UTC(2031, 0, 1);
    // Stored in shuffled order so that insertion order cannot pass for expiry order.
    const order = Array.from({ length: 30 }, (_, i) => (i * 7) % 30);
    for (const i of order) {
      const session = onlineSession(`${shop}_user_${i}`, new Date(base + i * 60_000));
      session.shop = shop;
      await storage.storeSession(session);
    }
    await storage.storeSession(offlineSession({ id: "offline_other.myshopify.com", shop: "other.myshopify.com" }));

    const found = await storage.findSessionsByShop(shop);
    expect(found).toHaveLength(25);
    expect(found.every((session) => session.shop === shop)).toBe(true);
    expect(found.map((session) => session.id)).toEqual(
      Array.from({ length: 25 }, (_, k) => `${shop}_user_${29 - k}`),
    );
    expect(await storage.findSessionsByShop("nobody.myshopify.com")).toEqual([]);
  });
});
