/**
 * The extension's data layer against the Admin API simulator, through the
 * extension's own client and the admin's direct API access: create, edit,
 * add, remove (App Store 5.4.6, 5.4.11, 5.4.19), userErrors at their fields,
 * and never another app's plans.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { newPlanForm, sellingPlanGroupInput, type PlanForm } from "../../../app/plans/plan-form";
import { API_VERSION } from "../../../app/shopify/api-version";
import type { SellingPlanGroupInput } from "../../../simulator/plans";
import { addOption, formStateFromPlan, removeOption, updateOption, type FormState } from "../src/form-state";
import { changeMembership, loadPlan, loadResource, savePlan, type PageResource } from "../src/purchase-options";
import type { Target } from "../src/target";
import { startExtensionSimulator } from "./direct-api";

const SHOP = "purchase-options.myshopify.com";
const running = startExtensionSimulator(SHOP);
const { simulator, client } = running;
afterAll(() => running.close());
beforeEach(() => simulator.reset());
// Every answer fits the schema: a resolver that breaks it fails the test that caused it.
afterEach(() => expect(simulator.faults).toEqual([]));

// The demo catalogue: House Blend Coffee (250 g, 1 kg) and Ethiopia Yirgacheffe.
const COFFEE = "gid://shopify/Product/1";
const COFFEE_250G = "gid://shopify/ProductVariant/1";
const COFFEE_1KG = "gid://shopify/ProductVariant/2";
const ETHIOPIA = "gid://shopify/Product/2";
const OTHER_APP = "gid://shopify/App/999";

const onProduct = (groupId: string | null = null): Target => ({ kind: "product", resourceId: COFFEE, groupId });
const onVariant = (groupId: string | null = null): Target => ({ kind: "variant", resourceId: COFFEE_250G, groupId });

/** A group as the app's plan page would have created it (the same shared input builder). */
function addGroup(form: Partial<PlanForm> & { name: string }, extra: { ownerAppId?: string; productIds?: string[]; productVariantIds?: string[] } = {}) {
  const input = sellingPlanGroupInput({ ...newPlanForm(), merchantCode: `${form.name} (internal)`, ...form }) as SellingPlanGroupInput;
  return simulator.plans.addGroup(SHOP, { ...input, ...extra });
}

const group = (id: string) => simulator.plans.groupsOf(SHOP).find((candidate) => candidate.id === id)!;

async function resource(target: Target): Promise<PageResource> {
  const loaded = await loadResource(client, target);
  if (!loaded.ok) throw new Error(loaded.message);
  return loaded.value;
}

const membershipOf = async (target: Target, groupId: string) => (await resource(target)).groups.find((row) => row.id === groupId)?.membership;

function newState(change: Partial<FormState> = {}): FormState {
  return { ...formStateFromPlan(newPlanForm()), merchantCode: "Coffee subscription", ...change };
}

describe("create (App Store 5.4.6)", () => {
  it("creates a plan on the product page's product, with the app's plan input", async () => {
    const state = addOption(newState());
    const saved = await savePlan(client, onProduct(), state, null);
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    const created = group(saved.groupId);
    expect(created).toMatchObject({ name: "Subscribe and save", merchantCode: "Coffee subscription", options: ["Delivery frequency"], productIds: [COFFEE], productVariantIds: [] });
    expect(created.plans.map((plan) => plan.name)).toEqual(["Deliver every month, 10% off", "Deliver every 2 months, 10% off"]);
    expect(await membershipOf(onProduct(), saved.groupId)).toBe("product");
  });

  it("creates a plan for one variant on the variant page (5.4.19)", async () => {
    const saved = await savePlan(client, onVariant(), newState({ discountType: "NONE" }), null);
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    expect(group(saved.groupId)).toMatchObject({ productIds: [], productVariantIds: [COFFEE_250G] });
    expect(group(saved.groupId).plans[0].pricingPolicies).toEqual([]);
    expect(await membershipOf(onVariant(), saved.groupId)).toBe("variant");
    expect(await membershipOf(onProduct(), saved.groupId)).toBe("some-variants");
  });

  it("validates with the app's plan form before asking Shopify", async () => {
    const state = newState({ merchantCode: "", options: [{ key: "a", frequency: "2", interval: "WEEK", discount: "150" }] });
    expect(await savePlan(client, onProduct(), state, null)).toEqual({
      ok: false,
      errors: { merchantCode: "Enter an internal name", "options.0.discount": "A percentage can be at most 100" },
    });
    expect(simulator.callsTo("SellingPlanGroupCreate")).toEqual([]);
  });
});

