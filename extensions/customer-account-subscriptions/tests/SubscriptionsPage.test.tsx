/** @jsxImportSource preact */
/**
 * The portal's view rendered with Preact into happy-dom's document, its
 * Polaris `s-*` elements left as plain custom elements (the test reads their
 * attributes and dispatches the events customer accounts' elements would).
 * Shopify's answers come from the simulator's Customer Account API through
 * the extension's client; the app backend is the app's own route
 * (app/routes/customer-account.subscriptions.$id.payment-method.ts) with a
 * real session token and the shop's offline session in SQLite. The `i18n`
 * reads locales/en.default.json and fails on a key it lacks.
 */
import { Session } from "@shopify/shopify-api";
import { Window } from "happy-dom";
import { render } from "preact";
import { act } from "preact/test-utils";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { APP_URL, loadApp, sessionToken, TEST_SCOPES, type LoadedApp } from "../../../tests/support/app";
import locale from "../locales/en.default.json";
import { createAppBackend } from "../src/app-backend";
import { createCustomerClient } from "../src/customer-client";
import { SubscriptionsPage, type PortalApi, type PortalNavigation } from "../src/SubscriptionsPage";
import { customerAccountFetch } from "./customer-api";

const SHOP = "portal-view.myshopify.com";
let app: LoadedApp;
type Route = { loader: (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response> };
let route: Route & { action: Route["loader"] };
const window = new Window();
const document = window.document as unknown as Document;

beforeAll(async () => {
  app = await loadApp();
  route = (await import("../../../app/routes/customer-account.subscriptions.$id.payment-method")) as unknown as typeof route;
  globalThis.document = document;
});
afterAll(async () => {
  Reflect.deleteProperty(globalThis, "document");
  await window.happyDOM.close();
  await app?.close();
});
beforeEach(async () => {
  app.simulator.reset();
  app.simulator.subscriptions.now = () => Date.parse("2026-11-21T12:00:00Z");
  await app.prisma.session.deleteMany();
  await app.sessionStorage.storeSession(new Session({ id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, accessToken: "shpat_portal", scope: TEST_SCOPES }));
});
afterEach(() => {
  render(null, document.body);
  expect(app.simulator.faults).toEqual([]);
});

function translate(key: string, options: Record<string, string | number> = {}): string {
  let found = key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), locale);
  // Shopify's i18n picks the plural form by `count`.
  if (found && typeof found === "object" && "count" in options) found = (found as Record<string, string>)[options.count === 1 ? "one" : "other"];
  if (typeof found !== "string") throw new Error(`locales/en.default.json has no "${key}"`);
  return found.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options[name]));
}

const api: PortalApi = {
  i18n: {
    translate,
    formatCurrency: (amount, options) => new Intl.NumberFormat("en-US", { style: "currency", currency: options?.currency ?? "USD" }).format(amount),
    formatDate: (date) => new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" }).format(date),
  },
};

