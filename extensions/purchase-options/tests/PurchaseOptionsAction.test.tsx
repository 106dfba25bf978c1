/** @jsxImportSource preact */
/**
 * The extension's view rendered with Preact into a DOM (happy-dom's), its
 * Polaris `s-*` elements left as plain, undefined custom elements: Preact
 * sets their props as attributes and listens to their events, so the test
 * reads the attributes and dispatches the events the admin's elements would.
 * Shopify's answers come from the Admin API simulator through the
 * extension's client; the `i18n` given to the view reads
 * locales/en.default.json and fails on a key it lacks.
 *
 * Only `document` comes from happy-dom (Vitest's happy-dom environment would
 * also replace Node's URL and fetch, which the simulator needs).
 */
import { Window } from "happy-dom";
import { render } from "preact";
import { act } from "preact/test-utils";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { newPlanForm, sellingPlanGroupInput } from "../../../app/plans/plan-form";
import type { SellingPlanGroupInput } from "../../../simulator/plans";
import locale from "../locales/en.default.json";
import { PurchaseOptionsAction, type ExtensionApi } from "../src/PurchaseOptionsAction";
import { startExtensionSimulator } from "./direct-api";

const SHOP = "purchase-options-view.myshopify.com";
const running = startExtensionSimulator(SHOP);
const { simulator, client } = running;
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

const COFFEE = "gid://shopify/Product/1";
const COFFEE_250G = "gid://shopify/ProductVariant/1";

function translate(key: string, options: Record<string, string | number> = {}): string {
  const found = key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), locale);
  if (typeof found !== "string") throw new Error(`locales/en.default.json has no "${key}"`);
  return found.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options[name]));
}

function open(selected: ExtensionApi["data"]["selected"]) {
  const close = vi.fn();
  render(<PurchaseOptionsAction api={{ data: { selected }, close, i18n: { translate } }} client={client} />, document.body);
  return close;
}

const $ = (selector: string) => document.body.querySelector<HTMLElement & { value?: string }>(selector);
const $$ = (selector: string) => [...document.body.querySelectorAll<HTMLElement>(selector)];
const button = (text: string) => $$("s-button").find((element) => element.textContent?.trim() === text);
const settled = () => vi.waitFor(() => expect($("s-admin-action")?.hasAttribute("loading")).toBe(false));

/** What the merchant typing into a field does: the element's value changes and it fires `input`; Preact re-renders. */
function type(element: (HTMLElement & { value?: string }) | null, value: string) {
  if (!element) throw new Error("no such field");
  act(() => {
    element.value = value;
    element.dispatchEvent(new window.Event("input") as unknown as Event);
  });
}

function addGroup(name: string, extra: { ownerAppId?: string; productIds?: string[] } = {}) {
  const input = sellingPlanGroupInput({ ...newPlanForm(), name, merchantCode: `${name} (internal)` }) as SellingPlanGroupInput;
  return simulator.plans.addGroup(SHOP, { ...input, ...extra });
}

describe("PurchaseOptionsAction", () => {
  it("creates a plan from the product page and closes", async () => {
    const close = open([{ id: COFFEE }]);
    await settled();
    expect($("s-admin-action")?.getAttribute("heading")).toBe("Create subscription plan");
    expect($('s-text-field[label="Name buyers see"]')?.getAttribute("value")).toBe("Subscribe and save");

    type($('s-text-field[label="Internal name"]'), "Coffee monthly");
    button("Create plan")!.click();

    await vi.waitFor(() => expect(close).toHaveBeenCalledOnce());
    expect(simulator.plans.groupsOf(SHOP)).toEqual([expect.objectContaining({ merchantCode: "Coffee monthly", productIds: [COFFEE] })]);
  });

  it("shows the app's validation and Shopify's userErrors at their fields", async () => {
    const close = open([{ id: COFFEE_250G }]);
    await settled();
    button("Create plan")!.click();
    await vi.waitFor(() => expect($('s-text-field[label="Internal name"]')?.getAttribute("error")).toBe("Enter an internal name"));
    expect(simulator.callsTo("SellingPlanGroupCreate")).toEqual([]);

    type($('s-text-field[label="Internal name"]'), "Tea");
    simulator.failNext("SellingPlanGroupCreate", { kind: "userErrors", userErrors: [{ field: ["input", "name"], message: "Name is already used", code: "TAKEN" }] });
    button("Create plan")!.click();
    await vi.waitFor(() => expect($('s-text-field[label="Name buyers see"]')?.getAttribute("error")).toBe("Name is already used"));
    expect(close).not.toHaveBeenCalled();
  });

  it("opens a plan for editing with its options, and lists only the app's plans to add or remove", async () => {
    const mine = addGroup("Coffee club", { productIds: [COFFEE] });
    addGroup("Tea club");
    addGroup("Their club", { ownerAppId: "gid://shopify/App/999", productIds: [COFFEE] });
    open([{ id: COFFEE, sellingPlanId: mine.id }]);
    await settled();

    expect($("s-admin-action")?.getAttribute("heading")).toBe("Edit subscription plan");
    expect($('s-text-field[label="Name buyers see"]')?.getAttribute("value")).toBe("Coffee club");
    expect($$('s-number-field[label="Deliver every"]').map((field) => field.getAttribute("value"))).toEqual(["1"]);
    expect(document.body.textContent).not.toContain("Their club");
    expect($$("s-badge").map((badge) => badge.textContent)).toEqual(["Offered on this product", "Not offered here"]);

    button("Remove")!.click();
    await vi.waitFor(() => expect($("s-banner")?.textContent).toBe('Removed from "Coffee club (internal)".'));
    expect(simulator.plans.groupsOf(SHOP).find((group) => group.id === mine.id)?.productIds).toEqual([]);
    expect($$("s-badge").map((badge) => badge.textContent)).toEqual(["Not offered here", "Not offered here"]);
  });

  it("says so when opened on another app's purchase option", async () => {
    const theirs = addGroup("Their club", { ownerAppId: "gid://shopify/App/999", productIds: [COFFEE] });
    open([{ id: COFFEE, sellingPlanId: theirs.id }]);
    await settled();
    expect($("s-banner")?.textContent).toMatch(/not created by this app/);
    expect(button("Create plan")).toBeUndefined();
  });
});
