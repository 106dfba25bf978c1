/**
 * The customer portal's backend route (/customer-account/subscriptions/:id/payment-method)
 * with the app's own wiring: authenticate.public.customerAccount with session
 * tokens signed like Shopify's, the shop's offline session in real SQLite, and
 * the Admin API simulator. Above all: a token for one customer can never read
 * or change another customer's contract, nor another shop's.
 */
import { Session } from "@shopify/shopify-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { APP_URL, loadApp, sessionToken, TEST_SCOPES, type LoadedApp } from "../support/app";

type RouteArgs = { request: Request; params: Record<string, string>; context: object };
type Route = { loader: (args: RouteArgs) => Promise<Response>; action: (args: RouteArgs) => Promise<Response> };

let app: LoadedApp;
let route: Route;
beforeAll(async () => {
  app = await loadApp();
  route = (await import("../../app/routes/customer-account.subscriptions.$id.payment-method")) as unknown as Route;
});
afterAll(() => app?.close());

const SHOP = "portal.myshopify.com";
const OTHER_SHOP = "portal-other.myshopify.com";
const ORIGIN = "https://extensions.shopifycdn.com";
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";

beforeEach(async () => {
  app.simulator.reset();
  await app.prisma.session.deleteMany();
  for (const shop of [SHOP, OTHER_SHOP]) {
    await app.sessionStorage.storeSession(new Session({ id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: `shpat_${shop}`, scope: TEST_SCOPES }));
  }
});

/** A customer account extension's session token, as Shopify signs it: `sub` the customer, `dest` the shop's domain. */
const customerToken = (shop: string, customerId: string, claims: Record<string, unknown> = {}) => sessionToken(shop, { sub: customerId, dest: shop, ...claims });

const numeric = (gid: string) => gid.slice(gid.lastIndexOf("/") + 1);

