/**
 * The app's own server modules, loaded in-process against a fresh, migrated
 * SQLite database, with the Admin API simulator intercepting Shopify. Call
 * `loadApp()` once per test file (vitest gives each file its own modules).
 */
import { API_KEY, API_SECRET_KEY, APP_URL, getJwt } from "@shopify/shopify-api/test-helpers";
import { embeddedUrl } from "../../demo/session-token";
import { startAdminApiSimulator } from "../../simulator/node";
import { applyMigrations, createEmptyDatabase } from "./databases";
import { webhookHeaders, type WebhookOptions } from "./webhooks";

export { API_KEY, API_SECRET_KEY, APP_URL };
export const TEST_SCOPES = "write_products,read_purchase_options,write_purchase_options,read_own_subscription_contracts,write_own_subscription_contracts,read_customer_payment_methods,write_customers,write_orders";

export async function loadApp() {
  const db = await createEmptyDatabase("sqlite");
  await applyMigrations(db);
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    SHOPIFY_API_KEY: API_KEY,
    SHOPIFY_API_SECRET: API_SECRET_KEY,
    SHOPIFY_APP_URL: APP_URL,
    SCOPES: TEST_SCOPES,
    LOG_LEVEL: "silent",
  });
  // Before the app's modules: @shopify/shopify-api captures fetch when it loads.
  const running = startAdminApiSimulator({ apiKey: API_KEY, apiSecret: API_SECRET_KEY, scopes: TEST_SCOPES });
  const { default: prisma, sessionStorage } = await import("../../app/db/client.server");
  const { default: shopify } = await import("../../app/shopify/shopify.server");
  return {
    prisma,
    sessionStorage,
    shopify,
    simulator: running.simulator,
    async close() {
      running.close();
      await prisma.$disconnect();
      await db.drop();
    },
  };
}

export type LoadedApp = Awaited<ReturnType<typeof loadApp>>;

/** A session token (id_token) for `shop` as Shopify's admin would sign it, with optional claim overrides. */
export async function sessionToken(
  shop: string,
  { secret = API_SECRET_KEY, ...claims }: { secret?: string } & Record<string, unknown> = {},
): Promise<string> {
  const { token } = await getJwt(shop.replace(/\.myshopify\.com$/, ""), API_KEY, secret, claims);
  return token;
}

/** A document request for an embedded admin page, as the admin iframe loads it. */
export async function adminDocumentRequest(path: string, shop: string, token?: string): Promise<Request> {
  const credentials = { shop, apiKey: API_KEY, apiSecret: API_SECRET_KEY };
  return new Request(await embeddedUrl(APP_URL, path, credentials, token ?? (await sessionToken(shop))));
}

/** A fetch from the embedded app (App Bridge adds the bearer token). */
export async function adminFetchRequest(path: string, shop: string, token?: string, init?: RequestInit): Promise<Request> {
  const headers = new Headers(init?.headers);
  headers.set("authorization", `Bearer ${token ?? (await sessionToken(shop))}`);
  return new Request(new URL(path, APP_URL), { ...init, headers });
}

/** A webhook delivery signed with the test app's secret, as a Request for a route's action. */
export function webhookRequest(path: string, options: Omit<WebhookOptions, "secret"> & { secret?: string }): Request {
  const headers = webhookHeaders({ ...options, secret: options.secret ?? API_SECRET_KEY });
  return new Request(new URL(path, APP_URL), { method: "POST", headers, body: options.body });
}
