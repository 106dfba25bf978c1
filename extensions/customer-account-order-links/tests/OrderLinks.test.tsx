/** @jsxImportSource preact */
/**
 * The order links rendered with Preact into happy-dom, against the
 * simulator's Customer Account API through the portal's client: shown only
 * for the signed-in customer's order with a running subscription, and
 * pointing at the portal extension's page.
 */
import { Window } from "happy-dom";
import { render } from "preact";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startPortalSimulator } from "../../customer-account-subscriptions/tests/customer-api";
import locale from "../locales/en.default.json";
import { ManageSubscriptionButton, SubscriptionBlock } from "../src/OrderLinks";

const SHOP = "order-links.myshopify.com";
const running = startPortalSimulator();
const { simulator, clientFor } = running;
const window = new Window();
const document = window.document as unknown as Document;
beforeAll(() => {
  globalThis.document = document;
});
afterAll(async () => {
  Reflect.deleteProperty(globalThis, "document");
  await window.happyDOM.close();
  running.close();
});
beforeEach(() => simulator.reset());
afterEach(() => {
  render(null, document.body);
  expect(simulator.faults).toEqual([]);
});

const translate = (key: string) => {
  const found = (locale as Record<string, string>)[key];
  if (!found) throw new Error(`locales/en.default.json has no "${key}"`);
  return found;
};
const links = () => [...document.body.querySelectorAll("s-button")].map((button) => ({ href: button.getAttribute("href"), text: button.textContent }));
const settled = () => vi.waitFor(() => expect(simulator.callsTo("OrderSubscriptions").length).toBeGreaterThan(0)).then(() => new Promise((resolve) => setTimeout(resolve, 20)));

describe("order links", () => {
  it("links an order that started a subscription to that subscription's page, in the menu and in the block", async () => {
    const contract = simulator.subscriptions.addContract(SHOP);
    const client = clientFor(SHOP, contract.customerId);
    const api = { orderId: contract.originOrderId!, i18n: { translate } };
    render(<ManageSubscriptionButton api={api} client={client} />, document.body);
    await vi.waitFor(() => expect(links()).toEqual([{ href: `extension:customer-account-subscriptions/subscriptions/${contract.id.split("/").pop()}`, text: "Manage subscription" }]));
    render(<SubscriptionBlock api={api} client={client} />, document.body);
    await vi.waitFor(() => expect(document.body.querySelector("s-section")?.getAttribute("heading")).toBe("Subscription"));
  });

  it("shows nothing for an order without a running subscription, or someone else's order", async () => {
    const cancelled = simulator.subscriptions.addContract(SHOP, { status: "CANCELLED" });
    render(<ManageSubscriptionButton api={{ orderId: cancelled.originOrderId!, i18n: { translate } }} client={clientFor(SHOP, cancelled.customerId)} />, document.body);
    await settled();
    expect(links()).toEqual([]);

    const theirs = simulator.subscriptions.addContract(SHOP);
    const mine = simulator.subscriptions.addContract(SHOP);
    render(<SubscriptionBlock api={{ orderId: theirs.originOrderId!, i18n: { translate } }} client={clientFor(SHOP, mine.customerId)} />, document.body);
    await settled();
    expect(document.body.innerHTML).toBe("");
  });
});
