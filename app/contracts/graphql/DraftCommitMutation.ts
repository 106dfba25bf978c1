/** Applies a draft to its contract (refused as STALE_CONTRACT if the contract changed since the draft was made). */
export const DRAFT_COMMIT_MUTATION = `#graphql
  mutation DraftCommit($draftId: ID!) {
    subscriptionDraftCommit(draftId: $draftId) {
      contract {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
