/** Brings back an upcoming order the customer skipped. */
export const ORDER_UNSKIP_MUTATION = `#graphql
  mutation OrderUnskip($id: ID!, $cycleIndex: Int!) {
    subscriptionBillingCycleUnskip(billingCycleInput: { contractId: $id, selector: { index: $cycleIndex } }) {
      billingCycle { cycleIndex skipped billingAttemptExpectedDate }
      userErrors { code field message }
    }
  }
`;
