/** The subscriptions an order started or renewed, still running (Shopify scopes them to this app's and this customer's). */
export const ORDER_SUBSCRIPTIONS_QUERY = `#graphql
  query OrderSubscriptions($orderId: ID!) {
    order(id: $orderId) {
      id
      subscriptionContracts(first: 10, query: "NOT status:cancelled AND NOT status:expired") {
        nodes {
          id
        }
      }
    }
  }
`;
