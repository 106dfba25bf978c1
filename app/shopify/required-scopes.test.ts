import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { missingScopes, REQUIRED_SCOPES } from "./required-scopes";

const ALL = "write_products,read_purchase_options,write_purchase_options,read_own_subscription_contracts,write_own_subscription_contracts,read_customer_payment_methods,write_customers,write_orders";

describe("missingScopes", () => {
  it.each([
    [ALL, []],
    // A write scope implies its read scope.
    ["write_products,write_purchase_options,write_own_subscription_contracts,read_customer_payment_methods,write_customers,write_orders", []],
    [ALL.replace("write_products,", ""), ["write_products"]],
    [ALL.replace("write_products,", "read_products,"), ["write_products"]],
    [ALL.replace("write_orders", "read_orders"), ["write_orders"]],
    [ALL.replace(",read_customer_payment_methods", ""), ["read_customer_payment_methods"]],
    ["write_products", ["write_purchase_options", "read_own_subscription_contracts", "write_own_subscription_contracts", "read_customer_payment_methods", "write_customers", "write_orders"]],
    ["", [...REQUIRED_SCOPES]],
    [null, [...REQUIRED_SCOPES]],
  ])("a session granted %j lacks %j", (granted, missing) => expect(missingScopes(granted)).toEqual(missing));
});

describe("shopify.app.toml", () => {
  it("asks for every required scope", () => {
    const toml = readFileSync(new URL("../../shopify.app.toml", import.meta.url), "utf8");
    const declared = /^\[access_scopes\][\s\S]*?^scopes\s*=\s*"([^"]*)"/m.exec(toml)?.[1];
    expect(declared, "no scopes under [access_scopes]").toBeDefined();
    expect(missingScopes(declared)).toEqual([]);
  });
});