describe("edit", () => {
  it("opens the plan with the form prefilled from the group", async () => {
    const existing = addGroup(
      { name: "Subscribe and save", discountType: "FIXED_AMOUNT", options: [{ frequency: 2, interval: "WEEK", discount: 2.5 }, { frequency: 1, interval: "MONTH", discount: 4 }] },
      { productIds: [COFFEE] },
    );
    const loaded = await loadPlan(client, existing.id);
    expect(loaded).toEqual({
      ok: true,
      value: {
        name: "Subscribe and save",
        merchantCode: "Subscribe and save (internal)",
        discountType: "FIXED_AMOUNT",
        options: [
          { id: existing.plans[0].id, frequency: 2, interval: "WEEK", discount: 2.5 },
          { id: existing.plans[1].id, frequency: 1, interval: "MONTH", discount: 4 },
        ],
        productIds: [COFFEE],
        variantIds: [],
      },
    });
  });

  it("saves the edit: kept plans updated, new ones created, removed ones deleted, products untouched", async () => {
    const existing = addGroup({ name: "Subscribe and save", options: [{ frequency: 1, interval: "WEEK", discount: 5 }, { frequency: 1, interval: "MONTH", discount: 10 }] }, { productIds: [COFFEE, ETHIOPIA] });
    const [weekly, monthly] = existing.plans.map((plan) => plan.id);
    const loaded = await loadPlan(client, existing.id);
    if (!loaded.ok) throw new Error(loaded.message);
    let state = formStateFromPlan(loaded.value);
    state = removeOption(state, state.options[0].key);
    state = updateOption(state, state.options[0].key, { discount: "12" });
    state = addOption(state);
    state = { ...state, name: "Coffee club" };

    const saved = await savePlan(client, onProduct(existing.id), state, { groupId: existing.id, current: loaded.value });
    expect(saved).toEqual({ ok: true, groupId: existing.id });
    const updated = group(existing.id);
    expect(updated.name).toBe("Coffee club");
    expect(updated.plans.map((plan) => plan.name)).toEqual(["Deliver every month, 12% off", "Deliver every 2 months, 12% off"]);
    expect(updated.plans[0].id).toBe(monthly);
    expect(updated.plans.map((plan) => plan.id)).not.toContain(weekly);
    expect(updated.productIds).toEqual([COFFEE, ETHIOPIA]);
  });
});

describe("add and remove the page's product or variant (5.4.6, 5.4.11, 5.4.19)", () => {
  it("adds the product to one of the app's plans, then removes it", async () => {
    const plan = addGroup({ name: "Tea club" }, { productIds: [ETHIOPIA] });
    const row = async () => (await resource(onProduct())).groups.find((candidate) => candidate.id === plan.id)!;

    expect((await row()).membership).toBe("none");
    expect(await changeMembership(client, onProduct(), await row())).toEqual({ ok: true, removed: false });
    expect(group(plan.id).productIds).toEqual([ETHIOPIA, COFFEE]);
    expect((await row()).membership).toBe("product");

    expect(await changeMembership(client, onProduct(), await row())).toEqual({ ok: true, removed: true });
    expect(group(plan.id).productIds).toEqual([ETHIOPIA]);
    expect(simulator.callsTo("SellingPlanGroupAddProducts")).toHaveLength(1);
    expect(simulator.callsTo("SellingPlanGroupRemoveProducts")).toHaveLength(1);
  });

  it("adds a single variant, then removes it, on the variant page", async () => {
    const plan = addGroup({ name: "Tea club" });
    const row = async () => (await resource(onVariant())).groups.find((candidate) => candidate.id === plan.id)!;

    expect(await changeMembership(client, onVariant(), await row())).toEqual({ ok: true, removed: false });
    expect(group(plan.id)).toMatchObject({ productIds: [], productVariantIds: [COFFEE_250G] });
    expect((await row()).membership).toBe("variant");
    expect(await membershipOf({ kind: "variant", resourceId: COFFEE_1KG, groupId: null }, plan.id)).toBe("none");

    expect(await changeMembership(client, onVariant(), await row())).toEqual({ ok: true, removed: true });
    expect(group(plan.id).productVariantIds).toEqual([]);
  });

  it("sends nothing for a variant whose whole product is on the plan", async () => {
    const plan = addGroup({ name: "Tea club" }, { productIds: [COFFEE] });
    const row = (await resource(onVariant())).groups.find((candidate) => candidate.id === plan.id)!;
    expect(row.membership).toBe("through-product");
    expect(await changeMembership(client, onVariant(), row)).toEqual({ ok: false, message: expect.stringMatching(/product page/) });
    expect(simulator.calls.filter((call) => /^SellingPlanGroup(Add|Remove)/.test(call.operationName))).toEqual([]);
  });

  it("says why Shopify refused a change", async () => {
    const plan = addGroup({ name: "Tea club" });
    simulator.failNext("SellingPlanGroupAddProducts", { kind: "userErrors", userErrors: [{ field: ["productIds"], message: "Product does not exist", code: "PRODUCT_DOES_NOT_EXIST" }] });
    expect(await changeMembership(client, onProduct(), { id: plan.id, membership: "none" })).toEqual({ ok: false, message: "Product does not exist" });
  });
});

