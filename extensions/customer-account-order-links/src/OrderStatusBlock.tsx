/** @jsxImportSource preact */
/** `customer-account.order-status.block.render`: the subscription block on the order status page. */
import "@shopify/ui-extensions/preact";
import type { Api } from "@shopify/ui-extensions/customer-account.order-status.block.render";
import { render } from "preact";
import { createCustomerClient } from "../../customer-account-subscriptions/src/customer-client";
import { SubscriptionBlock } from "./OrderLinks";

export default async () => {
  const shopify = (globalThis as unknown as { shopify: Api }).shopify;
  render(<SubscriptionBlock api={{ orderId: shopify.order.value?.id ?? "", i18n: shopify.i18n }} client={createCustomerClient()} />, document.body);
};
