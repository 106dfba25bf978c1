/** Removes a line from a draft (the contract keeps it until the draft is committed). */
export const DRAFT_LINE_REMOVE_MUTATION = `#graphql
  mutation DraftLineRemove($draftId: ID!, $lineId: ID!) {
    subscriptionDraftLineRemove(draftId: $draftId, lineId: $lineId) {
      lineRemoved {
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
