/** The shop's currency, for prices and amounts on the plan form. */
export const SHOP_CURRENCY_QUERY = `#graphql
  query ShopCurrency {
    shop {
      currencyCode
    }
  }
`;
