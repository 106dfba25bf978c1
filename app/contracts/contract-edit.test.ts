import { describe, expect, it } from "vitest";
import { draftChanges, draftErrorField, hasChanges, parseEditForm } from "./contract-edit";

const LINE_1 = "gid://shopify/SubscriptionLine/1";
const LINE_2 = "gid://shopify/SubscriptionLine/2";

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

describe("parseEditForm", () => {
  it("reads lines, prices as two-decimal strings, and the frequency", () => {
    expect(parseEditForm(formData(valid))).toEqual({
      ok: true,
      form: {
        lines: [
          { id: LINE_1, quantity: 2, price: "14.00" },
          { id: LINE_2, quantity: 1, price: "9.50" },
        ],
        interval: "WEEK",
        intervalCount: 2,
      },
    });
  });

  it.each([
    [{ "lines[0].quantity": "0" }, "lines[0].quantity", /At least 1/],
    [{ "lines[1].quantity": "1.5" }, "lines[1].quantity", /whole number/],
    [{ "lines[0].quantity": "1000001" }, "lines[0].quantity", /At most 1,000,000/],
    [{ "lines[1].price": "-3" }, "lines[1].price", /price such as/],
    [{ "lines[1].price": "<b>9</b>" }, "lines[1].price", /price such as/],
    [{ "lines[0].id": "gid://shopify/Product/1" }, "lines[0].id", /Unknown line/],
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
    expect(parsed).toEqual({ ok: false, errors: { lines: "A contract needs at least one product" } });
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

  it.each([
    ["nothing changed", { lines: [{ id: LINE_1, quantity: 1, price: "14.00" }], interval: "MONTH", intervalCount: 1 }, { lineUpdates: [], policy: null }],
    [
      "a quantity",
      { lines: [{ id: LINE_1, quantity: 3, price: "14.00" }], interval: "MONTH", intervalCount: 1 },
      { lineUpdates: [{ lineId: LINE_1, input: { quantity: 3 } }], policy: null },
    ],
    [
      "a price (compared as money, 9.5 = 9.50)",
      { lines: [{ id: LINE_2, quantity: 1, price: "9.50" }, { id: LINE_1, quantity: 1, price: "12.00" }], interval: "MONTH", intervalCount: 1 },
      { lineUpdates: [{ lineId: LINE_1, input: { currentPrice: "12.00" } }], policy: null },
    ],
    [
      "the frequency",
      { lines: [{ id: LINE_1, quantity: 1, price: "14.00" }], interval: "WEEK", intervalCount: 2 },
      { lineUpdates: [], policy: { interval: "WEEK", intervalCount: 2 } },
    ],
    ["a line the contract does not have (ignored)", { lines: [{ id: "gid://shopify/SubscriptionLine/9", quantity: 5, price: "1.00" }], interval: "MONTH", intervalCount: 1 }, { lineUpdates: [], policy: null }],
  ] as const)("%s", (_name, wanted, expected) => {
    const changes = draftChanges(current, { ...wanted, lines: [...wanted.lines] });
    expect(changes).toEqual(expected);
    expect(hasChanges(changes)).toBe(expected.lineUpdates.length > 0 || expected.policy !== null);
  });
});

describe("draftErrorField", () => {
  it.each([
    [0, ["input", "quantity"], "lines[0].quantity"],
    [1, ["input", "currentPrice"], "lines[1].price"],
    [null, ["input", "billingPolicy", "intervalCount"], "intervalCount"],
    [null, null, "form"],
    [0, ["draftId"], "form"],
  ])("line %s, field %j → %s", (line, field, expected) => expect(draftErrorField(line, { field })).toBe(expected));
});
