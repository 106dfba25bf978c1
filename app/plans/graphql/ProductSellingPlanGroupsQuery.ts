/**
 * The product a purchase-options extension was opened on, and a page of the
 * app's own selling plan groups with whether each is offered on it (whole, or
 * through some of its variants). `app_id:CURRENT` is written out rather than
 * left to Shopify's default: the extension must never list another app's
 * plans (App Store 5.4.2 review).
 */
export const PRODUCT_SELLING_PLAN_GROUPS_QUERY = `#graphql
  query ProductSellingPlanGroups($productId: ID!, $first: Int!, $after: String) {
    shop {
      currencyCode
    }
    product(id: $productId) {
      id
      title
    }
    sellingPlanGroups(first: $first, after: $after, query: "app_id:CURRENT", sortKey: NAME) {
      nodes {
        id
        name
        merchantCode
        summary
        appliesToProduct(productId: $productId)
        productVariantsCount(productId: $productId) {
          count
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
