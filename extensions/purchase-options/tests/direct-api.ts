/**
 * The admin's direct API access, for tests: what the extension sends to
 * `shopify:admin/api/<version>/graphql.json` goes to the Admin API
 * simulator's shop (`https://<shop>/admin/api/<version>/graphql.json`, which
 * MSW intercepts), with an access token as the admin adds one. Any other URL
 * fails the test: the extension talks to nothing else.
 */
import { API_VERSION } from "../../../app/shopify/api-version";
import { startAdminApiSimulator } from "../../../simulator/node";
import { createAdminClient } from "../src/admin-client";

export function directApiFetch(shop: string): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const match = /^shopify:admin\/api\/(?:([\w-]+)\/)?graphql\.json$/.exec(url);
    if (!match) throw new Error(`The extension fetched ${url}; it should only use Shopify's direct API access`);
    const headers = new Headers(init?.headers);
    headers.set("x-shopify-access-token", "shpat_purchase_options_extension");
    return fetch(`https://${shop}/admin/api/${match[1] ?? API_VERSION}/graphql.json`, { ...init, headers });
  };
}

/** A simulator, and the extension's client for one of its shops. */
export function startExtensionSimulator(shop: string) {
  const running = startAdminApiSimulator({ apiKey: "purchase-options-key", apiSecret: "purchase-options-secret" });
  return { ...running, client: createAdminClient(directApiFetch(shop)) };
}
