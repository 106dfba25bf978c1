import "@shopify/shopify-api/adapters/node";
import { LogSeverity, shopifyApi } from "@shopify/shopify-api";
import { describe, expect, it } from "vitest";
import { API_VERSION } from "./api-version";
import { customShopDomain } from "./custom-shop-domain";

function sanitizeShop(shop: string, domainTransformations = [customShopDomain("Shops.example.com")]) {
  const api = shopifyApi({
    apiKey: "key",
    apiSecretKey: "secret",
    hostName: "app.example.com",
    apiVersion: API_VERSION,
    isEmbeddedApp: true,
    domainTransformations,
    logger: { level: LogSeverity.Error },
  });
  return api.utils.sanitizeShop(shop);
}

describe("customShopDomain (SHOP_CUSTOM_DOMAIN)", () => {
  it("accepts shops on the custom domain, unchanged", () => {
    expect(sanitizeShop("my-shop.shops.example.com")).toBe("my-shop.shops.example.com");
  });

  it("still accepts myshopify.com shops", () => {
    expect(sanitizeShop("my-shop.myshopify.com")).toBe("my-shop.myshopify.com");
  });

  it("refuses other domains, and lookalikes of the custom one", () => {
    expect(sanitizeShop("my-shop.shops.example.com", [])).toBeNull();
    for (const shop of ["my-shop.example.com", "my-shop.shopsxexample.com", "my-shop.shops.example.com.evil.io"]) {
      expect(sanitizeShop(shop)).toBeNull();
    }
  });
});
