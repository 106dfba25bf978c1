/** Sets a draft line's quantity and/or price. */
export const DRAFT_LINE_UPDATE_MUTATION = `#graphql
  mutation DraftLineUpdate($draftId: ID!, $lineId: ID!, $input: SubscriptionLineUpdateInput!) {
    subscriptionDraftLineUpdate(draftId: $draftId, lineId: $lineId, input: $input) {
      lineUpdated {
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
