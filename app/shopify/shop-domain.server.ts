/**
 * The one check of a shop domain that comes from outside (a webhook's
 * X-Shopify-Shop-Domain, a customer account token's `dest`): Shopify's own
 * `sanitizeShop` from @shopify/shopify-api, with the app's SHOP_CUSTOM_DOMAIN,
 * and no longer than a domain can be. Anything else is answered 4xx before
 * it reaches the database. The library's instance inside shopifyApp() is not
 * exposed, so this builds one for its utilities only (no requests are made).
 */
import "@shopify/shopify-api/adapters/node";
import { LogSeverity, shopifyApi } from "@shopify/shopify-api";
import { API_VERSION } from "./api-version";
import { customShopDomain } from "./custom-shop-domain";

/** DNS names are at most 253 characters; the shop columns take 255. */
export const MAX_SHOP_DOMAIN_LENGTH = 253;

export type ShopDomainCheck = (shop: unknown) => string | null;

export function shopDomainValidator(customDomain?: string): ShopDomainCheck {
  const api = shopifyApi({
    apiKey: "shop-domain-check",
    apiSecretKey: "unused",
    hostName: "app.invalid",
    apiVersion: API_VERSION,
    isEmbeddedApp: true,
    domainTransformations: customDomain ? [customShopDomain(customDomain)] : [],
    logger: { level: LogSeverity.Error },
  });
  return (shop) => {
    if (typeof shop !== "string" || shop.length === 0 || shop.length > MAX_SHOP_DOMAIN_LENGTH) return null;
    const clean = api.utils.sanitizeShop(shop);
    // sanitizeShop also takes "shop.myshopify.com/" and admin URLs; only the bare domain is a shop's name here.
    return clean === shop && !shop.includes("/") ? clean : null;
  };
}
