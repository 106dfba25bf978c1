/**
 * `process.env.APP_URL`: the app's URL, which Shopify CLI's bundler writes
 * into the extension. The page's other globals, `shopify` and `navigation`,
 * are typed where index.tsx reads them (@shopify/ui-extensions also declares
 * the checkout surface's `shopify`, which would shadow a declaration here).
 */
declare global {
  const process: { env: { APP_URL?: string } };
}

export {};
