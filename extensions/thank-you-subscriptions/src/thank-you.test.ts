import { describe, expect, it } from "vitest";
import { accountUrl, startsSubscription } from "./thank-you";

const line = (sellingPlan?: { recurringDeliveries: boolean } | null) => ({ merchandise: { sellingPlan } });

describe("startsSubscription", () => {
  it.each([
    ["no lines", [], false],
    ["one-time purchases", [line(), line(null)], false],
    ["a pre-order (one delivery)", [line({ recurringDeliveries: false })], false],
    ["a subscription among other lines", [line(), line({ recurringDeliveries: true })], true],
  ])("%s", (_name, lines, expected) => expect(startsSubscription(lines)).toBe(expected));
});

describe("accountUrl", () => {
  it.each([
    ["https://shop.example.com", "https://shop.example.com/account"],
    ["https://shop.example.com/", "https://shop.example.com/account"],
    [undefined, null],
  ])("%s", (storefrontUrl, expected) => expect(accountUrl(storefrontUrl)).toBe(expected));
});
