/** A contract's billing cycles expected in a date range, for the upcoming-orders card. */
export const CONTRACT_BILLING_CYCLES_QUERY = `#graphql
  query ContractBillingCycles($contractId: ID!, $startDate: DateTime!, $endDate: DateTime!) {
    subscriptionBillingCycles(
      contractId: $contractId
      first: 6
      billingCyclesDateRangeSelector: { startDate: $startDate, endDate: $endDate }
    ) {
      nodes {
        cycleIndex
        billingAttemptExpectedDate
        skipped
        status
      }
    }
  }
`;
