/** Adds a product variant to a draft as a new line, at the price the merchant set. */
export const DRAFT_LINE_ADD_MUTATION = `#graphql
  mutation DraftLineAdd($draftId: ID!, $input: SubscriptionLineInput!) {
    subscriptionDraftLineAdd(draftId: $draftId, input: $input) {
      lineAdded {
        id
        title
        variantTitle
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
