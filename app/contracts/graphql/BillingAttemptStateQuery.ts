/** Where a billing attempt stands: pending, succeeded (with its order), failed (with why), or waiting on the buyer. */
export const BILLING_ATTEMPT_STATE_QUERY = `#graphql
  query BillingAttemptState($id: ID!) {
    subscriptionBillingAttempt(id: $id) {
      id
      subscriptionContract {
        id
      }
      state {
        __typename
        ... on SubscriptionBillingAttemptSuccessState {
          order {
            id
            name
          }
        }
        ... on SubscriptionBillingAttemptFailedState {
          error {
            __typename
            ... on SubscriptionBillingAttemptPaymentError {
              paymentCode: code
            }
            ... on SubscriptionBillingAttemptInventoryError {
              inventoryCode: code
            }
            ... on SubscriptionBillingAttemptGeneralError {
              generalCode: code
            }
            ... on SubscriptionBillingAttemptUnexpectedError {
              message
            }
          }
        }
      }
    }
  }
`;
