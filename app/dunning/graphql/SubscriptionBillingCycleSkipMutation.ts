/** Skips one billing cycle (subscriptionBillingCycleScheduleEdit with skip: true). */
export const SUBSCRIPTION_BILLING_CYCLE_SKIP_MUTATION = `#graphql
  mutation SubscriptionBillingCycleSkip($contractId: ID!, $index: Int!) {
    subscriptionBillingCycleScheduleEdit(
      billingCycleInput: { contractId: $contractId, selector: { index: $index } }
      input: { reason: MERCHANT_INITIATED, skip: true }
    ) {
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
