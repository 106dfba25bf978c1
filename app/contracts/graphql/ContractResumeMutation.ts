/** Activates a paused (or failed) contract again; `subscriptionContractActivate` takes no actor. */
export const CONTRACT_RESUME_MUTATION = `#graphql
  mutation ContractResume($id: ID!) {
    subscriptionContractActivate(subscriptionContractId: $id) {
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
