/** Activates a paused (or failed) contract again; "CONTRACT_TERMINATED" for a cancelled or expired one. */
export const SUBSCRIPTION_CONTRACT_ACTIVATE_MUTATION = `#graphql
  mutation SubscriptionContractActivate($subscriptionContractId: ID!) {
    subscriptionContractActivate(subscriptionContractId: $subscriptionContractId) {
      contract {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
