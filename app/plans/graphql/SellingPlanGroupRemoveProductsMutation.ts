/** Stops offering a group on products: the purchase-options extension's "Remove" (App Store 5.4.11). */
export const SELLING_PLAN_GROUP_REMOVE_PRODUCTS_MUTATION = `#graphql
  mutation SellingPlanGroupRemoveProducts($id: ID!, $productIds: [ID!]!) {
    sellingPlanGroupRemoveProducts(id: $id, productIds: $productIds) {
      removedProductIds
      userErrors {
        field
        message
        code
      }
    }
  }
`;
