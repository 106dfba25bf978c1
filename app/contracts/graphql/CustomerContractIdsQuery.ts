/**
 * The contracts of customers matching a search (name or email): Shopify's
 * contract search has no customer term, so the list searches customers and
 * then lists their contracts by id.
 */
export const CUSTOMER_CONTRACT_IDS_QUERY = `#graphql
  query CustomerContractIds($query: String!) {
    customers(first: 10, query: $query) {
      nodes {
        id
        subscriptionContracts(first: 25) {
          nodes {
            id
          }
        }
      }
    }
  }
`;
