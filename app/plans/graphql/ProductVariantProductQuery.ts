/** The product a variant belongs to: the purchase-options extension is given only the variant's id. */
export const PRODUCT_VARIANT_PRODUCT_QUERY = `#graphql
  query ProductVariantProduct($id: ID!) {
    productVariant(id: $id) {
      id
      product {
        id
      }
    }
  }
`;
