/** Offers a group on more single variants: the purchase-options extension's "Add" (App Store 5.4.6, 5.4.19). */
export const SELLING_PLAN_GROUP_ADD_PRODUCT_VARIANTS_MUTATION = `#graphql
  mutation SellingPlanGroupAddProductVariants($id: ID!, $productVariantIds: [ID!]!) {
    sellingPlanGroupAddProductVariants(id: $id, productVariantIds: $productVariantIds) {
      sellingPlanGroup {
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
