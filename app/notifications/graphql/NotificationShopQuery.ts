/**
 * What every email needs from the shop: its name (the sender's name), the
 * addresses merchant emails go to and customer replies return to, and the
 * customer accounts URL (the portal link).
 */
export const NOTIFICATION_SHOP_QUERY = `#graphql
  query NotificationShop {
    shop {
      name
      email
      contactEmail
      myshopifyDomain
      customerAccountsV2 {
        url
      }
    }
  }
`;
