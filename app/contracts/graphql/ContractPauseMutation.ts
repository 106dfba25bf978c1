/** Pauses a contract on the merchant's behalf (`actor: MERCHANT`, App Store 2026-07+). */
export const CONTRACT_PAUSE_MUTATION = `#graphql
  mutation ContractPause($id: ID!) {
    subscriptionContractPause(subscriptionContractId: $id, actor: MERCHANT) {
      contract {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
