/** Opens a draft of the contract: edits go to the draft, and nothing changes until it is committed. */
export const CONTRACT_DRAFT_CREATE_MUTATION = `#graphql
  mutation ContractDraftCreate($contractId: ID!) {
    subscriptionContractUpdate(contractId: $contractId) {
      draft {
        id
        lines(first: 50) {
          nodes {
            id
            quantity
            currentPrice {
              amount
            }
          }
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
