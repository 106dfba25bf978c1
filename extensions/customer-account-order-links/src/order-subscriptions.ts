/** The link for an order, from its subscriptions in the Customer Account API. */
import type { CustomerClient } from "../../customer-account-subscriptions/src/customer-client";
import { ORDER_SUBSCRIPTIONS_QUERY } from "./graphql/OrderSubscriptionsQuery";
import { portalLink } from "./portal-link";

export async function orderPortalLink(client: CustomerClient, orderId: string) {
  const { order } = await client.request(ORDER_SUBSCRIPTIONS_QUERY, { orderId });
  return portalLink(order?.subscriptionContracts?.nodes ?? []);
}
