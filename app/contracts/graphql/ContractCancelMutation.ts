/** Cancels a contract on the merchant's behalf (`actor: MERCHANT`); Shopify refuses a terminated one. */
export const CONTRACT_CANCEL_MUTATION = `#graphql
  mutation ContractCancel($id: ID!) {
    subscriptionContractCancel(subscriptionContractId: $id, actor: MERCHANT) {
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
