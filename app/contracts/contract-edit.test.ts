import { describe, expect, it } from "vitest";
import { addedLineConflicts, draftChanges, draftErrorField, hasChanges, parseEditForm, rowsFromPicker, type ContractEditForm } from "./contract-edit";

const LINE_1 = "gid://shopify/SubscriptionLine/1";
const LINE_2 = "gid://shopify/SubscriptionLine/2";
const VARIANT_7 = "gid://shopify/ProductVariant/7";
const VARIANT_8 = "gid://shopify/ProductVariant/8";

function formData(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

const valid = {
  "lines[0].id": LINE_1,
  "lines[0].quantity": "2",
  "lines[0].price": "14",
  "lines[1].id": LINE_2,
  "lines[1].quantity": "1",
  "lines[1].price": "9.50",
  interval: "WEEK",
  intervalCount: "2",
};

const added = { "added[0].variantId": VARIANT_8, "added[0].quantity": "3", "added[0].price": "7" };

describe("parseEditForm", () => {
  it("reads lines, prices as two-decimal strings, and the frequency", () => {
    expect(parseEditForm(formData(valid))).toEqual({
      ok: true,
      form: {
        lines: [
          { id: LINE_1, quantity: 2, price: "14.00", remove: false },
          { id: LINE_2, quantity: 1, price: "9.50", remove: false },
        ],
        added: [],
        interval: "WEEK",
        intervalCount: 2,
      },
    });
  });

  it("reads removed lines and added products", () => {
    const parsed = parseEditForm(formData({ ...valid, "lines[1].remove": "true", ...added }));
    expect(parsed).toMatchObject({
      ok: true,
      form: { lines: [{ id: LINE_1, remove: false }, { id: LINE_2, remove: true }], added: [{ variantId: VARIANT_8, quantity: 3, price: "7.00" }] },
    });
  });

  it.each([
    [{ "lines[0].quantity": "0" }, "lines[0].quantity", /At least 1/],
    [{ "lines[1].quantity": "1.5" }, "lines[1].quantity", /whole number/],
    [{ "lines[0].quantity": "1000001" }, "lines[0].quantity", /At most 1,000,000/],
    [{ "lines[1].price": "-3" }, "lines[1].price", /price such as/],
    [{ "lines[1].price": "<b>9</b>" }, "lines[1].price", /price such as/],
    [{ "lines[0].id": "gid://shopify/Product/1" }, "lines[0].id", /Unknown line/],
    [{ ...added, "added[0].variantId": "gid://shopify/Product/1" }, "added[0].variantId", /Choose a product/],
    [{ ...added, "added[0].quantity": "0" }, "added[0].quantity", /At least 1/],
    [{ ...added, "added[0].price": "free" }, "added[0].price", /price such as/],
    [{ ...added, "added[1].variantId": VARIANT_8, "added[1].quantity": "1", "added[1].price": "7" }, "added[1].variantId", /Added twice/],
    [{ "lines[0].remove": "true", "lines[1].remove": "true" }, "lines", /at least one product: cancel the contract instead/],
    [{ interval: "DAY" }, "interval", /weeks, months or years/],
    [{ intervalCount: "0" }, "intervalCount", /At least 1/],
    [{ intervalCount: "105" }, "intervalCount", /At most 104/],
  ])("%j → error at %s", (change, field, message) => {
    const parsed = parseEditForm(formData({ ...valid, ...change }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[field]).toMatch(message);
  });

  it("refuses a form without lines", () => {
    const parsed = parseEditForm(formData({ interval: "MONTH", intervalCount: "1" }));
    expect(parsed).toEqual({ ok: false, errors: { lines: "A contract needs at least one product: cancel the contract instead" } });
  });

  it("accepts a form whose only product is a new one (every old line removed)", () => {
    const parsed = parseEditForm(formData({ ...valid, "lines[0].remove": "true", "lines[1].remove": "true", ...added }));
    expect(parsed.ok).toBe(true);
  });
});

describe("draftChanges", () => {
  const current = {
    lines: [
      { id: LINE_1, quantity: 1, price: "14.00" },
      { id: LINE_2, quantity: 1, price: "9.5" },
    ],
    interval: "MONTH",
    intervalCount: 1,
  };
  const line = (id: string, quantity: number, price: string, remove = false) => ({ id, quantity, price, remove });
  const none = { lineRemovals: [], lineUpdates: [], lineAdds: [], policy: null };

  it.each<[string, ContractEditForm, ReturnType<typeof draftChanges>]>([
    ["nothing changed", { lines: [line(LINE_1, 1, "14.00")], added: [], interval: "MONTH", intervalCount: 1 }, none],
    ["a quantity", { lines: [line(LINE_1, 3, "14.00")], added: [], interval: "MONTH", intervalCount: 1 }, { ...none, lineUpdates: [{ lineId: LINE_1, input: { quantity: 3 } }] }],
    [
      "a price (compared as money, 9.5 = 9.50)",
      { lines: [line(LINE_2, 1, "9.50"), line(LINE_1, 1, "12.00")], added: [], interval: "MONTH", intervalCount: 1 },
      { ...none, lineUpdates: [{ lineId: LINE_1, input: { currentPrice: "12.00" } }] },
    ],
    ["the frequency", { lines: [line(LINE_1, 1, "14.00")], added: [], interval: "WEEK", intervalCount: 2 }, { ...none, policy: { interval: "WEEK", intervalCount: 2 } }],
    [
      "a removed line is removed, not updated",
      { lines: [line(LINE_1, 5, "1.00", true), line(LINE_2, 1, "9.50")], added: [], interval: "MONTH", intervalCount: 1 },
      { ...none, lineRemovals: [LINE_1] },
    ],
    [
      "added products, in form order",
      { lines: [line(LINE_1, 1, "14.00")], added: [{ variantId: VARIANT_8, quantity: 2, price: "7.00" }, { variantId: VARIANT_7, quantity: 1, price: "9.50" }], interval: "MONTH", intervalCount: 1 },
      {
        ...none,
        lineAdds: [
          { index: 0, input: { productVariantId: VARIANT_8, quantity: 2, currentPrice: "7.00" } },
          { index: 1, input: { productVariantId: VARIANT_7, quantity: 1, currentPrice: "9.50" } },
        ],
      },
    ],
    ["a line the contract does not have (ignored)", { lines: [line("gid://shopify/SubscriptionLine/9", 5, "1.00", true)], added: [], interval: "MONTH", intervalCount: 1 }, none],
  ])("%s", (_name, wanted, expected) => {
    const changes = draftChanges(current, wanted);
    expect(changes).toEqual(expected);
    expect(hasChanges(changes)).toBe(JSON.stringify(expected) !== JSON.stringify(none));
  });
});

describe("addedLineConflicts", () => {
  const current = [
    { id: LINE_1, variantId: VARIANT_7 },
    { id: LINE_2, variantId: VARIANT_8 },
  ];
  const form = (removeLine1: boolean, variants: string[]): ContractEditForm => ({
    lines: [{ id: LINE_1, quantity: 1, price: "1.00", remove: removeLine1 }],
    added: variants.map((variantId) => ({ variantId, quantity: 1, price: "1.00" })),
    interval: "MONTH",
    intervalCount: 1,
  });

  it.each([
    ["a variant the contract has", form(false, ["gid://shopify/ProductVariant/99", VARIANT_7]), { "added[1].variantId": "Already in the contract: change its quantity instead" }],
    ["a variant on a line the form does not mention (kept)", form(false, [VARIANT_8]), { "added[0].variantId": "Already in the contract: change its quantity instead" }],
    ["a variant whose line is being removed (a swap)", form(true, [VARIANT_7]), {}],
    ["a new variant", form(false, ["gid://shopify/ProductVariant/99"]), {}],
  ])("%s", (_name, wanted, expected) => expect(addedLineConflicts(current, wanted)).toEqual(expected));
});

describe("rowsFromPicker", () => {
  it("makes one row per new variant at its price and quantity 1, labelled without Shopify's Default Title", () => {
    const picked = [
      { id: VARIANT_8, title: "20 tea bags", price: "7", product: { title: "Earl Grey Tea" } },
      { id: "gid://shopify/ProductVariant/9", title: "Default Title", price: "11.00", product: { title: "Sencha Green Tea" } },
      { id: VARIANT_7, displayName: "Earl Grey Tea - Loose leaf", price: null },
      { id: VARIANT_8, title: "20 tea bags", price: "7", product: { title: "Earl Grey Tea" } },
    ];
    expect(rowsFromPicker(picked, [{ variantId: VARIANT_7, label: "x", quantity: "2", price: "1.00" }])).toEqual([
      { variantId: VARIANT_8, label: "Earl Grey Tea (20 tea bags)", quantity: "1", price: "7.00" },
      { variantId: "gid://shopify/ProductVariant/9", label: "Sencha Green Tea", quantity: "1", price: "11.00" },
    ]);
  });
});

describe("draftErrorField", () => {
  it.each([
    ["lines[0]", ["input", "quantity"], "lines[0].quantity"],
    ["lines[1]", ["input", "currentPrice"], "lines[1].price"],
    ["added[0]", ["input", "productVariantId"], "added[0].variantId"],
    ["added[2]", ["input", "quantity"], "added[2].quantity"],
    [null, ["input", "billingPolicy", "intervalCount"], "intervalCount"],
    [null, null, "form"],
    ["lines[0]", ["draftId"], "form"],
  ])("row %s, field %j → %s", (row, field, expected) => expect(draftErrorField(row, { field })).toBe(expected));
});
