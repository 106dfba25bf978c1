/** Skips one upcoming order (billing cycle) of the subscription. */
export const ORDER_SKIP_MUTATION = `#graphql
  mutation OrderSkip($id: ID!, $cycleIndex: Int!) {
    subscriptionBillingCycleSkip(billingCycleInput: { contractId: $id, selector: { index: $cycleIndex } }) {
      billingCycle { cycleIndex skipped billingAttemptExpectedDate }
      userErrors { code field message }
    }
  }
`;
