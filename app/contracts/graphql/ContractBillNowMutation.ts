/**
 * Bills one cycle now, on the merchant's behalf. The attempt is processed
 * asynchronously: the page polls BillingAttemptState for the outcome.
 */
export const CONTRACT_BILL_NOW_MUTATION = `#graphql
  mutation ContractBillNow($id: ID!, $index: Int!) {
    subscriptionBillingCycleCharge(subscriptionContractId: $id, billingCycleSelector: { index: $index }, actor: MERCHANT) {
      subscriptionBillingAttempt {
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
