/**
 * Adds tags to an order. Tags are a set on Shopify's side: adding a tag the
 * order already has changes nothing, so sending this twice is harmless.
 */
export const TAGS_ADD_MUTATION = `#graphql
  mutation TagsAdd($id: ID!, $tags: [String!]!) {
    tagsAdd(id: $id, tags: $tags) {
      node {
        id
      }
      userErrors {
        field
        message
      }
    }
  }
`;
