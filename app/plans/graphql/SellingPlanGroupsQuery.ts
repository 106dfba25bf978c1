/**
 * A page of the app's own selling plan groups (Shopify returns only the
 * calling app's by default, `app_id:CURRENT`; App Store review checks that an
 * app never reads other apps' plans), newest first.
 */
export const SELLING_PLAN_GROUPS_QUERY = `#graphql
  query SellingPlanGroups($first: Int, $last: Int, $after: String, $before: String, $query: String) {
    shop {
      currencyCode
    }
    sellingPlanGroups(first: $first, last: $last, after: $after, before: $before, query: $query, sortKey: CREATED_AT, reverse: true) {
      nodes {
        id
        name
        merchantCode
        productsCount {
          count
        }
        productVariantsCount {
          count
        }
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
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`;
