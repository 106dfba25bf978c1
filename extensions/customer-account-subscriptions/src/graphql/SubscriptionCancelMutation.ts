/** The customer cancels their subscription (App Store 5.4.8). */
export const SUBSCRIPTION_CANCEL_MUTATION = `#graphql
  mutation SubscriptionCancel($id: ID!) {
    subscriptionContractCancel(subscriptionContractId: $id) {
      contract { id status }
      userErrors { code field message }
    }
  }
`;
