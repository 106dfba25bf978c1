/** Charges one billing cycle of a contract again (a dunning retry); the outcome comes back by webhook. */
export const SUBSCRIPTION_BILLING_CYCLE_CHARGE_MUTATION = `#graphql
  mutation SubscriptionBillingCycleCharge($subscriptionContractId: ID!, $index: Int!) {
    subscriptionBillingCycleCharge(subscriptionContractId: $subscriptionContractId, billingCycleSelector: { index: $index }) {
      subscriptionBillingAttempt {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
