/**
 * The portal's data layer (subscriptions.ts, delivery.ts) against the
 * simulator's Customer Account API, through the extension's own client and
 * documents: each action changes the contract as Shopify would, for the
 * signed-in customer only. The documents are validated against the pinned
 * customer schema on every call (and by app/shopify/graphql-documents.test.ts).
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliveryMethodInput, fetchDeliveryOptions, selectDeliveryMethod } from "../src/delivery";
import { changeStatus, loadSubscription, loadSubscriptions, setOrderSkipped, SUBSCRIPTIONS_PER_PAGE } from "../src/subscriptions";
import { startPortalSimulator } from "./customer-api";

const SHOP = "portal-data.myshopify.com";
const running = startPortalSimulator();
const { simulator, clientFor } = running;
const state = simulator.subscriptions;
const NOW = Date.parse("2026-11-21T12:00:00Z");
afterAll(() => running.close());
beforeEach(() => {
  simulator.reset();
  state.now = () => NOW;
});
afterEach(() => expect(simulator.faults).toEqual([]));

function customerWith(statuses: Array<"ACTIVE" | "PAUSED" | "CANCELLED" | "EXPIRED" | "FAILED">) {
  const customer = state.addCustomer(SHOP, { firstName: "Ada", lastName: "L", email: "ada@example.com" });
  const contracts = statuses.map((status) => state.addContract(SHOP, { customer: customer.id, status, createdAt: "2026-09-01T10:00:00Z" }));
  return { customer, contracts, client: clientFor(SHOP, customer.id) };
}

describe("loading", () => {
  it("lists every one of the customer's subscriptions, whatever the status, and none of anyone else's", async () => {
    const { contracts, client } = customerWith(["ACTIVE", "PAUSED", "CANCELLED", "EXPIRED", "FAILED"]);
    state.addContract(SHOP);
    const page = await loadSubscriptions(client);
    expect(page.subscriptions.map((subscription) => subscription.id).sort()).toEqual(contracts.map((contract) => contract.id).sort());
    expect(page.subscriptions.map((subscription) => subscription.status).sort()).toEqual(["ACTIVE", "CANCELLED", "EXPIRED", "FAILED", "PAUSED"]);
    expect(page.nextCursor).toBeNull();
    expect(page.subscriptions[0]).toMatchObject({ deliveryPolicy: { interval: "MONTH", intervalCount: { count: 1 } }, lines: { nodes: [expect.objectContaining({ quantity: 1 })] } });
  });

  it("pages through a long list", async () => {
    const { client } = customerWith(Array.from({ length: SUBSCRIPTIONS_PER_PAGE + 3 }, () => "ACTIVE" as const));
    const first = await loadSubscriptions(client);
    expect(first.subscriptions).toHaveLength(SUBSCRIPTIONS_PER_PAGE);
    const second = await loadSubscriptions(client, first.nextCursor);
    expect(second.subscriptions).toHaveLength(3);
    expect(second.nextCursor).toBeNull();
  });

  it("loads one subscription with its upcoming and past orders; another customer's is null", async () => {
    const { contracts, client } = customerWith(["ACTIVE"]);
    const detail = await loadSubscription(client, contracts[0].id);
    expect(detail?.upcomingBillingCycles.nodes.length).toBeGreaterThan(0);
    expect(detail?.upcomingBillingCycles.nodes.every((cycle) => Date.parse(cycle.billingAttemptExpectedDate) > NOW)).toBe(true);
    expect(detail?.orders.nodes.length).toBeGreaterThan(0);
    expect(detail?.deliveryMethod?.__typename).toBe("SubscriptionDeliveryMethodShipping");
    const stranger = state.addContract(SHOP);
    expect(await loadSubscription(client, stranger.id)).toBeNull();
  });
});

describe("lifecycle actions", () => {
  it.each([
    ["pause", "ACTIVE", "PAUSED"],
    ["resume", "PAUSED", "ACTIVE"],
    ["cancel", "ACTIVE", "CANCELLED"],
    ["cancel", "PAUSED", "CANCELLED"],
  ] as const)("%s turns %s into %s, recorded as the customer's doing", async (action, from, to) => {
    const { contracts, client } = customerWith([from]);
    expect(await changeStatus(client, action, contracts[0].id)).toEqual({ ok: true });
    expect(contracts[0].status).toBe(to);
    expect(contracts[0].history.at(-1)).toMatchObject({ actor: "CUSTOMER", status: to });
  });

  it("is refused, changing nothing, for an ended subscription or another customer's", async () => {
    const { contracts, client } = customerWith(["CANCELLED"]);
    expect(await changeStatus(client, "resume", contracts[0].id)).toMatchObject({ ok: false, reason: "refused" });
    expect(contracts[0].status).toBe("CANCELLED");
    const stranger = state.addContract(SHOP);
    for (const action of ["pause", "cancel"] as const) {
      expect(await changeStatus(client, action, stranger.id)).toMatchObject({ ok: false, reason: "refused" });
    }
    expect(stranger.status).toBe("ACTIVE");
    expect(stranger.history.filter((event) => event.actor === "CUSTOMER")).toEqual([]);
  });
});

describe("skipping an order", () => {
  it("skips the next order and brings it back", async () => {
    const { contracts, client } = customerWith(["ACTIVE"]);
    const next = (await loadSubscription(client, contracts[0].id))!.upcomingBillingCycles.nodes[0];
    expect(await setOrderSkipped(client, contracts[0].id, next.cycleIndex, true)).toEqual({ ok: true });
    expect(state.cycle(contracts[0].id, next.cycleIndex).skipped).toBe(true);
    expect((await loadSubscription(client, contracts[0].id))!.nextBillingDate).not.toBe(next.billingAttemptExpectedDate);
    expect(await setOrderSkipped(client, contracts[0].id, next.cycleIndex, false)).toEqual({ ok: true });
    expect(state.cycle(contracts[0].id, next.cycleIndex).skipped).toBe(false);
  });

  it("refuses an order already billed, and another customer's order", async () => {
    const { contracts, client } = customerWith(["ACTIVE"]);
    expect(await setOrderSkipped(client, contracts[0].id, 1, true)).toMatchObject({ ok: false, reason: "refused" });
    const stranger = state.addContract(SHOP, { createdAt: "2026-09-01T10:00:00Z" });
    const cycle = stranger.cycles.find((candidate) => candidate.status === "UNBILLED")!;
    expect(await setOrderSkipped(client, stranger.id, cycle.index, true)).toMatchObject({ ok: false, reason: "refused" });
    expect(cycle.skipped).toBe(false);
  });
});

describe("changing the delivery", () => {
  const TORONTO = { firstName: "Ada", lastName: "L", address1: "200 Bay Street", city: "Toronto", zoneCode: "ON", zip: "M5J 2J5", territoryCode: "CA" };
  const noWait = { sleep: async () => {} };

  it("asks again while Shopify computes the options, then ships to the new address", async () => {
    const { contracts, client } = customerWith(["ACTIVE"]);
    simulator.customerAccount.pendingDeliveryFetches = 2;
    const found = await fetchDeliveryOptions(client, contracts[0].id, TORONTO, noWait);
    if (!found.ok) throw new Error(found.message);
    expect(simulator.callsTo("DeliveryOptions")).toHaveLength(3);
    expect(found.options.map((option) => option.__typename)).toEqual(["SubscriptionShippingOption", "SubscriptionLocalDeliveryOption", "SubscriptionPickupOption"]);
    const shipping = deliveryMethodInput(found.options[0], TORONTO, "");
    if (!shipping.ok) throw new Error("shipping needs no phone");
    expect(await selectDeliveryMethod(client, contracts[0].id, found.token, shipping.input)).toEqual({ ok: true });
    expect(contracts[0].deliveryMethod).toMatchObject({ kind: "shipping", address: { address1: "200 Bay Street", city: "Toronto", countryCode: "CA", provinceCode: "ON" } });
  });

  it("switches to local delivery with a phone number, or to pickup", async () => {
    const { contracts, client } = customerWith(["ACTIVE", "PAUSED"]);
    const [first, second] = contracts;
    const options = async (id: string) => {
      const found = await fetchDeliveryOptions(client, id, TORONTO, noWait);
      if (!found.ok) throw new Error(found.message);
      return found;
    };
    const local = await options(first.id);
    const localOption = local.options.find((option) => option.__typename === "SubscriptionLocalDeliveryOption")!;
    expect(deliveryMethodInput(localOption, TORONTO, "")).toEqual({ ok: false, error: "phone" });
    const withPhone = deliveryMethodInput(localOption, TORONTO, "+1 416 555 0100");
    if (!withPhone.ok) throw new Error("phone given");
    expect(await selectDeliveryMethod(client, first.id, local.token, withPhone.input)).toEqual({ ok: true });
    expect(first.deliveryMethod).toMatchObject({ kind: "localDelivery", option: { phone: "+1 416 555 0100" } });

    const pickup = await options(second.id);
    const pickupInput = deliveryMethodInput(pickup.options.find((option) => option.__typename === "SubscriptionPickupOption")!, TORONTO, "");
    if (!pickupInput.ok) throw new Error("pickup needs no phone");
    expect(await selectDeliveryMethod(client, second.id, pickup.token, pickupInput.input)).toEqual({ ok: true });
    expect(second.deliveryMethod).toMatchObject({ kind: "pickup" });
    expect(second.deliveryPrice).toBe("0.0");
  });

  it("reports an address Shopify cannot deliver to, and gives up after the tries", async () => {
    const { contracts, client } = customerWith(["ACTIVE"]);
    expect(await fetchDeliveryOptions(client, contracts[0].id, { ...TORONTO, territoryCode: "XX" }, noWait)).toEqual({ ok: false, message: expect.stringContaining("No delivery options") });
    simulator.customerAccount.pendingDeliveryFetches = 50;
    expect(await fetchDeliveryOptions(client, contracts[0].id, TORONTO, { ...noWait, tries: 3 })).toEqual({ ok: false, message: expect.stringContaining("too long") });
    // Two for the address Shopify refused (computing, then the failure), three for the one it never finished.
    expect(simulator.callsTo("DeliveryOptions")).toHaveLength(5);
  });

  it("never changes another customer's delivery, even with a token fetched for the customer's own", async () => {
    const { contracts, client } = customerWith(["ACTIVE"]);
    const stranger = state.addContract(SHOP);
    const before = structuredClone(stranger.deliveryMethod);
    expect(await fetchDeliveryOptions(client, stranger.id, TORONTO, noWait)).toMatchObject({ ok: false });
    const own = await fetchDeliveryOptions(client, contracts[0].id, TORONTO, noWait);
    if (!own.ok) throw new Error(own.message);
    expect(await selectDeliveryMethod(client, stranger.id, own.token, { shipping: { shippingAddress: TORONTO } })).toMatchObject({ ok: false, reason: "refused" });
    expect(stranger.deliveryMethod).toEqual(before);
  });
});

describe("the Customer Account API's own checks", () => {
  it("answers 401 without a valid customer token, and a token is good for its shop only", async () => {
    const customer = state.addCustomer(SHOP);
    const token = simulator.customerAccount.accessToken(SHOP, customer.id);
    const query = JSON.stringify({ query: "query Me { customer { id } }" });
    const otherShopUrl = simulator.customerAccount.graphqlUrl("another.myshopify.com", "2026-10");
    expect((await fetch(simulator.customerAccount.graphqlUrl(SHOP, "2026-10"), { method: "POST", body: query, headers: { authorization: "shcat_forged" } })).status).toBe(401);
    expect((await fetch(otherShopUrl, { method: "POST", body: query, headers: { authorization: token } })).status).toBe(401);
    const mine = await fetch(simulator.customerAccount.graphqlUrl(SHOP, "2026-10"), { method: "POST", body: query, headers: { authorization: token } });
    expect(await mine.json()).toEqual({ data: { customer: { id: customer.id } } });
  });
});
