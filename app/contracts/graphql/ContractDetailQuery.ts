/** Everything the contract page shows that Shopify holds: lines, prices, delivery, payment method, orders. */
export const CONTRACT_DETAIL_QUERY = `#graphql
  query ContractDetail($id: ID!) {
    subscriptionContract(id: $id) {
      id
      status
      createdAt
      currencyCode
      nextBillingDate
      lastPaymentStatus
      lastBillingAttemptErrorType
      note
      billingPolicy {
        interval
        intervalCount
        minCycles
        maxCycles
      }
      deliveryPolicy {
        interval
        intervalCount
      }
      customer {
        id
        displayName
        defaultEmailAddress {
          emailAddress
        }
      }
      originOrder {
        id
        name
      }
      lines(first: 50) {
        nodes {
          id
          title
          variantTitle
          quantity
          productId
          variantId
          sellingPlanName
          currentPrice {
            amount
          }
          lineDiscountedPrice {
            amount
          }
        }
      }
      deliveryPrice {
        amount
      }
      deliveryMethod {
        __typename
        ... on SubscriptionDeliveryMethodShipping {
          shippingOption {
            title
          }
          address {
            name
            address1
            address2
            city
            provinceCode
            zip
            countryCodeV2
          }
        }
        ... on SubscriptionDeliveryMethodLocalDelivery {
          localDeliveryOption {
            title
          }
          address {
            name
            address1
            address2
            city
            provinceCode
            zip
            countryCodeV2
          }
        }
        ... on SubscriptionDeliveryMethodPickup {
          pickupOption {
            title
          }
        }
      }
      customerPaymentMethod(showRevoked: true) {
        id
        revokedAt
        revokedReason
        instrument {
          __typename
          ... on CustomerCreditCard {
            brand
            lastDigits
            expiryMonth
            expiryYear
            expiresSoon
          }
          ... on CustomerShopPayAgreement {
            lastDigits
            expiryMonth
            expiryYear
            expiresSoon
          }
          ... on CustomerPaypalBillingAgreement {
            paypalAccountEmail
          }
        }
      }
      orders(first: 10, reverse: true) {
        nodes {
          id
          name
          createdAt
          totalPriceSet {
            shopMoney {
              amount
              currencyCode
            }
          }
        }
      }
    }
  }
`;
