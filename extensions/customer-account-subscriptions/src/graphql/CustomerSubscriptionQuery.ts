/** One of the customer's subscriptions: lines, delivery, the next orders and the past ones. Null for a contract that is not theirs. */
export const CUSTOMER_SUBSCRIPTION_QUERY = `#graphql
  query CustomerSubscription($id: ID!) {
    customer {
      id
      subscriptionContract(id: $id) {
        id
        status
        currencyCode
        nextBillingDate
        lastBillingAttemptErrorType
        deliveryPrice { amount currencyCode }
        deliveryPolicy { interval intervalCount { count } }
        linesCount { count }
        deliveryMethod {
          __typename
          ... on SubscriptionDeliveryMethodShipping {
            address { firstName lastName address1 address2 city provinceCode zip countryCode phone }
            shippingOption { title presentmentTitle }
          }
          ... on SubscriptionDeliveryMethodLocalDelivery {
            address { firstName lastName address1 address2 city provinceCode zip countryCode phone }
            localDeliveryOption { title presentmentTitle phone }
          }
          ... on SubscriptionDeliveryMethodPickup {
            pickupOption { title presentmentTitle pickupAddress { address1 city zip countryCode } }
          }
        }
        lines(first: 50) {
          nodes { id name quantity image { url altText } currentPrice { amount currencyCode } lineDiscountedPrice { amount currencyCode } }
        }
        upcomingBillingCycles(first: 6) {
          nodes { cycleIndex billingAttemptExpectedDate skipped }
        }
        orders(first: 5, reverse: true) {
          nodes { id name processedAt totalPrice { amount currencyCode } }
        }
      }
    }
  }
`;
