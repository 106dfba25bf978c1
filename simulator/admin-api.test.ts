import { createHmac } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createAdminGateway, AdminApiError } from "../app/shopify/admin-gateway.server";
import { assertNoFaults, startAdminApiSimulator } from "./node";

const running = startAdminApiSimulator({ apiKey: "key", apiSecret: "secret", defaultTimezone: "Europe/Rome" });
const { simulator } = running;
afterAll(() => running.close());
beforeEach(() => simulator.reset());

const SHOP = "sim.myshopify.com";

function graphql(query: string, variables?: object, token: string | null = "shpat_test") {
  return fetch(`https://${SHOP}/admin/api/2026-10/graphql.json`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { "x-shopify-access-token": token } : {}) },
    body: JSON.stringify({ query, variables }),
  });
}

const client = (query: string, options?: { variables?: Record<string, unknown> }) => graphql(query, options?.variables);
// No retries: each scripted failure reaches the caller.
const gateway = createAdminGateway(client, { retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });

function signedToken(claims: object, secret = "secret") {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const head = `${encode({ alg: "HS256" })}.${encode(claims)}`;
  return `${head}.${createHmac("sha256", secret).update(head).digest("base64url")}`;
}

function exchange(subjectToken: string, clientSecret = "secret") {
  return fetch(`https://${SHOP}/admin/oauth/access_token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      client_id: "key",
      client_secret: clientSecret,
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: subjectToken,
    }),
  });
}

describe("Admin GraphQL", () => {
  it("answers an operation by name and records the call", async () => {
    simulator.setShop(SHOP, { ianaTimezone: "Asia/Kathmandu" });
    expect(await gateway.shopTimezone()).toBe("Asia/Kathmandu");
    expect(simulator.calls).toEqual([
      expect.objectContaining({ shop: SHOP, api: "graphql", apiVersion: "2026-10", operationName: "ShopTimezone", outcome: "ok" }),
    ]);
  });

  it("gives unknown shops the default zone", async () => {
    expect(await gateway.shopTimezone()).toBe("Europe/Rome");
  });

  it("answers a root field registered with onQuery, mocking what the resolver leaves out", async () => {
    simulator.onQuery("product", (args) => ({ id: args.id, title: "Coffee beans" }));
    const response = await graphql("query Product($id: ID!) { product(id: $id) { id title handle totalInventory } }", { id: "gid://shopify/Product/1" });
    const body = await response.json();
    expect(body.data.product).toMatchObject({ id: "gid://shopify/Product/1", title: "Coffee beans" });
    // Not modelled, so schema-shaped mock values: a String and an Int.
    expect(typeof body.data.product.handle).toBe("string");
    expect(typeof body.data.product.totalInventory).toBe("number");
    expect(simulator.faults).toEqual([]);
  });

  it("answers any valid query with schema-shaped data, even one it does not model", async () => {
    const response = await graphql("query Locations { locations(first: 2) { nodes { id name isActive } pageInfo { hasNextPage } } }");
    const body = await response.json();
    expect(body.errors).toBeUndefined();
    expect(body.data.locations.pageInfo).toEqual({ hasNextPage: expect.any(Boolean) });
  });

  it("refuses to model a root field the schema does not have", () => {
    expect(() => simulator.onQuery("contractz", () => null)).toThrow(/no query field contractz/);
  });

  it.each([
    ["a misspelt field", "query A { shop { ianaTimezon } }", "undefinedField", /Cannot query field "ianaTimezon" on type "Shop"/],
    ["an unknown argument", "query A { shop(id: 1) { name } }", "argumentNotAccepted", /Unknown argument "id"/],
    ["a wrong argument type", 'query A { subscriptionContract(id: ["x"]) { id } }', "argumentLiteralsIncompatible", /ID cannot represent/],
    ["a missing required argument", "query A { subscriptionContract { id } }", "missingRequiredArguments", /argument "id" of type "ID!" is required/],
    ["an unused variable", "query A($x: ID) { shop { name } }", "variableNotUsed", /Variable "\$x" is never used/],
    ["a field removed from this version", "query A { shop { draftOrders(first: 1) { nodes { id } } } }", "undefinedField", /Cannot query field "draftOrders"/],
  ])("answers %s with Shopify's GraphQL error and no data", async (_case, query, code, message) => {
    const response = await graphql(query);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.data).toBeUndefined();
    expect(body.errors[0]).toMatchObject({ message: expect.stringMatching(message), locations: [expect.any(Object)], extensions: { code } });
    expect(simulator.calls[0].outcome).toBe("invalid");
  });

  it("answers variables that do not fit with an error and no data", async () => {
    const body = await (await graphql("query A($id: ID!) { subscriptionContract(id: $id) { id } }", { id: null })).json();
    expect(body.data).toBeUndefined();
    expect(body.errors[0]).toMatchObject({ message: expect.stringMatching(/Variable "\$id"/), extensions: { code: "INVALID_VARIABLE" } });
  });

  it("records an answer that breaks the schema as a fault (a simulator bug), and close() fails on it", async () => {
    simulator.onQuery("subscriptionContract", () => ({ id: "gid://shopify/SubscriptionContract/1", status: "SLEEPING" }));
    const body = await (await graphql("query A { subscriptionContract(id: \"1\") { id status } }")).json();
    expect(body.errors[0].message).toMatch(/Enum "SubscriptionContractSubscriptionStatus" cannot represent value: "SLEEPING"/);
    expect(simulator.faults).toEqual([expect.objectContaining({ operationName: "A", path: ["subscriptionContract", "status"] })]);
    expect(() => assertNoFaults(simulator)).toThrow(/answered against the schema:\n {2}A: Enum .* at subscriptionContract\.status/);
    // Back to the model, and no fault left for close() in afterAll.
    simulator.subscriptions.install(simulator);
    simulator.faults.length = 0;
  });

  it("refuses anonymous or multi-operation documents", async () => {
    expect((await graphql("{ shop { id } }")).status).toBe(400);
    expect((await graphql("query A { shop { id } } query B { shop { id } }")).status).toBe(400);
  });

  it("answers 401 without an access token", async () => {
    const response = await graphql("query ShopTimezone { shop { ianaTimezone } }", undefined, null);
    expect(response.status).toBe(401);
    expect(simulator.calls[0].outcome).toBe("unauthorized");
  });

  it("fails as scripted, then recovers", async () => {
    simulator.failNext("ShopTimezone", { kind: "http", status: 503 });
    simulator.failNext("ShopTimezone", { kind: "throttled" });
    await expect(gateway.shopTimezone()).rejects.toBeInstanceOf(AdminApiError);
    await expect(gateway.shopTimezone()).rejects.toMatchObject({
      operationName: "ShopTimezone",
      details: [expect.objectContaining({ extensions: expect.objectContaining({ code: "THROTTLED" }) })],
    });
    expect(await gateway.shopTimezone()).toBe("Europe/Rome");
    expect(simulator.callsTo("ShopTimezone").map((call) => call.outcome)).toEqual(["http", "throttled", "ok"]);
  });

  it("is retried with backoff through throttling and 5xx by the gateway", async () => {
    const delays: number[] = [];
    const patient = createAdminGateway(client, {
      retry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000 },
      sleep: async (ms) => void delays.push(ms),
    });
    simulator.failNext("ShopTimezone", { kind: "http", status: 502 });
    simulator.failNext("ShopTimezone", { kind: "http", status: 429 });
    simulator.failNext("ShopTimezone", { kind: "throttled" });
    expect(await patient.shopTimezone()).toBe("Europe/Rome");
    expect(delays).toHaveLength(3);
    // Exponential: each wait within [half, full] of 100, 200, 400 ms.
    delays.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(50 * 2 ** i);
      expect(ms).toBeLessThanOrEqual(100 * 2 ** i);
    });
  });

  it("gives up after the last try and does not retry userErrors", async () => {
    const patient = createAdminGateway(client, { retry: { attempts: 2, baseDelayMs: 0, maxDelayMs: 0 }, sleep: async () => {} });
    simulator.failNext("ShopTimezone", { kind: "http", status: 500 }, 2);
    await expect(patient.shopTimezone()).rejects.toMatchObject({ kind: "server" });
    simulator.failNext("SubscriptionContractCancel", { kind: "userErrors", userErrors: [{ message: "No", code: "INVALID" }] });
    await expect(patient.cancelContract("gid://shopify/SubscriptionContract/1")).rejects.toMatchObject({ kind: "userErrors" });
    expect(simulator.callsTo("SubscriptionContractCancel")).toHaveLength(1);
  });

  it("treats a request that gets no answer as a network failure, retried", async () => {
    let calls = 0;
    const flaky = createAdminGateway(
      async (query, options) => {
        if (++calls === 1) throw new TypeError("fetch failed");
        return client(query, options);
      },
      { retry: { attempts: 2, baseDelayMs: 0, maxDelayMs: 0 }, sleep: async () => {} },
    );
    expect(await flaky.shopTimezone()).toBe("Europe/Rome");
    const once = createAdminGateway(async () => Promise.reject(new TypeError("fetch failed")), { retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });
    await expect(once.shopTimezone()).rejects.toMatchObject({ kind: "network", retryable: true });
  });

  it("drops the connection when scripted to, which the gateway treats as a network failure", async () => {
    simulator.failNext("ShopTimezone", { kind: "network" });
    await expect(gateway.shopTimezone()).rejects.toMatchObject({ kind: "network", retryable: true });
    expect(simulator.callsTo("ShopTimezone").map((call) => call.outcome)).toEqual(["network"]);
  });

  it("treats a 4xx as final", async () => {
    simulator.failNext("ShopTimezone", { kind: "http", status: 403 });
    await expect(gateway.shopTimezone()).rejects.toMatchObject({ kind: "failed", retryable: false });
  });

  it("puts scripted userErrors in the operation's payload", async () => {
    simulator.failNext("Cancel", { kind: "userErrors", userErrors: [{ field: ["id"], message: "Contract not found", code: "INVALID" }] });
    const response = await graphql(
      "mutation Cancel($id: ID!) { subscriptionContractCancel(subscriptionContractId: $id) { contract { id } userErrors { field message code } } }",
      { id: "1" },
    );
    // Only the errors: the payload's other fields are null, as Shopify answers a refusal.
    expect(await response.json()).toEqual({
      data: { subscriptionContractCancel: { contract: null, userErrors: [{ field: ["id"], message: "Contract not found", code: "INVALID" }] } },
    });
  });

  it("answers 501 to any other Shopify endpoint instead of letting it reach the internet", async () => {
    const response = await fetch(`https://${SHOP}/admin/api/2026-10/products.json`);
    expect(response.status).toBe(501);
  });
});

describe("OAuth token exchange", () => {
  it("issues an expiring offline token for a session token signed with the app secret", async () => {
    const response = await exchange(signedToken({ dest: `https://${SHOP}` }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      access_token: expect.stringMatching(/^shpat_/),
      refresh_token: expect.stringMatching(/^shprt_/),
      expires_in: 3600,
    });
  });

  it.each([
    ["signed with another secret", () => exchange(signedToken({ dest: `https://${SHOP}` }, "other"))],
    ["issued for another shop", () => exchange(signedToken({ dest: "https://elsewhere.myshopify.com" }))],
    ["with the wrong client secret", () => exchange(signedToken({ dest: `https://${SHOP}` }), "wrong")],
    ["malformed", () => exchange("not-a-jwt")],
  ])("refuses a token %s", async (_name, send) => {
    expect((await send()).status).toBe(400);
    expect(simulator.callsTo("token-exchange")[0].outcome).toBe("unauthorized");
  });
});
