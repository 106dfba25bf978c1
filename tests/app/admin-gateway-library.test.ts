/**
 * The gateway's error paths through @shopify/shopify-api's real GraphQL
 * client (the path production takes: `unauthenticated.admin` in the engine,
 * where the library throws GraphqlQueryError, HttpInternalError,
 * HttpThrottlingError, HttpRequestError...), against the simulator.
 */
import { Session } from "@shopify/shopify-api";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { AdminApiError, createAdminGateway } from "../../app/shopify/admin-gateway.server";
import { startAdminApiSimulator } from "../../simulator/node";
import { libraryGraphql } from "../support/engine";

const running = startAdminApiSimulator({ apiKey: "key", apiSecret: "secret", defaultTimezone: "Asia/Kathmandu" });
const { simulator } = running;
afterAll(() => running.close());
beforeEach(() => simulator.reset());

const SHOP = "library.myshopify.com";
const session = new Session({ id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, accessToken: "shpat_library" });
// One try: each scripted failure reaches the classification.
const gateway = createAdminGateway(libraryGraphql(session), { retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });
const CONTRACT = "gid://shopify/SubscriptionContract/1";

describe("the gateway over the library's client", () => {
  it("reads data", async () => {
    expect(await gateway.shopTimezone()).toBe("Asia/Kathmandu");
  });

  it.each([
    ["Shopify's cost limit (THROTTLED)", { kind: "throttled" } as const, "throttled", true],
    ["HTTP 429", { kind: "http", status: 429 } as const, "throttled", true],
    ["HTTP 503", { kind: "http", status: 503 } as const, "server", true],
    ["HTTP 500", { kind: "http", status: 500 } as const, "server", true],
    ["a dropped connection", { kind: "network" } as const, "network", true],
    ["HTTP 403", { kind: "http", status: 403 } as const, "failed", false],
  ])("sorts %s as %s", async (_case, failure, kind, retryable) => {
    simulator.failNext("ShopTimezone", failure);
    const error = await gateway.shopTimezone().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AdminApiError);
    expect(error).toMatchObject({ kind, retryable, operationName: "ShopTimezone" });
  });

  it("returns userErrors as a refusal with their codes, not retried", async () => {
    simulator.subscriptions.addContract(SHOP, { id: CONTRACT, status: "CANCELLED", cycles: [{ index: 1, expectedDate: "2026-11-21T10:00:00Z" }] });
    const error = await gateway.chargeBillingCycle(CONTRACT, 1).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "userErrors", retryable: false, userErrors: [expect.objectContaining({ code: "CONTRACT_TERMINATED" })] });
  });

  it("treats a document Shopify rejects as final, naming the field", async () => {
    const error = await gateway.request("query Broken { shop { ianaTimezon } }" as never).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "failed", retryable: false });
    expect((error as Error).message).toMatch(/ianaTimezon/);
  });

  it("retries what is transient, up to its tries", async () => {
    const patient = createAdminGateway(libraryGraphql(session), { retry: { attempts: 4, baseDelayMs: 0, maxDelayMs: 0 }, sleep: async () => {} });
    simulator.failNext("ShopTimezone", { kind: "throttled" });
    simulator.failNext("ShopTimezone", { kind: "http", status: 502 });
    simulator.failNext("ShopTimezone", { kind: "network" });
    expect(await patient.shopTimezone()).toBe("Asia/Kathmandu");
    expect(simulator.callsTo("ShopTimezone").map((call) => call.outcome)).toEqual(["throttled", "http", "network", "ok"]);
  });
});
