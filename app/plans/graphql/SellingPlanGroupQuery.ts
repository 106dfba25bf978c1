/** One selling plan group with its plans and the products and variants it is offered on. */
export const SELLING_PLAN_GROUP_QUERY = `#graphql
  query SellingPlanGroup($id: ID!) {
    shop {
      currencyCode
    }
    sellingPlanGroup(id: $id) {
      id
      name
      merchantCode
      sellingPlans(first: 31) {
        nodes {
          id
          deliveryPolicy {
            ... on SellingPlanRecurringDeliveryPolicy {
              interval
              intervalCount
            }
          }
          pricingPolicies {
            ... on SellingPlanFixedPricingPolicy {
              adjustmentType
              adjustmentValue {
                ... on SellingPlanPricingPolicyPercentageValue {
                  percentage
                }
                ... on MoneyV2 {
                  amount
                }
              }
            }
          }
        }
      }
      products(first: 250) {
        nodes {
          id
          title
        }
      }
      productVariants(first: 250) {
        nodes {
          id
          title
          product {
            id
            title
          }
        }
      }
    }
  }
`;
