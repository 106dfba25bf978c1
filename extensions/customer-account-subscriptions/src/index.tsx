/** @jsxImportSource preact */
/** The module `customer-account.page.render` loads (shopify.extension.toml). */
import "@shopify/ui-extensions/preact";
import type { Api } from "@shopify/ui-extensions/customer-account.page.render";
import { render } from "preact";
import { createAppBackend } from "./app-backend";
import { createCustomerClient } from "./customer-client";
import { SubscriptionsPage } from "./SubscriptionsPage";

export default async () => {
  // The full page's API: the `shopify` global of customer-account.page.render.
  const shopify = (globalThis as unknown as { shopify: Api }).shopify;
  const backend = createAppBackend({ appUrl: process.env.APP_URL ?? "", sessionToken: shopify.sessionToken });
  render(<SubscriptionsPage api={shopify} navigation={navigation} client={createCustomerClient()} backend={backend} />, document.body);
};
