import { describe, expect, it } from "vitest";
import { newPlanForm, planFormFromGroup, validatePlanForm, type PlanForm, type ShopifyPlan } from "../../../app/plans/plan-form";
import {
  addOption,
  canAddOption,
  canRemoveOption,
  formStateFromPlan,
  planFormValues,
  removeOption,
  resourcesOf,
  saveRequest,
  updateOption,
  type FormState,
  type OptionRow,
} from "./form-state";
import type { Target } from "./target";

const PRODUCT = "gid://shopify/Product/1";
const VARIANT = "gid://shopify/ProductVariant/11";
const GROUP = "gid://shopify/SellingPlanGroup/7";
const plan = (n: number) => `gid://shopify/SellingPlan/${n}`;

const EXISTING: PlanForm = {
  name: "Subscribe and save",
  merchantCode: "Coffee",
  discountType: "PERCENTAGE",
  options: [
    { id: plan(1), frequency: 2, interval: "WEEK", discount: 10 },
    { id: plan(2), frequency: 1, interval: "MONTH", discount: 15 },
  ],
  productIds: [PRODUCT],
  variantIds: [],
};

const row = (frequency: string, interval: OptionRow["interval"], discount = "10", key = `${frequency}${interval}`): OptionRow => ({ key, frequency, interval, discount });
const state = (...options: OptionRow[]): FormState => ({ name: "Subscribe and save", merchantCode: "Coffee", discountType: "PERCENTAGE", options });

describe("form state <-> the shared plan form", () => {
  it("holds a plan as text, and validates back to the same plan", () => {
    const form = formStateFromPlan(EXISTING);
    expect(form.options.map(({ key: _key, ...rest }) => rest)).toEqual([
      { id: plan(1), frequency: "2", interval: "WEEK", discount: "10" },
      { id: plan(2), frequency: "1", interval: "MONTH", discount: "15" },
    ]);
    expect(validatePlanForm(planFormValues(form, EXISTING))).toEqual({ ok: true, form: EXISTING });
  });

  it("starts a new plan from the app's defaults", () => {
    const form = formStateFromPlan(newPlanForm());
    expect(form).toMatchObject({ name: "Subscribe and save", merchantCode: "", discountType: "PERCENTAGE", options: [{ frequency: "1", interval: "MONTH", discount: "10" }] });
    expect(form.options[0].id).toBeUndefined();
  });

  it.each<[string, FormState, Record<string, string>]>([
    ["a blank internal name", { ...state(row("1", "MONTH")), merchantCode: " " }, { merchantCode: "Enter an internal name" }],
    ["text for a frequency", state(row("often", "MONTH")), { "options.0.frequency": "Enter a number" }],
    ["the same delivery twice", state(row("1", "MONTH", "10", "a"), row("1", "MONTH", "5", "b")), { "options.1.frequency": 'Option 1 already says "Deliver every month"' }],
    ["a percentage over 100", state(row("1", "MONTH", "120")), { "options.0.discount": "A percentage can be at most 100" }],
    ["a missing discount", state(row("1", "MONTH", "")), { "options.0.discount": "Enter the discount" }],
  ])("reports %s at its field, with the app's messages", (_case, form, errors) => {
    expect(validatePlanForm(planFormValues(form, resourcesOf({ kind: "product", resourceId: PRODUCT, groupId: null })))).toEqual({ ok: false, errors });
  });
});

describe("a group read from Shopify (the SellingPlanGroup document) as the editor's state", () => {
  const percentage = (value: number) => [{ adjustmentType: "PERCENTAGE" as const, adjustmentValue: { percentage: value } }];
  const amount = (type: "FIXED_AMOUNT" | "PRICE", value: string) => [{ adjustmentType: type, adjustmentValue: { amount: value } }];
  const shopifyPlan = (n: number, interval: "WEEK" | "MONTH" | "YEAR", count: number, pricingPolicies: ShopifyPlan["pricingPolicies"]): ShopifyPlan => ({
    id: plan(n),
    deliveryPolicy: { interval, intervalCount: count },
    pricingPolicies,
  });
  const groupOf = (plans: ShopifyPlan[]) => ({
    id: GROUP,
    name: "Subscribe and save",
    merchantCode: "Coffee",
    sellingPlans: { nodes: plans },
    products: { nodes: [{ id: PRODUCT, title: "Coffee" }] },
    productVariants: { nodes: [] },
  });

  it.each<[string, ShopifyPlan[], FormState["discountType"], Array<[string, string, string]>]>([
    ["percentage plans", [shopifyPlan(1, "WEEK", 2, percentage(10)), shopifyPlan(2, "MONTH", 1, percentage(12.5))], "PERCENTAGE", [["2", "WEEK", "10"], ["1", "MONTH", "12.5"]]],
    ["amount-off plans", [shopifyPlan(1, "MONTH", 1, amount("FIXED_AMOUNT", "2.50"))], "FIXED_AMOUNT", [["1", "MONTH", "2.5"]]],
    ["fixed-price plans", [shopifyPlan(1, "YEAR", 1, amount("PRICE", "99.00"))], "PRICE", [["1", "YEAR", "99"]]],
    ["plans without a discount", [shopifyPlan(1, "MONTH", 3, [])], "NONE", [["3", "MONTH", ""]]],
  ])("reads %s", (_case, plans, discountType, rows) => {
    const form = formStateFromPlan(planFormFromGroup(groupOf(plans)));
    expect(form.discountType).toBe(discountType);
    expect(form.options.map((row) => [row.frequency, row.interval, row.discount])).toEqual(rows);
    expect(form.options.map((row) => row.id)).toEqual(plans.map((p) => p.id));
  });
});