/** Customer accounts' Navigation API for one page: `navigate` changes the URL and tells the listeners. */
function navigationAt(url: string): PortalNavigation {
  const listeners = new Set<() => void>();
  const navigation = {
    currentEntry: { url },
    navigate: (to: string) => {
      navigation.currentEntry = { url: new URL(to.replace(/^extension:\//, ""), "https://shopify.com/1/account/pages/portal/").toString() };
      act(() => listeners.forEach((listener) => listener()));
    },
    addEventListener: (_type: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_type: string, listener: () => void) => listeners.delete(listener),
  };
  return navigation;
}

/** The extension's fetch to the app: the app's route, called as Remix would, with the path's id. */
const appFetch: typeof fetch = async (input, init) => {
  const request = new Request(input instanceof Request ? input.url : String(input), { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers)), origin: "https://extensions.shopifycdn.com", "user-agent": "Mozilla/5.0 Chrome/130.0" } });
  const id = /\/subscriptions\/([^/]+)\/payment-method$/.exec(new URL(request.url).pathname)?.[1] ?? "";
  try {
    return await (request.method === "GET" ? route.loader : route.action)({ request, params: { id }, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
};

function open(url: string, customerId: string) {
  const navigation = navigationAt(url);
  const client = createCustomerClient(customerAccountFetch(app.simulator, SHOP, customerId));
  const backend = createAppBackend({ appUrl: APP_URL, sessionToken: { get: () => sessionToken(SHOP, { sub: customerId, dest: SHOP }) }, fetchImpl: appFetch });
  render(<SubscriptionsPage api={api} navigation={navigation} client={client} backend={backend} />, document.body);
  return navigation;
}

const $$ = (selector: string) => [...document.body.querySelectorAll<HTMLElement>(selector)];
const text = () => document.body.textContent ?? "";
const button = (label: string) => $$("s-button").find((element) => element.textContent?.trim() === label);
const shows = (fragment: string) => vi.waitFor(() => expect(text()).toContain(fragment));
async function click(label: string) {
  await vi.waitFor(() => expect(button(label)).toBeDefined());
  await act(async () => {
    button(label)!.dispatchEvent(new window.Event("click") as unknown as Event);
  });
}
function type(name: string, value: string) {
  const element = document.body.querySelector<HTMLElement & { value: string }>(`[name="${name}"]`);
  if (!element) throw new Error(`no field ${name}`);
  act(() => {
    element.value = value;
    element.dispatchEvent(new window.Event("input") as unknown as Event);
  });
}

const LIST = "https://shopify.com/1/account/pages/portal";
const pageOf = (id: string) => `${LIST}/subscriptions/${id.slice(id.lastIndexOf("/") + 1)}`;

function customerWithSubscription(status: "ACTIVE" | "PAUSED" | "CANCELLED" = "ACTIVE") {
  const customer = app.simulator.subscriptions.addCustomer(SHOP, { firstName: "Ada", lastName: "L", email: "ada@example.com" });
  const contract = app.simulator.subscriptions.addContract(SHOP, { customer: customer.id, status, createdAt: "2026-09-01T10:00:00Z", billingPolicy: { interval: "WEEK", intervalCount: 2 } });
  return { customer, contract };
}

describe("SubscriptionsPage", () => {
  it("lists the customer's subscriptions and opens one", async () => {
    const { customer, contract } = customerWithSubscription();
    app.simulator.subscriptions.addContract(SHOP, { customer: customer.id, status: "CANCELLED" });
    app.simulator.subscriptions.addContract(SHOP, { customer: { firstName: "Someone", lastName: "Else" } });
    const navigation = open(LIST, customer.id);
    await shows("Every 2 weeks");
    expect($$("s-section")).toHaveLength(2);
    expect($$("s-badge").map((badge) => badge.textContent)).toEqual(expect.arrayContaining(["Active", "Cancelled"]));
    const manage = $$("s-button").find((element) => element.getAttribute("href") === `extension:/subscriptions/${contract.id.split("/").pop()}`);
    expect(manage?.textContent).toBe("Manage");
    navigation.navigate(manage!.getAttribute("href")!);
    await vi.waitFor(() => expect($$("s-section").map((section) => section.getAttribute("heading"))).toContain("Upcoming orders"));
    await shows("visa ending in 4242");
  });

  it("pauses, resumes and, after confirming, cancels", async () => {
    const { customer, contract } = customerWithSubscription();
    open(pageOf(contract.id), customer.id);
    await click("Pause subscription");
    await shows("Your subscription is paused");
    expect(contract.status).toBe("PAUSED");
    await click("Resume subscription");
    await shows("Your subscription is active again");
    expect(contract.status).toBe("ACTIVE");
    await click("Cancel subscription");
    expect(contract.status).toBe("ACTIVE");
    await click("Keep my subscription");
    expect(button("Yes, cancel it")).toBeUndefined();
    await click("Cancel subscription");
    await click("Yes, cancel it");
    await shows("Your subscription is cancelled");
    expect(contract.status).toBe("CANCELLED");
    // Read only once it has ended.
    expect(button("Pause subscription")).toBeUndefined();
    expect(button("Email me a link to update my card")).toBeUndefined();
  });

  it("skips the next order and brings it back", async () => {
    const { customer, contract } = customerWithSubscription();
    open(pageOf(contract.id), customer.id);
    await click("Skip");
    await shows("is skipped");
    const skipped = contract.cycles.filter((cycle) => cycle.skipped);
    expect(skipped).toHaveLength(1);
    await click("Don't skip");
    await shows("will be sent");
    expect(contract.cycles.filter((cycle) => cycle.skipped)).toEqual([]);
  });

  it("changes the delivery address through Shopify's delivery options", async () => {
    const { customer, contract } = customerWithSubscription();
    // Options at the first ask: the data layer's test covers asking again (tests/subscriptions.test.ts).
    app.simulator.customerAccount.pendingDeliveryFetches = 0;
    open(pageOf(contract.id), customer.id);
    await click("Change address or delivery method");
    type("address1", "");
    await click("See delivery options");
    expect(document.body.querySelector('[name="address1"]')?.getAttribute("error")).toBe("Required");
    expect(app.simulator.callsTo("DeliveryOptions")).toEqual([]);
    type("address1", "200 Bay Street");
    type("city", "Toronto");
    type("zoneCode", "ON");
    type("territoryCode", "CA");
    await click("See delivery options");
    await vi.waitFor(() => expect(document.body.querySelector("s-select")).not.toBeNull());
    await click("Save delivery");
    await shows("Delivery updated");
    expect(contract.deliveryMethod).toMatchObject({ kind: "shipping", address: { address1: "200 Bay Street", city: "Toronto", countryCode: "CA" } });
    await shows("200 Bay Street");
  });

  it("has Shopify email a link to update the card, through the app", async () => {
    const { customer, contract } = customerWithSubscription();
    open(pageOf(contract.id), customer.id);
    await click("Email me a link to update my card");
    await shows("We've emailed you a secure link");
    expect(app.simulator.subscriptions.sentUpdateEmails).toEqual([expect.objectContaining({ customerId: customer.id, paymentMethodId: contract.paymentMethodId })]);
  });

  it("shows another customer's subscription as not found, and offers nothing on it", async () => {
    const { customer } = customerWithSubscription();
    const stranger = app.simulator.subscriptions.addContract(SHOP);
    open(pageOf(stranger.id), customer.id);
    await shows("could not be found in your account");
    expect(button("Pause subscription")).toBeUndefined();
  });
});
