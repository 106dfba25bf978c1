export const SHOP_TIMEZONE_QUERY = `#graphql
  query ShopTimezone {
    shop {
      ianaTimezone
    }
  }
`;

export interface ShopTimezoneData {
  shop: { ianaTimezone: string };
}
