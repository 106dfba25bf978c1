/**
 * The `shopify` global the admin gives this extension's two targets. Shopify
 * CLI also writes a `shopify.d.ts` with the same declaration per target when it
 * builds; this one keeps `npm run typecheck` independent of the CLI.
 */
import type { Api as ProductApi } from "@shopify/ui-extensions/admin.product-purchase-option.action.render";
import type { Api as VariantApi } from "@shopify/ui-extensions/admin.product-variant-purchase-option.action.render";

declare global {
  const shopify: ProductApi | VariantApi;
}
