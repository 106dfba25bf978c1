import { Session } from "@shopify/shopify-api";
import { describe, expect, it } from "vitest";
import { AppMemorySessionStorage } from "./memory-session-storage.server";

const SHOP = "memory-shop.myshopify.com";

function makeSession(id: string, overrides: Partial<ConstructorParameters<typeof Session>[0]> = {}): Session {
  return new Session({
    id,
    shop: SHOP,
    state: "state",
    isOnline: false,
    scope: "read_customers",
    accessToken: `token-${id}`,
    ...overrides,
  });
}

describe("AppMemorySessionStorage", () => {
  it("loads what was stored", async () => {
    const storage = new AppMemorySessionStorage();
    const session = makeSession("offline_a", { expires: new Date("2030-01-01T00:00:00Z") });
    await expect(storage.storeSession(session)).resolves.toBe(true);

    const loaded = await storage.loadSession("offline_a");
    expect(loaded).toBeInstanceOf(Session);
    expect(loaded?.toObject()).toEqual(session.toObject());
    await expect(storage.loadSession("missing")).resolves.toBeUndefined();
  });

  it("is not changed by mutating the stored Session object afterwards", async () => {
    const storage = new AppMemorySessionStorage();
    const session = makeSession("offline_a");
    await storage.storeSession(session);

    session.accessToken = "changed";
    session.scope = "write_products";

    const loaded = await storage.loadSession("offline_a");
    expect(loaded?.accessToken).toBe("token-offline_a");
    expect(loaded?.scope).toBe("read_customers");
  });

  it("is not changed by mutating a loaded Session", async () => {
    const storage = new AppMemorySessionStorage();
    await storage.storeSession(makeSession("offline_a"));

    const first = await storage.loadSession("offline_a");
    expect(first).toBeDefined();
    first!.accessToken = "changed";

    const second = await storage.loadSession("offline_a");
    expect(second).not.toBe(first);
    expect(second?.accessToken).toBe("token-offline_a");
  });

  it("is not changed by mutating a Session returned by findSessionsByShop", async () => {
    const storage = new AppMemorySessionStorage();
    await storage.storeSession(makeSession("offline_a"));

    const [found] = await storage.findSessionsByShop(SHOP);
    found.accessToken = "changed";

    expect((await storage.loadSession("offline_a"))?.accessToken).toBe("token-offline_a");
  });

  it("finds only the shop's sessions", async () => {
    const storage = new AppMemorySessionStorage();
    await storage.storeSession(makeSession("a"));
    await storage.storeSession(makeSession("b", { shop: "other-shop.myshopify.com" }));

    const found = await storage.findSessionsByShop(SHOP);
    expect(found.map((s) => s.id)).toEqual(["a"]);
    await expect(storage.findSessionsByShop("nobody.myshopify.com")).resolves.toEqual([]);
  });

  it("returns at most 25 sessions of a shop, latest expiry first", async () => {
    const storage = new AppMemorySessionStorage();
    const base = Date.UTC(2030, 0, 1);
    // Stored in shuffled order so insertion order cannot pass for expiry order.
    const order = Array.from({ length: 30 }, (_, i) => (i * 7) % 30);
    for (const day of order) {
      await storage.storeSession(
        makeSession(`online_${day}`, { isOnline: true, expires: new Date(base + day * 86_400_000) }),
      );
    }

    const found = await storage.findSessionsByShop(SHOP);
    expect(found).toHaveLength(25);
    expect(found.map((s) => s.id)).toEqual(
      Array.from({ length: 25 }, (_, i) => `online_${29 - i}`),
    );
  });

  it("puts sessions without an expiry after those with one", async () => {
    const storage = new AppMemorySessionStorage();
    await storage.storeSession(makeSession("offline_no_expiry"));
    await storage.storeSession(makeSession("online_early", { isOnline: true, expires: new Date("2030-01-01T00:00:00Z") }));
    await storage.storeSession(makeSession("offline_no_expiry_2"));
    await storage.storeSession(makeSession("online_late", { isOnline: true, expires: new Date("2031-01-01T00:00:00Z") }));

    const ids = (await storage.findSessionsByShop(SHOP)).map((s) => s.id);
    expect(ids.slice(0, 2)).toEqual(["online_late", "online_early"]);
    expect(ids.slice(2).sort()).toEqual(["offline_no_expiry", "offline_no_expiry_2"]);
  });

  it("drops sessions without an expiry first when a shop has more than 25", async () => {
    const storage = new AppMemorySessionStorage();
    await storage.storeSession(makeSession("offline_no_expiry"));
    const base = Date.UTC(2030, 0, 1);
    for (let day = 0; day < 25; day++) {
      await storage.storeSession(
        makeSession(`online_${day}`, { isOnline: true, expires: new Date(base + day * 86_400_000) }),
      );
    }

    const ids = (await storage.findSessionsByShop(SHOP)).map((s) => s.id);
    expect(ids).toHaveLength(25);
    expect(ids).not.toContain("offline_no_expiry");
  });

  it("deletes sessions", async () => {
    const storage = new AppMemorySessionStorage();
    await storage.storeSession(makeSession("a"));
    await storage.storeSession(makeSession("b"));
    await storage.storeSession(makeSession("c"));

    await storage.deleteSession("a");
    await storage.deleteSessions(["b"]);

    await expect(storage.loadSession("a")).resolves.toBeUndefined();
    await expect(storage.loadSession("b")).resolves.toBeUndefined();
    expect((await storage.findSessionsByShop(SHOP)).map((s) => s.id)).toEqual(["c"]);
  });
});
