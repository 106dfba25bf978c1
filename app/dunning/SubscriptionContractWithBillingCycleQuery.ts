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
            ready
            originTime
            errorCode
          }
        }
      }
    }
  }
`;

export interface SubscriptionContractWithBillingCycleData {
  subscriptionContract: { id: string; status: string } | null;
  subscriptionBillingCycle: {
    cycleIndex: number;
    status: "BILLED" | "UNBILLED";
    skipped: boolean;
    billingAttemptExpectedDate: string;
    billingAttempts: { edges: Array<{ node: { id: string; ready: boolean; originTime: string | null; errorCode: string | null } }> };
  } | null;
}
