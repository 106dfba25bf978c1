/**
 * The delivery options for a new address. Shopify computes them in the
 * background: `deliveryOptionsResult` is null until they are ready, and the
 * portal asks again (delivery.ts).
 */
export const DELIVERY_OPTIONS_MUTATION = `#graphql
  mutation DeliveryOptions($id: ID!, $address: CustomerAddressInput!) {
    subscriptionContractFetchDeliveryOptions(subscriptionContractId: $id, address: $address) {
      deliveryOptionsResult {
        __typename
        ... on SubscriptionDeliveryOptionsResultSuccess {
          token
          deliveryOptions {
            __typename
            ... on SubscriptionShippingOption { code title presentmentTitle description phoneRequired price { amount currencyCode } }
            ... on SubscriptionLocalDeliveryOption { code title presentmentTitle description phoneRequired price { amount currencyCode } }
            ... on SubscriptionPickupOption {
              code title presentmentTitle description phoneRequired locationId pickupTime
              price { amount currencyCode }
              pickupAddress { address1 city zip countryCode }
            }
          }
        }
        ... on SubscriptionDeliveryOptionsResultFailure { message }
      }
      userErrors { code field message }
    }
  }
`;
