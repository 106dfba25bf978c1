/** Deletes a selling plan group; contracts bought through its plans are not affected. */
export const SELLING_PLAN_GROUP_DELETE_MUTATION = `#graphql
  mutation SellingPlanGroupDelete($id: ID!) {
    sellingPlanGroupDelete(id: $id) {
      deletedSellingPlanGroupId
      userErrors {
        field
        message
        code
      }
    }
  }
`;
