/**
 * Customer accounts' API access, for tests: what the extension sends to
 * `shopify://customer-account/api/<version>/graphql.json` goes to the
 * simulator's Customer Account API for one shop, signed in as one customer
 * (Shopify authenticates the extension's requests the same way: no token in
 * the extension's code). Any other URL fails the test.
 */
import type { AdminApiSimulator } from "../../../simulator/admin-api";
import { startAdminApiSimulator } from "../../../simulator/node";
import { createCustomerClient } from "../src/customer-client";

export function customerAccountFetch(simulator: AdminApiSimulator, shop: string, customerId: string): typeof fetch {
  const token = simulator.customerAccount.accessToken(shop, customerId);
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const match = /^shopify:\/\/customer-account\/api\/([\w-]+)\/graphql\.json$/.exec(url);
    if (!match) throw new Error(`The extension fetched ${url}; it should only use the Customer Account API`);
    const headers = new Headers(init?.headers);
    headers.set("authorization", token);
    return fetch(simulator.customerAccount.graphqlUrl(shop, match[1]), { ...init, headers });
  };
}

export function startPortalSimulator() {
  const running = startAdminApiSimulator({ apiKey: "portal-key", apiSecret: "portal-secret" });
  const clientFor = (shop: string, customerId: string) => createCustomerClient(customerAccountFetch(running.simulator, shop, customerId));
  return { ...running, clientFor };
}
