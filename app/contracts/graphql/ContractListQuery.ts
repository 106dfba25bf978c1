/**
 * A page of the app's contracts (Shopify lists only contracts of the app's
 * own selling plans) with what the contracts table shows. `query` takes
 * Shopify's search terms (status, id, last_billing_attempt_error_type, ...).
 */
export const CONTRACT_LIST_QUERY = `#graphql
  query ContractList(
    $first: Int
    $last: Int
    $after: String
    $before: String
    $query: String
    $sortKey: SubscriptionContractsSortKeys
    $reverse: Boolean
  ) {
    subscriptionContracts(first: $first, last: $last, after: $after, before: $before, query: $query, sortKey: $sortKey, reverse: $reverse) {
      nodes {
        id
        status
        createdAt
        currencyCode
        nextBillingDate
        lastPaymentStatus
        lastBillingAttemptErrorType
        customer {
          id
          displayName
        }
        deliveryPolicy {
          interval
          intervalCount
        }
        linesCount {
          count
        }
        lines(first: 50) {
          nodes {
            id
            title
            variantTitle
            quantity
            lineDiscountedPrice {
              amount
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
