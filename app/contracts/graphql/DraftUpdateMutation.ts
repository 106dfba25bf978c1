/** Sets a draft's billing and delivery policy (the delivery frequency). */
export const DRAFT_UPDATE_MUTATION = `#graphql
  mutation DraftUpdate($draftId: ID!, $input: SubscriptionDraftInput!) {
    subscriptionDraftUpdate(draftId: $draftId, input: $input) {
      draft {
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
