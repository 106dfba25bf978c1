/** A contract's status with one of its billing cycles (by index or by date) and that cycle's attempts. */
export const SUBSCRIPTION_CONTRACT_WITH_BILLING_CYCLE_QUERY = `#graphql
  query SubscriptionContractWithBillingCycle($contractId: ID!, $selector: SubscriptionBillingCycleSelector!) {
    subscriptionContract(id: $contractId) {
      id
      status
    }
    subscriptionBillingCycle(billingCycleInput: { contractId: $contractId, selector: $selector }) {
      cycleIndex
      status
      skipped
      billingAttemptExpectedDate
      billingAttempts(first: 50) {
        edges {
          node {
            id
            originTime
            state {
              __typename
            }
          }
        }
      }
    }
  }
`;
