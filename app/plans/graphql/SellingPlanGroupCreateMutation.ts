/** Creates a selling plan group with its plans, on the given products and variants. */
export const SELLING_PLAN_GROUP_CREATE_MUTATION = `#graphql
  mutation SellingPlanGroupCreate($input: SellingPlanGroupInput!, $resources: SellingPlanGroupResourceInput) {
    sellingPlanGroupCreate(input: $input, resources: $resources) {
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
