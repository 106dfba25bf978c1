import { describe, expect, it } from "vitest";
import { deliveryLabel, discountText, planName, planSummary, productsFromPicker, pickerSelectionIds, resourceIds } from "./plan-display";
import { parsePlanForm, resourceChanges, sellingPlanGroupInput, userErrorFields, type PlanForm } from "./plan-form";

const VALID = {
  name: "Subscribe and save",
  merchantCode: "Coffee monthly",
  discountType: "PERCENTAGE",
  options: [
    { frequency: "2", interval: "WEEK", discount: "10" },
    { frequency: 1, interval: "MONTH", discount: 15 },
  ],
  productIds: ["gid://shopify/Product/1"],
  variantIds: ["gid://shopify/ProductVariant/22"],
};

const post = (plan: unknown) => {
  const formData = new FormData();
  formData.set("plan", typeof plan === "string" ? plan : JSON.stringify(plan));
  return parsePlanForm(formData);
};
const errorsOf = (plan: unknown) => {
  const result = post(plan);
  if (result.ok) throw new Error("expected errors");
  return result.errors;
};

describe("parsePlanForm", () => {
  it("reads a valid form, numbers from text included", () => {
    expect(post(VALID)).toEqual({
      ok: true,
      form: {
        ...VALID,
        options: [
          { frequency: 2, interval: "WEEK", discount: 10 },
          { frequency: 1, interval: "MONTH", discount: 15 },
        ],
      },
    });
  });

  it("drops the discounts when the plan has none", () => {
    const result = post({ ...VALID, discountType: "NONE" });
    expect(result.ok && result.form.options.map((option) => option.discount)).toEqual([null, null]);
  });

  it.each<[string, unknown, Record<string, string>]>([
    ["a blank name", { ...VALID, name: "  " }, { name: "Enter the name buyers see" }],
    ["no internal name", { ...VALID, merchantCode: undefined }, { merchantCode: "Enter an internal name" }],
    ["a name over 255 characters", { ...VALID, name: "x".repeat(256) }, { name: "Keep the name buyers see under 255 characters" }],
    ["no delivery option", { ...VALID, options: [] }, { options: "Add at least one delivery option" }],
    ["32 delivery options", { ...VALID, options: Array.from({ length: 32 }, (_, i) => ({ frequency: i + 1, interval: "WEEK", discount: 5 })) }, { options: "A plan can have at most 31 delivery options" }],
    ["a fractional frequency", { ...VALID, options: [{ frequency: "1.5", interval: "WEEK", discount: 5 }] }, { "options.0.frequency": "Enter a whole number" }],
    ["a zero frequency", { ...VALID, options: [{ frequency: 0, interval: "WEEK", discount: 5 }] }, { "options.0.frequency": "Deliver at least every 1" }],
    ["text for a frequency", { ...VALID, options: [{ frequency: "often", interval: "WEEK", discount: 5 }] }, { "options.0.frequency": "Enter a number" }],
    ["every 105 weeks", { ...VALID, options: [{ frequency: 105, interval: "WEEK", discount: 5 }] }, { "options.0.frequency": "At most every 104 weeks" }],
    ["every 37 months", { ...VALID, options: [{ frequency: 37, interval: "MONTH", discount: 5 }] }, { "options.0.frequency": "At most every 36 months" }],
    ["a daily interval", { ...VALID, options: [{ frequency: 1, interval: "DAY", discount: 5 }] }, { "options.0.interval": "Choose weeks, months or years" }],
    ["the same delivery twice", { ...VALID, options: [VALID.options[0], { frequency: 2, interval: "WEEK", discount: 20 }] }, { "options.1.frequency": 'Option 1 already says "Deliver every 2 weeks"' }],
    ["a missing discount", { ...VALID, options: [{ frequency: 1, interval: "WEEK", discount: "" }] }, { "options.0.discount": "Enter the discount" }],
    ["a missing price", { ...VALID, discountType: "PRICE", options: [{ frequency: 1, interval: "WEEK", discount: null }] }, { "options.0.discount": "Enter the price" }],
    ["a negative discount", { ...VALID, options: [{ frequency: 1, interval: "WEEK", discount: -5 }] }, { "options.0.discount": "Enter more than 0" }],
    ["101% off", { ...VALID, options: [{ frequency: 1, interval: "WEEK", discount: 101 }] }, { "options.0.discount": "A percentage can be at most 100" }],
    ["an amount with three decimals", { ...VALID, discountType: "FIXED_AMOUNT", options: [{ frequency: 1, interval: "WEEK", discount: "1.005" }] }, { "options.0.discount": "Use at most two decimals" }],
    ["an unknown discount type", { ...VALID, discountType: "BOGO" }, { discountType: "Choose a discount type" }],
    ["a product id of another type", { ...VALID, productIds: ["gid://shopify/Collection/1"] }, { products: "must be a Product id" }],
    ["a variant id that is not a GID", { ...VALID, variantIds: ["22"] }, { products: "must be a ProductVariant id" }],
    ["a plan id of another type", { ...VALID, options: [{ id: "gid://shopify/Product/1", frequency: 1, interval: "WEEK", discount: 5 }] }, { "options.0.id": "must be a SellingPlan id" }],
    ["markup in the name is kept as text, not refused", { ...VALID, name: "<b>Save</b>", merchantCode: "" }, { merchantCode: "Enter an internal name" }],
  ])("refuses %s, at the field", (_case, plan, errors) => {
    expect(errorsOf(plan)).toEqual(errors);
  });

  it("reports every mistake at once: fields and option rules together", () => {
    expect(errorsOf({ ...VALID, merchantCode: "", options: [{ frequency: 1, interval: "WEEK", discount: 150 }] })).toEqual({
      merchantCode: "Enter an internal name",
      "options.0.discount": "A percentage can be at most 100",
    });
  });

  it.each(["", "{", "null", "[]", '"text"'])("refuses a body that is not the form (%j) without throwing", (body) => {
    expect(Object.keys(errorsOf(body)).length).toBeGreaterThan(0);
  });
});

