/** The customer pauses their subscription (App Store 5.4.8). */
export const SUBSCRIPTION_PAUSE_MUTATION = `#graphql
  mutation SubscriptionPause($id: ID!) {
    subscriptionContractPause(subscriptionContractId: $id) {
      contract { id status }
      userErrors { code field message }
    }
  }
`;
