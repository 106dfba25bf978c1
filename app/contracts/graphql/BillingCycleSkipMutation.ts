/** Skips one upcoming billing cycle of a contract. */
export const BILLING_CYCLE_SKIP_MUTATION = `#graphql
  mutation BillingCycleSkip($contractId: ID!, $index: Int!) {
    subscriptionBillingCycleSkip(billingCycleInput: { contractId: $contractId, selector: { index: $index } }) {
      billingCycle {
        cycleIndex
        skipped
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
