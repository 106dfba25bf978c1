/**
 * Updates a group and its plans, and adds and removes products and variants,
 * in one request: Shopify runs the root fields in order and reports each
 * one's userErrors.
 */
export const SELLING_PLAN_GROUP_UPDATE_MUTATION = `#graphql
  mutation SellingPlanGroupUpdate(
    $id: ID!
    $input: SellingPlanGroupInput!
    $productIdsToAdd: [ID!]!
    $productIdsToRemove: [ID!]!
    $variantIdsToAdd: [ID!]!
    $variantIdsToRemove: [ID!]!
  ) {
    sellingPlanGroupUpdate(id: $id, input: $input) {
      sellingPlanGroup {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
    sellingPlanGroupAddProducts(id: $id, productIds: $productIdsToAdd) {
      userErrors {
        field
        message
        code
      }
    }
    sellingPlanGroupRemoveProducts(id: $id, productIds: $productIdsToRemove) {
      userErrors {
        field
        message
        code
      }
    }
    sellingPlanGroupAddProductVariants(id: $id, productVariantIds: $variantIdsToAdd) {
      userErrors {
        field
        message
        code
      }
    }
    sellingPlanGroupRemoveProductVariants(id: $id, productVariantIds: $variantIdsToRemove) {
      userErrors {
        field
        message
        code
      }
    }
  }
`;