const FORM: PlanForm = {
  name: "Subscribe and save",
  merchantCode: "Coffee",
  discountType: "PERCENTAGE",
  options: [
    { id: "gid://shopify/SellingPlan/1", frequency: 2, interval: "WEEK", discount: 10 },
    { frequency: 1, interval: "MONTH", discount: 12.5 },
  ],
  productIds: ["gid://shopify/Product/1"],
  variantIds: [],
};

describe("sellingPlanGroupInput", () => {
  it("creates one pay-per-delivery plan per option", () => {
    expect(sellingPlanGroupInput({ ...FORM, options: [FORM.options[1]] })).toEqual({
      name: "Subscribe and save",
      merchantCode: "Coffee",
      options: ["Delivery frequency"],
      sellingPlansToCreate: [
        {
          name: "Deliver every month, 12.5% off",
          options: ["Deliver every month"],
          position: 1,
          category: "SUBSCRIPTION",
          billingPolicy: { recurring: { interval: "MONTH", intervalCount: 1 } },
          deliveryPolicy: { recurring: { interval: "MONTH", intervalCount: 1 } },
          pricingPolicies: [{ fixed: { adjustmentType: "PERCENTAGE", adjustmentValue: { percentage: 12.5 } } }],
        },
      ],
    });
  });

  it("updates kept plans, creates new ones and deletes the rest", () => {
    const input = sellingPlanGroupInput(FORM, ["gid://shopify/SellingPlan/1", "gid://shopify/SellingPlan/2"]);
    expect(input.sellingPlansToUpdate?.map((plan) => [plan.id, plan.name, plan.position])).toEqual([["gid://shopify/SellingPlan/1", "Deliver every 2 weeks, 10% off", 1]]);
    expect(input.sellingPlansToCreate?.map((plan) => [plan.name, plan.position])).toEqual([["Deliver every month, 12.5% off", 2]]);
    expect(input.sellingPlansToDelete).toEqual(["gid://shopify/SellingPlan/2"]);
  });

  it.each([
    ["NONE", 5, []],
    ["PERCENTAGE", 10, [{ fixed: { adjustmentType: "PERCENTAGE", adjustmentValue: { percentage: 10 } } }]],
    ["FIXED_AMOUNT", 5, [{ fixed: { adjustmentType: "FIXED_AMOUNT", adjustmentValue: { fixedValue: "5.00" } } }]],
    ["PRICE", 24.5, [{ fixed: { adjustmentType: "PRICE", adjustmentValue: { fixedValue: "24.50" } } }]],
  ] as const)("prices a %s plan", (discountType, discount, policies) => {
    const [plan] = sellingPlanGroupInput({ ...FORM, discountType, options: [{ frequency: 1, interval: "WEEK", discount }] }).sellingPlansToCreate!;
    expect(plan.pricingPolicies).toEqual(policies);
  });

  it("never writes an amount or a currency into a plan's name (App Store 5.4.14)", () => {
    for (const discountType of ["FIXED_AMOUNT", "PRICE"] as const) {
      const [plan] = sellingPlanGroupInput({ ...FORM, discountType, options: [{ frequency: 3, interval: "MONTH", discount: 7 }] }).sellingPlansToCreate!;
      expect(plan.name).toBe("Deliver every 3 months");
    }
  });
});

