/**
 * The contract an email is about, read when it is sent rather than stored in
 * the outbox: the customer's address and first name, and the product lines.
 */
export const NOTIFICATION_CONTRACT_QUERY = `#graphql
  query NotificationContract($id: ID!) {
    subscriptionContract(id: $id) {
      id
      status
      nextBillingDate
      customer {
        id
        firstName
        defaultEmailAddress {
          emailAddress
        }
      }
      lines(first: 10) {
        nodes {
          title
          variantTitle
          quantity
        }
      }
    }
  }
`;
