/** Offers a group on more products (with all their variants): the purchase-options extension's "Add" (App Store 5.4.6). */
export const SELLING_PLAN_GROUP_ADD_PRODUCTS_MUTATION = `#graphql
  mutation SellingPlanGroupAddProducts($id: ID!, $productIds: [ID!]!) {
    sellingPlanGroupAddProducts(id: $id, productIds: $productIds) {
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
