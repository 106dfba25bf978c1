/** A contract as the customer portal's backend needs it: whose it is, and its card. */
export const PORTAL_CONTRACT_QUERY = `#graphql
  query PortalContract($id: ID!) {
    subscriptionContract(id: $id) {
      id
      status
      customer {
        id
      }
      customerPaymentMethod(showRevoked: true) {
        id
        revokedAt
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
        }
      }
    }
  }
`;