/** Runs the route as Remix does for `method`, returning the Response it returned or threw. */
async function call(method: "GET" | "POST" | "OPTIONS" | "PUT", id: string, token: string | null, headers: Record<string, string> = {}): Promise<Response> {
  const request = new Request(new URL(`/customer-account/subscriptions/${id}/payment-method`, APP_URL), {
    method,
    headers: { origin: ORIGIN, "user-agent": BROWSER, ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
  try {
    return await (method === "GET" ? route.loader : route.action)({ request, params: { id }, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

function twoCustomers() {
  const alice = app.simulator.subscriptions.addContract(SHOP, { customer: { firstName: "Alice", lastName: "A", email: "alice@example.com" } });
  const bob = app.simulator.subscriptions.addContract(SHOP, { customer: { firstName: "Bob", lastName: "B", email: "bob@example.com" }, paymentMethod: { brand: "mastercard", lastDigits: "5454" } });
  return { alice, bob };
}

describe("the card on a subscription (GET)", () => {
  it("answers the customer's own card, with CORS headers for the extension's origin", async () => {
    const { alice } = twoCustomers();
    const response = await call("GET", numeric(alice.id), await customerToken(SHOP, alice.customerId));
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(await response.json()).toEqual({ paymentMethod: { brand: "visa", lastDigits: "4242", expiryMonth: expect.any(Number), expiryYear: expect.any(Number), expiresSoon: false, revoked: false } });
  });

  it("says when the card was revoked, and when there is none", async () => {
    const { alice } = twoCustomers();
    app.simulator.subscriptions.revokePaymentMethod(alice.id);
    const revoked = await (await call("GET", numeric(alice.id), await customerToken(SHOP, alice.customerId))).json();
    expect(revoked.paymentMethod).toMatchObject({ revoked: true });
    const none = app.simulator.subscriptions.addContract(SHOP, { paymentMethod: null });
    expect(await (await call("GET", numeric(none.id), await customerToken(SHOP, none.customerId))).json()).toEqual({ paymentMethod: null });
  });

  it("answers 404 for another customer's contract, exactly as for one that does not exist", async () => {
    const { alice, bob } = twoCustomers();
    const token = await customerToken(SHOP, alice.customerId);
    const others = await call("GET", numeric(bob.id), token);
    const missing = await call("GET", "999999", token);
    expect(others.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await others.json()).toEqual(await missing.json());
  });

  it("never reaches another shop's contract with a token for this shop, nor this shop's with the other's", async () => {
    const { alice } = twoCustomers();
    const elsewhere = app.simulator.subscriptions.addContract(OTHER_SHOP);
    // The same customer id at another shop is another customer.
    expect((await call("GET", numeric(elsewhere.id), await customerToken(SHOP, elsewhere.customerId))).status).toBe(404);
    expect((await call("GET", numeric(alice.id), await customerToken(OTHER_SHOP, alice.customerId))).status).toBe(404);
  });
});

describe("the payment-method update email (POST)", () => {
  it("has Shopify email the customer a link to update their own card", async () => {
    const { alice } = twoCustomers();
    const response = await call("POST", numeric(alice.id), await customerToken(SHOP, alice.customerId));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ sent: true });
    expect(app.simulator.subscriptions.sentUpdateEmails).toEqual([expect.objectContaining({ shop: SHOP, customerId: alice.customerId, paymentMethodId: alice.paymentMethodId })]);
  });

  it("sends nothing for another customer's contract (404)", async () => {
    const { alice, bob } = twoCustomers();
    const response = await call("POST", numeric(bob.id), await customerToken(SHOP, alice.customerId));
    expect(response.status).toBe(404);
    expect(app.simulator.subscriptions.sentUpdateEmails).toEqual([]);
    expect(app.simulator.callsTo("PaymentMethodUpdateEmail")).toEqual([]);
  });

  it("refuses with 409 a revoked card, an ended subscription, and a contract with no card", async () => {
    const { alice } = twoCustomers();
    const ended = app.simulator.subscriptions.addContract(SHOP, { customer: alice.customerId, status: "CANCELLED" });
    const noCard = app.simulator.subscriptions.addContract(SHOP, { customer: alice.customerId, paymentMethod: null });
    app.simulator.subscriptions.revokePaymentMethod(alice.id);
    const token = await customerToken(SHOP, alice.customerId);
    for (const contract of [alice, ended, noCard]) {
      const response = await call("POST", numeric(contract.id), token);
      expect(response.status).toBe(409);
      expect((await response.json()).error).toEqual(expect.any(String));
    }
    expect(app.simulator.subscriptions.sentUpdateEmails).toEqual([]);
  });

  it("answers 503 when Shopify is down, and sends once Shopify is back", async () => {
    const { alice } = twoCustomers();
    const token = await customerToken(SHOP, alice.customerId);
    app.simulator.failNext("PortalContract", { kind: "http", status: 503 }, 5);
    expect((await call("POST", numeric(alice.id), token)).status).toBe(503);
    app.simulator.reset();
    await app.prisma.session.deleteMany();
    await app.sessionStorage.storeSession(new Session({ id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, accessToken: "shpat_again", scope: TEST_SCOPES }));
    const again = twoCustomers().alice;
    expect((await call("POST", numeric(again.id), await customerToken(SHOP, again.customerId))).status).toBe(200);
  });
});

describe("who may call it", () => {
  it("answers the browser's preflight with 204 and the CORS headers, without a token", async () => {
    const response = await call("OPTIONS", "1", null, { "access-control-request-method": "POST", "access-control-request-headers": "authorization" });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-headers")).toContain("Authorization");
  });

  it("refuses with 401, and sends nothing: no token, a forged one, an expired one, an admin (staff) token, a token without a customer", async () => {
    const { alice } = twoCustomers();
    const now = Math.floor(Date.now() / 1000);
    const tokens = {
      none: null,
      forged: await customerToken(SHOP, alice.customerId, { secret: "not-the-app-secret" }),
      expired: await customerToken(SHOP, alice.customerId, { exp: now - 120, nbf: now - 600, iat: now - 600 }),
      staff: await sessionToken(SHOP, { sub: "42" }),
      signedOut: await customerToken(SHOP, alice.customerId, { sub: undefined }),
      badShop: await customerToken(SHOP, alice.customerId, { dest: "evil.example.com" }),
    };
    for (const [name, token] of Object.entries(tokens)) {
      for (const method of ["GET", "POST"] as const) {
        const response = await call(method, numeric(alice.id), token);
        expect({ name, method, status: response.status }).toEqual({ name, method, status: 401 });
      }
    }
    expect(app.simulator.subscriptions.sentUpdateEmails).toEqual([]);
    expect(app.simulator.callsTo("PortalContract")).toEqual([]);
  });

  it("answers 404 for ids that are not contract numbers, and 405 for other methods", async () => {
    const { alice } = twoCustomers();
    const token = await customerToken(SHOP, alice.customerId);
    for (const id of ["abc", "0", "-1", "1e5", "99999999999999999999999", "gid://shopify/SubscriptionContract/1"]) {
      expect({ id, status: (await call("GET", encodeURIComponent(id), token)).status }).toEqual({ id, status: 404 });
    }
    expect((await call("PUT", numeric(alice.id), token)).status).toBe(405);
    expect(app.simulator.callsTo("PortalContract")).toEqual([]);
  });

  it("answers 404 for a shop the app is not installed on", async () => {
    const { alice } = twoCustomers();
    await app.prisma.session.deleteMany();
    expect((await call("GET", numeric(alice.id), await customerToken(SHOP, alice.customerId))).status).toBe(404);
  });
});