describe("editing the delivery options", () => {
  it.each<[string, OptionRow[], { frequency: string; interval: string }]>([
    ["monthly after a weekly option", [row("2", "WEEK")], { frequency: "1", interval: "MONTH" }],
    ["every 2 months after a monthly option", [row("1", "MONTH")], { frequency: "2", interval: "MONTH" }],
    ["the first month count not taken", [row("1", "MONTH"), row("2", "MONTH"), row("4", "MONTH")], { frequency: "3", interval: "MONTH" }],
    ["every 31 months when 1 to 30 are taken", Array.from({ length: 30 }, (_, i) => row(String(i + 1), "MONTH")), { frequency: "31", interval: "MONTH" }],
  ])("adds %s", (_case, options, expected) => {
    const next = addOption(state(...options));
    expect(next.options).toHaveLength(options.length + 1);
    expect(next.options.at(-1)).toMatchObject({ ...expected, discount: options.at(-1)!.discount });
    expect(next.options.at(-1)!.id).toBeUndefined();
  });

  it("adds at most 31 options (Shopify's limit), and keeps at least one", () => {
    const full = state(...Array.from({ length: 31 }, (_, i) => row(String(i + 1), "WEEK")));
    expect(canAddOption(full)).toBe(false);
    expect(addOption(full)).toBe(full);
    const single = state(row("1", "MONTH"));
    expect(canRemoveOption(single)).toBe(false);
    expect(removeOption(single, single.options[0].key)).toBe(single);
  });

  it("removes and updates the row it is given, keeping the others' keys", () => {
    const form = state(row("1", "MONTH", "10", "a"), row("2", "MONTH", "10", "b"));
    expect(removeOption(form, "a").options.map((r) => r.key)).toEqual(["b"]);
    expect(updateOption(form, "b", { interval: "YEAR", frequency: "1" }).options).toEqual([form.options[0], { key: "b", frequency: "1", interval: "YEAR", discount: "10" }]);
  });
});

describe("saveRequest: which of the app's mutations saving runs", () => {
  const product: Target = { kind: "product", resourceId: PRODUCT, groupId: null };
  const variant: Target = { kind: "variant", resourceId: VARIANT, groupId: null };
  const formFor = (target: Target) => {
    const parsed = validatePlanForm(planFormValues(state(row("1", "MONTH", "10")), resourcesOf(target)));
    if (!parsed.ok) throw new Error("invalid");
    return parsed.form;
  };

  it.each<[string, Target, { productIds: string[]; productVariantIds: string[] }]>([
    ["on the product page: for the whole product (5.4.6)", product, { productIds: [PRODUCT], productVariantIds: [] }],
    ["on a variant page: for that variant alone (5.4.19)", variant, { productIds: [], productVariantIds: [VARIANT] }],
  ])("creates a plan %s", (_case, target, resources) => {
    const request = saveRequest(formFor(target), null);
    expect(request).toEqual({
      operation: "create",
      variables: {
        resources,
        input: {
          name: "Subscribe and save",
          merchantCode: "Coffee",
          options: ["Delivery frequency"],
          sellingPlansToCreate: [
            {
              name: "Deliver every month, 10% off",
              options: ["Deliver every month"],
              position: 1,
              category: "SUBSCRIPTION",
              billingPolicy: { recurring: { interval: "MONTH", intervalCount: 1 } },
              deliveryPolicy: { recurring: { interval: "MONTH", intervalCount: 1 } },
              pricingPolicies: [{ fixed: { adjustmentType: "PERCENTAGE", adjustmentValue: { percentage: 10 } } }],
            },
          ],
        },
      },
    });
  });

  it("updates the plan being edited: kept plans by id, new ones created, dropped ones deleted, products untouched", () => {
    const form: PlanForm = { ...EXISTING, options: [EXISTING.options[1], { frequency: 3, interval: "MONTH", discount: 20 }] };
    const request = saveRequest(form, { groupId: GROUP, current: EXISTING });
    expect(request.operation).toBe("update");
    if (request.operation !== "update") return;
    expect(request.variables).toMatchObject({ id: GROUP, productIdsToAdd: [], productIdsToRemove: [], variantIdsToAdd: [], variantIdsToRemove: [] });
    expect(request.variables.input.sellingPlansToUpdate?.map((p) => p.id)).toEqual([plan(2)]);
    expect(request.variables.input.sellingPlansToCreate?.map((p) => p.name)).toEqual(["Deliver every 3 months, 20% off"]);
    expect(request.variables.input.sellingPlansToDelete).toEqual([plan(1)]);
  });
});
