/**
 * The variant a purchase-options extension was opened on, and a page of the
 * app's own selling plan groups with whether each is offered on the variant
 * itself or on its whole product (App Store 5.4.19). Only the app's groups:
 * `app_id:CURRENT` is written out (App Store 5.4.2 review).
 */
export const PRODUCT_VARIANT_SELLING_PLAN_GROUPS_QUERY = `#graphql
  query ProductVariantSellingPlanGroups($variantId: ID!, $productId: ID!, $first: Int!, $after: String) {
    shop {
      currencyCode
    }
    productVariant(id: $variantId) {
      id
      displayName
    }
    sellingPlanGroups(first: $first, after: $after, query: "app_id:CURRENT", sortKey: NAME) {
      nodes {
        id
        name
        merchantCode
        summary
        appliesToProduct(productId: $productId)
        appliesToProductVariant(productVariantId: $variantId)
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
