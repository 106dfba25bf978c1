/** Charges every ACTIVE contract's UNBILLED, not-yet-attempted cycle expected in the range (runs as a Shopify job). */
export const SUBSCRIPTION_BILLING_CYCLE_BULK_CHARGE_MUTATION = `#graphql
  mutation SubscriptionBillingCycleBulkCharge(
    $startDate: DateTime!
    $endDate: DateTime!
    $contractStatus: [SubscriptionContractSubscriptionStatus!]
    $billingCycleStatus: [SubscriptionBillingCycleBillingCycleStatus!]
    $billingAttemptStatus: SubscriptionBillingCycleBillingAttemptStatus
  ) {
    subscriptionBillingCycleBulkCharge(
      billingAttemptExpectedDateRange: { startDate: $startDate, endDate: $endDate }
      filters: {
        contractStatus: $contractStatus
        billingCycleStatus: $billingCycleStatus
        billingAttemptStatus: $billingAttemptStatus
      }
    ) {
      job {
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