describe("resourceChanges", () => {
  it("adds and removes products and variants to match the form", () => {
    expect(
      resourceChanges(
        { productIds: ["gid://shopify/Product/1", "gid://shopify/Product/2"], variantIds: ["gid://shopify/ProductVariant/5"] },
        { productIds: ["gid://shopify/Product/2", "gid://shopify/Product/3"], variantIds: [] },
      ),
    ).toEqual({
      productIdsToAdd: ["gid://shopify/Product/3"],
      productIdsToRemove: ["gid://shopify/Product/1"],
      variantIdsToAdd: [],
      variantIdsToRemove: ["gid://shopify/ProductVariant/5"],
    });
  });
});

describe("userErrorFields", () => {
  it.each([
    [["input", "name"], "name"],
    [["input", "merchantCode"], "merchantCode"],
    [["input", "sellingPlansToCreate", "0", "options"], "options.1"],
    [["input", "sellingPlansToUpdate", "0", "name"], "options.0"],
    [["resources", "productIds", "0"], "products"],
    [["productVariantIds"], "products"],
    [null, "form"],
    [["input", "somethingElse"], "form"],
  ])("puts an error at %j on %s", (field, key) => {
    expect(userErrorFields(FORM, [{ field: field as string[] | null, message: "No." }])).toEqual({ [key]: "No." });
  });
});

describe("labels and summary", () => {
  it.each([
    [1, "WEEK", "Deliver every week"],
    [2, "WEEK", "Deliver every 2 weeks"],
    [1, "MONTH", "Deliver every month"],
    [3, "MONTH", "Deliver every 3 months"],
    [1, "YEAR", "Deliver every year"],
  ] as const)("%i %s reads %s", (frequency, interval, label) => expect(deliveryLabel({ frequency, interval })).toBe(label));

  it.each([
    ["NONE", null, "full price"],
    ["PERCENTAGE", 10, "10% off"],
    ["PERCENTAGE", 12.345, "12.35% off"],
    ["FIXED_AMOUNT", 5, "$5.00 off"],
    ["PRICE", 24.5, "$24.50 per delivery"],
  ] as const)("a %s discount of %s reads %s", (type, value, text) => expect(discountText(type, value, "USD")).toBe(text));

  it("writes amounts in the shop's currency", () => {
    expect(discountText("FIXED_AMOUNT", 5, "EUR")).toBe("€5.00 off");
    expect(planSummary("PRICE", [{ frequency: 2, interval: "WEEK", discount: 9 }], "CAD")).toEqual(["Deliver every 2 weeks: CA$9.00 per delivery"]);
  });

  it("names percentage plans with their discount", () => {
    expect(planName({ frequency: 1, interval: "WEEK", discount: 5 }, "PERCENTAGE")).toBe("Deliver every week, 5% off");
    expect(planName({ frequency: 1, interval: "WEEK", discount: null }, "NONE")).toBe("Deliver every week");
  });
});

describe("products from the resource picker", () => {
  const picked = [
    { id: "gid://shopify/Product/1", title: "Coffee", totalVariants: 2, variants: [{ id: "gid://shopify/ProductVariant/11", title: "250 g" }, { id: "gid://shopify/ProductVariant/12", title: "1 kg" }] },
    { id: "gid://shopify/Product/2", title: "Tea", totalVariants: 3, variants: [{ id: "gid://shopify/ProductVariant/21", title: "Green" }] },
  ];

  it("offers a product whole when every variant is ticked, and single variants otherwise (5.4.19)", () => {
    const products = productsFromPicker(picked);
    expect(products).toEqual([
      { id: "gid://shopify/Product/1", title: "Coffee", variants: null },
      { id: "gid://shopify/Product/2", title: "Tea", variants: [{ id: "gid://shopify/ProductVariant/21", title: "Green" }] },
    ]);
    expect(resourceIds(products)).toEqual({ productIds: ["gid://shopify/Product/1"], variantIds: ["gid://shopify/ProductVariant/21"] });
    expect(pickerSelectionIds(products)).toEqual([{ id: "gid://shopify/Product/1" }, { id: "gid://shopify/Product/2", variants: [{ id: "gid://shopify/ProductVariant/21" }] }]);
  });
});
