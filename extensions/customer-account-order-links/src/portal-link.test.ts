import { describe, expect, it } from "vitest";
import { portalLink } from "./portal-link";

describe("portalLink", () => {
  it.each([
    ["no subscriptions: no link", [], null],
    ["one: its page in the portal", [{ id: "gid://shopify/SubscriptionContract/42" }], { href: "extension:customer-account-subscriptions/subscriptions/42", several: false }],
    ["several: the portal's list", [{ id: "gid://shopify/SubscriptionContract/1" }, { id: "gid://shopify/SubscriptionContract/2" }], { href: "extension:customer-account-subscriptions/", several: true }],
  ])("%s", (_name, contracts, expected) => expect(portalLink(contracts)).toEqual(expected));
});
