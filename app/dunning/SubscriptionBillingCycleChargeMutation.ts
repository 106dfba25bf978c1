/** Charges one billing cycle of a contract again (a dunning retry). */
export const SUBSCRIPTION_BILLING_CYCLE_CHARGE_MUTATION = `#graphql
  mutation SubscriptionBillingCycleCharge($subscriptionContractId: ID!, $index: Int!) {
    subscriptionBillingCycleCharge(subscriptionContractId: $subscriptionContractId, billingCycleSelector: { index: $index }) {
      subscriptionBillingAttempt {
        id
        ready
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export interface SubscriptionBillingCycleChargeData {
  subscriptionBillingCycleCharge: {
    subscriptionBillingAttempt: { id: string; ready: boolean } | null;
    userErrors: Array<{ field: string[] | null; message: string; code: string | null }>;
  };
}
