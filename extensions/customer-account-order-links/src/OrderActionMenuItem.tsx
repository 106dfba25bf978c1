/** @jsxImportSource preact */
/** `customer-account.order.action.menu-item.render`: "Manage subscription" on an order. */
import "@shopify/ui-extensions/preact";
import type { Api } from "@shopify/ui-extensions/customer-account.order.action.menu-item.render";
import { render } from "preact";
import { createCustomerClient } from "../../customer-account-subscriptions/src/customer-client";
import { ManageSubscriptionButton } from "./OrderLinks";

export default async () => {
  const shopify = (globalThis as unknown as { shopify: Api }).shopify;
  render(<ManageSubscriptionButton api={shopify} client={createCustomerClient()} />, document.body);
};
