export const SUBSCRIPTION_BILLING_ATTEMPT_QUERY = `#graphql
  query SubscriptionBillingAttempt($id: ID!) {
    subscriptionBillingAttempt(id: $id) {
      id
      originTime
      ready
      subscriptionContract {
        id
      }
    }
  }
`;

export interface SubscriptionBillingAttemptData {
  subscriptionBillingAttempt: {
    id: string;
    originTime: string | null;
    ready: boolean;
    subscriptionContract: { id: string };
  } | null;
}
