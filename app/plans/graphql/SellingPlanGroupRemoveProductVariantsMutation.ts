/** Stops offering a group on single variants: the purchase-options extension's "Remove" (App Store 5.4.11, 5.4.19). */
export const SELLING_PLAN_GROUP_REMOVE_PRODUCT_VARIANTS_MUTATION = `#graphql
  mutation SellingPlanGroupRemoveProductVariants($id: ID!, $productVariantIds: [ID!]!) {
    sellingPlanGroupRemoveProductVariants(id: $id, productVariantIds: $productVariantIds) {
      removedProductVariantIds
      userErrors {
        field
        message
        code
      }
    }
  }
`;
