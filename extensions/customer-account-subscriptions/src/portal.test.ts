import { describe, expect, it } from "vitest";
import { actionsFor, frequencyKey, nextOrder, outcomeOf, routeFor, statusTone, subscriptionUrl, type SubscriptionStatus } from "./portal";

describe("routeFor", () => {
  it.each([
    ["https://shopify.com/123/account/pages/abc", { view: "list" }],
    ["https://shopify.com/123/account/pages/abc/subscriptions/42", { view: "detail", id: "gid://shopify/SubscriptionContract/42" }],
    ["https://shopify.com/123/account/pages/abc/subscriptions/42/", { view: "detail", id: "gid://shopify/SubscriptionContract/42" }],
    ["extension:/subscriptions/7", { view: "detail", id: "gid://shopify/SubscriptionContract/7" }],
    ["https://shopify.com/123/account/pages/abc/subscriptions/", { view: "list" }],
    ["https://shopify.com/123/account/pages/abc/subscriptions/42x", { view: "list" }],
    ["https://shopify.com/123/account/pages/abc/subscriptions/42?x=1", { view: "detail", id: "gid://shopify/SubscriptionContract/42" }],
    ["not a url", { view: "list" }],
    ["", { view: "list" }],
  ])("%s", (url, route) => expect(routeFor(url)).toEqual(route));

  it("links a subscription's page by its numeric id", () => {
    expect(subscriptionUrl("gid://shopify/SubscriptionContract/42")).toBe("extension:/subscriptions/42");
    expect(routeFor(subscriptionUrl("gid://shopify/SubscriptionContract/42"))).toEqual({ view: "detail", id: "gid://shopify/SubscriptionContract/42" });
  });
});

describe("actionsFor", () => {
  it.each<[SubscriptionStatus, boolean, string[]]>([
    ["ACTIVE", true, ["skip", "delivery", "payment-method", "pause", "cancel"]],
    ["ACTIVE", false, ["delivery", "payment-method", "pause", "cancel"]],
    ["PAUSED", true, ["resume", "delivery", "payment-method", "cancel"]],
    ["FAILED", true, ["payment-method", "cancel"]],
    ["CANCELLED", true, []],
    ["EXPIRED", true, []],
  ])("%s (upcoming order: %s)", (status, hasUpcomingOrder, actions) => expect(actionsFor(status, { hasUpcomingOrder })).toEqual(actions));
});

describe("statusTone", () => {
  it.each<[SubscriptionStatus, string]>([
    ["ACTIVE", "auto"],
    ["PAUSED", "neutral"],
    ["FAILED", "critical"],
    ["CANCELLED", "neutral"],
    ["EXPIRED", "neutral"],
  ])("%s", (status, tone) => expect(statusTone(status)).toBe(tone));
});

describe("frequencyKey", () => {
  it.each([
    [{ interval: "WEEK", intervalCount: { count: 2 } }, { key: "frequency.WEEK", count: 2 }],
    [{ interval: "MONTH", intervalCount: { count: 1 } }, { key: "frequency.MONTH", count: 1 }],
    [{ interval: "YEAR", intervalCount: null }, { key: "frequency.YEAR", count: 1 }],
  ] as const)("%j", (policy, expected) => expect(frequencyKey(policy)).toEqual(expected));
});

describe("nextOrder", () => {
  const cycle = (cycleIndex: number, skipped = false) => ({ cycleIndex, skipped, billingAttemptExpectedDate: `2026-12-0${cycleIndex}T00:00:00Z` });
  it.each([
    [[], null],
    [[cycle(3), cycle(2)], cycle(2)],
    [[cycle(2, true), cycle(3)], cycle(3)],
    [[cycle(2, true), cycle(3, true)], null],
  ])("%j", (cycles, expected) => expect(nextOrder(cycles)).toEqual(expected));
});

describe("outcomeOf", () => {
  it.each([
    [{ userErrors: [] }, { id: "1" }, { ok: true }],
    [{ userErrors: [{ message: "Contract is terminated" }, { message: "And more" }] }, null, { ok: false, reason: "refused", message: "Contract is terminated; And more" }],
    [{ userErrors: [] }, null, { ok: false, reason: "failed", message: "Shopify answered without the change" }],
    [null, null, { ok: false, reason: "failed", message: "Shopify answered without a result" }],
  ])("%j with %j", (payload, changed, expected) => expect(outcomeOf(payload, changed)).toEqual(expected));
});
