import { describe, expect, it } from "vitest";
import { MAX_SHOP_DOMAIN_LENGTH, shopDomainValidator } from "./shop-domain.server";

const check = shopDomainValidator();
const custom = shopDomainValidator("shops.example.com");

describe("shopDomainValidator", () => {
  it.each([
    ["a shop", "my-shop.myshopify.com", "my-shop.myshopify.com"],
    ["digits and underscores", "shop_1-2.myshopify.com", "shop_1-2.myshopify.com"],
    ["another host", "evil.example.com", null],
    ["a lookalike of myshopify.com", "shop.myshopify.com.evil.io", null],
    ["Cyrillic lookalike letters", "shоp.myshopify.com", null],
    ["a duplicated header, as Headers joins it", "a.myshopify.com, b.myshopify.com", null],
    ["injection text", "a.myshopify.com'; DROP TABLE Session;--", null],
    ["CR/LF", "a.myshopify.com\r\nX-Evil: 1", null],
    ["a NUL", "a\u0000.myshopify.com", null],
    ["a trailing slash", "a.myshopify.com/", null],
    ["an admin URL", "admin.shopify.com/store/a", null],
    ["a URL", "https://a.myshopify.com", null],
    ["empty", "", null],
    ["too long for a domain", `${"a".repeat(MAX_SHOP_DOMAIN_LENGTH)}.myshopify.com`, null],
    ["not a string", 42, null],
  ])("%s", (_name, shop, expected) => expect(check(shop)).toBe(expected));

  it("accepts SHOP_CUSTOM_DOMAIN's shops only when it is set", () => {
    expect(custom("my-shop.shops.example.com")).toBe("my-shop.shops.example.com");
    expect(check("my-shop.shops.example.com")).toBeNull();
    expect(custom("my-shop.myshopify.com")).toBe("my-shop.myshopify.com");
  });
});
