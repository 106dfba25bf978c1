import { describe, expect, it } from "vitest";
import { EMAIL_KINDS } from "./email-kinds";
import { kindField, parseNotificationForm } from "./notification-form";

function form(fields: Record<string, string>, on: readonly string[] = EMAIL_KINDS): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  for (const kind of on) data.set(kindField(kind as (typeof EMAIL_KINDS)[number]), "on");
  return data;
}

describe("parseNotificationForm", () => {
  it("reads every kind on, no addresses, immediate stock-out emails", () => {
    expect(parseNotificationForm(form({ inventoryNotices: "immediately" }))).toEqual({
      ok: true,
      preferences: { disabledKinds: [], replyTo: null, merchantEmail: null, inventoryNotices: "immediately" },
    });
  });

  it("turns off the kinds whose box is not checked, keeping the order of EMAIL_KINDS", () => {
    const result = parseNotificationForm(form({ inventoryNotices: "weekly" }, EMAIL_KINDS.filter((kind) => kind !== "payment-failed" && kind !== "order-skipped")));
    expect(result).toMatchObject({ ok: true, preferences: { disabledKinds: ["order-skipped", "payment-failed"], inventoryNotices: "weekly" } });
  });

  it("trims addresses and treats blank as the shop's own", () => {
    expect(parseNotificationForm(form({ inventoryNotices: "weekly", replyTo: "  help@shop.example ", merchantEmail: "   " }))).toMatchObject({
      ok: true,
      preferences: { replyTo: "help@shop.example", merchantEmail: null },
    });
  });

  it.each([
    ["replyTo", "not an address", "Reply-to address must be one email address, like help@yourshop.com"],
    ["replyTo", "a@b.co, c@d.co", "Reply-to address must be one email address, like help@yourshop.com"],
    ["merchantEmail", "Owner <owner@shop.example>", "Your notification address must be one email address, like help@yourshop.com"],
    ["merchantEmail", `${"x".repeat(250)}@shop.example`, "Your notification address is too long"],
    ["inventoryNotices", "monthly", "Choose immediately or weekly"],
  ])("refuses %s = %j at its field", (field, value, message) => {
    const result = parseNotificationForm(form({ inventoryNotices: "immediately", [field]: value }));
    expect(result).toEqual({ ok: false, fieldErrors: { [field]: message } });
  });
});
