import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { missingScopes, REQUIRED_SCOPES } from "./required-scopes";

describe("missingScopes", () => {
  it.each([
    ["write_products,write_own_subscription_contracts", []],
    ["write_products,read_own_subscription_contracts,write_own_subscription_contracts,read_orders", []],
    ["write_own_subscription_contracts,read_own_subscription_contracts", ["write_products"]],
    ["read_products,write_own_subscription_contracts", ["write_products"]],
    ["write_products", ["read_own_subscription_contracts", "write_own_subscription_contracts"]],
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
