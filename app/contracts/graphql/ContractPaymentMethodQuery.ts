/** The contract's payment method, revoked or not, for the update email. */
export const CONTRACT_PAYMENT_METHOD_QUERY = `#graphql
  query ContractPaymentMethod($id: ID!) {
    subscriptionContract(id: $id) {
      id
      status
      customerPaymentMethod(showRevoked: true) {
        id
        revokedAt
      }
    }
  }
`;
