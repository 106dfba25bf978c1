/** The signed-in customer's subscriptions, newest first: every one of them, whatever its status (App Store 5.4.13). */
export const CUSTOMER_SUBSCRIPTIONS_QUERY = `#graphql
  query CustomerSubscriptions($first: Int!, $after: String) {
    customer {
      id
      subscriptionContracts(first: $first, after: $after, sortKey: CREATED_AT, reverse: true) {
        nodes {
          id
          status
          currencyCode
          nextBillingDate
          lastBillingAttemptErrorType
          deliveryPrice { amount currencyCode }
          deliveryPolicy { interval intervalCount { count } }
          linesCount { count }
          lines(first: 5) {
            nodes { id name quantity image { url altText } lineDiscountedPrice { amount currencyCode } }
          }
        }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`;
