/** The customer resumes a paused subscription. */
export const SUBSCRIPTION_RESUME_MUTATION = `#graphql
  mutation SubscriptionResume($id: ID!) {
    subscriptionContractActivate(subscriptionContractId: $id) {
      contract { id status }
      userErrors { code field message }
    }
  }
`;
