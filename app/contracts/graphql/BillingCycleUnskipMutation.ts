/** Un-skips one billing cycle of a contract. */
export const BILLING_CYCLE_UNSKIP_MUTATION = `#graphql
  mutation BillingCycleUnskip($contractId: ID!, $index: Int!) {
    subscriptionBillingCycleUnskip(billingCycleInput: { contractId: $contractId, selector: { index: $index } }) {
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
