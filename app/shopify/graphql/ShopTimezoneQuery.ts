/** The shop's IANA time zone, read at install. */
export const SHOP_TIMEZONE_QUERY = `#graphql
  query ShopTimezone {
    shop {
      ianaTimezone
    }
  }
`;
