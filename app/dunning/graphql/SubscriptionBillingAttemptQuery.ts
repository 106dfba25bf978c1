/**
 * One billing attempt: its cycle's date and whether Shopify is still
 * processing it (`state` is a PendingState; `ready` is deprecated since 2026-04).
 */
export const SUBSCRIPTION_BILLING_ATTEMPT_QUERY = `#graphql
  query SubscriptionBillingAttempt($id: ID!) {
    subscriptionBillingAttempt(id: $id) {
      id
      originTime
      state {
        __typename
      }
    }
  }
`;