describe("Shopify's userErrors at the fields they name", () => {
  it("puts a refusal of the name at the name", async () => {
    simulator.failNext("SellingPlanGroupCreate", { kind: "userErrors", userErrors: [{ field: ["input", "name"], message: "Name is already used by another plan", code: "TAKEN" }] });
    expect(await savePlan(client, onProduct(), newState(), null)).toEqual({ ok: false, errors: { name: "Name is already used by another plan" } });
  });

  it("puts a plan deleted since the form opened at its delivery option", async () => {
    const existing = addGroup({ name: "Subscribe and save", options: [{ frequency: 1, interval: "WEEK", discount: 5 }, { frequency: 1, interval: "MONTH", discount: 10 }] }, { productIds: [COFFEE] });
    const loaded = await loadPlan(client, existing.id);
    if (!loaded.ok) throw new Error(loaded.message);
    // Someone else removes the monthly option (plan 2) while the extension is open.
    const without = { ...loaded.value, options: [loaded.value.options[0]] };
    expect((await savePlan(client, onProduct(existing.id), formStateFromPlan(without), { groupId: existing.id, current: loaded.value })).ok).toBe(true);

    const saved = await savePlan(client, onProduct(existing.id), formStateFromPlan(loaded.value), { groupId: existing.id, current: without });
    expect(saved.ok).toBe(false);
    if (saved.ok) return;
    expect(Object.keys(saved.errors)).toEqual(["options.1"]);
    expect(simulator.callsTo("SellingPlanGroupUpdate").at(-1)?.outcome).toBe("ok");
  });

  it("puts a refusal of the product on the form (the product was deleted)", async () => {
    simulator.plans.setCatalogue(SHOP, []);
    const saved = await savePlan(client, onProduct(), newState(), null);
    expect(saved).toEqual({ ok: false, errors: { products: expect.any(String) } });
  });
});

describe("only the app's own plans (App Store 5.4.2 review)", () => {
  it("never lists another app's plan, even one on this product", async () => {
    const mine = addGroup({ name: "Mine" }, { productIds: [COFFEE] });
    addGroup({ name: "Theirs" }, { ownerAppId: OTHER_APP, productIds: [COFFEE] });
    addGroup({ name: "Theirs too" }, { ownerAppId: OTHER_APP, productVariantIds: [COFFEE_250G] });

    expect((await resource(onProduct())).groups.map((row) => row.id)).toEqual([mine.id]);
    expect((await resource(onVariant())).groups.map((row) => row.id)).toEqual([mine.id]);
    for (const call of simulator.calls.filter((candidate) => /SellingPlanGroups$/.test(candidate.operationName))) expect(call.outcome).toBe("ok");
  });

  it("does not open another app's plan for editing", async () => {
    const theirs = addGroup({ name: "Theirs" }, { ownerAppId: OTHER_APP, productIds: [COFFEE] });
    expect(await loadPlan(client, theirs.id)).toEqual({ ok: false, message: expect.stringMatching(/not created by this app/) });
  });
});

describe("the page's resource", () => {
  it("reads every page of the app's plans, by name, those offered here first", async () => {
    for (const name of ["Delta", "alpha", "Charlie", "bravo"]) addGroup({ name }, name === "Charlie" ? { productIds: [COFFEE] } : {});
    const loaded = await resource(onProduct());
    expect(loaded).toMatchObject({ title: "House Blend Coffee", currencyCode: "USD", truncated: false });
    expect(loaded.groups.map((row) => row.name)).toEqual(["Charlie", "alpha", "bravo", "Delta"]);
  });

  it("names the variant on a variant page", async () => {
    expect(await resource(onVariant())).toMatchObject({ title: "House Blend Coffee - 250 g", groups: [] });
  });

  it.each([
    ["a product", onProduct(), "gid://shopify/Product/404", /product no longer exists/],
    ["a variant", onVariant(), "gid://shopify/ProductVariant/404", /variant no longer exists/],
  ])("says when %s is gone", async (_case, target, resourceId, message) => {
    expect(await loadResource(client, { ...target, resourceId })).toEqual({ ok: false, message: expect.stringMatching(message) });
  });

  it("sends every call to the app's Admin API version, with one named operation each", async () => {
    await resource(onVariant());
    expect(simulator.calls.map((call) => [call.operationName, call.apiVersion])).toEqual([
      ["ProductVariantProduct", API_VERSION],
      ["ProductVariantSellingPlanGroups", API_VERSION],
    ]);
  });
});
