/** @jsxImportSource preact */
/**
 * The module both targets load (shopify.extension.toml):
 * `admin.product-purchase-option.action.render` on a product page and
 * `admin.product-variant-purchase-option.action.render` on a variant page.
 */
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { createAdminClient } from "./admin-client";
import { PurchaseOptionsAction } from "./PurchaseOptionsAction";

export default async () => {
  render(<PurchaseOptionsAction api={shopify} client={createAdminClient()} />, document.body);
};
