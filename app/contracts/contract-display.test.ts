import { describe, expect, it } from "vitest";
import { adminUrl, formatMoney, frequencyLabel, linesSummary, statusBadge, sumAmounts } from "./contract-display";

describe("contract display", () => {
  it.each([
    [{ interval: "WEEK", intervalCount: 1 }, "Every week"],
    [{ interval: "WEEK", intervalCount: 2 }, "Every 2 weeks"],
    [{ interval: "MONTH", intervalCount: 3 }, "Every 3 months"],
    [{ interval: "YEAR", intervalCount: 1 }, "Every year"],
  ])("frequencyLabel(%j) = %s", (policy, label) => expect(frequencyLabel(policy)).toBe(label));

  it.each([
    [[], "No products", undefined],
    [[{ title: "Tea", variantTitle: "Default Title", quantity: 1 }], "Tea × 1", undefined],
    [[{ title: "Coffee", variantTitle: "250 g", quantity: 2 }], "Coffee (250 g) × 2 + 2 more", 3],
  ])("linesSummary(%j) = %s", (lines, text, total) => expect(linesSummary(lines, total)).toBe(text));

  it("adds decimal strings without floating-point drift", () => expect(sumAmounts(["0.10", "0.20", "14.35"])).toBe("14.65"));
  it("formats money in the contract's currency", () => expect(formatMoney("1234.5", "EUR")).toBe("€1,234.50"));
  it("links to the admin by numeric id", () => expect(adminUrl("orders", "gid://shopify/Order/55")).toBe("shopify:admin/orders/55"));
  it.each([
    ["ACTIVE", "Active", "success"],
    ["FAILED", "Failed", "critical"],
    ["STALE", "STALE", "info"],
  ])("statusBadge(%s)", (status, label, tone) => expect(statusBadge(status)).toEqual({ label, tone }));
});
