import type { DomainTransformation } from "@shopify/shopify-api";

/**
 * SHOP_CUSTOM_DOMAIN: shops at `<name>.<domain>` are accepted as well as
 * `<name>.myshopify.com`. Shopify's template passes the domain as
 * `customShopDomains`, which @shopify/shopify-api 15 replaced with
 * `domainTransformations`: this one accepts the domain and leaves the shop as is.
 */
export function customShopDomain(domain: string): DomainTransformation {
  const escaped = domain.toLowerCase().replaceAll(".", "\\.");
  return {
    match: new RegExp(`^[a-zA-Z0-9][a-zA-Z0-9-_]*\\.${escaped}$`),
    transform: (matches) => matches[0],
  };
}
