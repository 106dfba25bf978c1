/**
 * The demo shop's products: a small coffee and tea catalogue, as plain data
 * so every process can use the same list. The simulator gives it to each
 * shop (simulator/plans.ts), the demo proxy serves it as
 * `/__simulator/catalogue.json` and the browser tests route that URL to it,
 * and the App Bridge stub's resource picker lists it from there.
 *
 * IDs are fixed GIDs, prices are decimal strings in the shop's currency, and
 * a product with a single variant has Shopify's "Default Title" variant.
 */

export interface CatalogueVariant {
  id: string;
  title: string;
  /** A decimal string, e.g. "14.00" (Shopify's Money scalar). */
  price: string;
}

export interface CatalogueProduct {
  id: string;
  title: string;
  handle: string;
  variants: CatalogueVariant[];
}

const product = (n: number, title: string, variants: Array<[number, string, string]>): CatalogueProduct => ({
  id: `gid://shopify/Product/${n}`,
  title,
  handle: title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, ""),
  variants: variants.map(([id, variantTitle, price]) => ({ id: `gid://shopify/ProductVariant/${id}`, title: variantTitle, price })),
});

export const DEMO_CATALOGUE: readonly CatalogueProduct[] = [
  product(1, "House Blend Coffee", [
    [1, "250 g", "14.00"],
    [2, "1 kg", "48.00"],
  ]),
  product(2, "Ethiopia Yirgacheffe", [
    [3, "250 g", "18.50"],
    [4, "500 g", "34.00"],
    [5, "1 kg", "62.00"],
  ]),
  product(3, "Decaf Colombia", [[6, "Default Title", "16.00"]]),
  product(4, "Earl Grey Tea", [
    [7, "Loose leaf, 100 g", "9.50"],
    [8, "20 tea bags", "7.00"],
  ]),
  product(5, "Sencha Green Tea", [[9, "Default Title", "11.00"]]),
  product(6, "Masala Chai", [
    [10, "50 g", "6.00"],
    [11, "100 g", "10.50"],
    [12, "250 g", "22.00"],
  ]),
];

/** Where the demo proxy and the browser tests serve the catalogue, relative to the app's origin. */
export const CATALOGUE_PATH = "/__simulator/catalogue.json";
