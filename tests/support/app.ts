/**
 * The app's own server modules, loaded in-process against a fresh, migrated
 * SQLite database, with the Admin API simulator intercepting Shopify. Call
 * `loadApp()` once per test file (vitest gives each file its own modules).
 */
import { createHmac, randomUUID } from "node:crypto";
import { API_KEY, API_SECRET_KEY, APP_URL, getJwt } from "@shopify/shopify-api/test-helpers";
import { startAdminApiSimulator } from "../../simulator/node";
import { applyMigrations, createEmptyDatabase } from "./databases";

export { API_KEY, API_SECRET_KEY, APP_URL };
export const TEST_SCOPES = "write_own_subscription_contracts,read_own_subscription_contracts";

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
  const { default: prisma, sessionStorage } = await import("../../app/db.server");
  const { default: shopify } = await import("../../app/shopify.server");
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
  const url = new URL(path, APP_URL);
  url.searchParams.set("embedded", "1");
  url.searchParams.set("shop", shop);
  url.searchParams.set("host", Buffer.from(`admin.shopify.com/store/${shop.split(".")[0]}`).toString("base64"));
  url.searchParams.set("id_token", token ?? (await sessionToken(shop)));
  return new Request(url);
}

/** A fetch from the embedded app (App Bridge adds the bearer token). */
export async function adminFetchRequest(path: string, shop: string, token?: string, init?: RequestInit): Promise<Request> {
  const headers = new Headers(init?.headers);
  headers.set("authorization", `Bearer ${token ?? (await sessionToken(shop))}`);
  return new Request(new URL(path, APP_URL), { ...init, headers });
}

export interface WebhookOptions {
  topic: string;
  shop: string;
  body: string;
  webhookId?: string;
  secret?: string;
  omitHeaders?: string[];
}

/** A webhook delivery signed the way Shopify signs it: HMAC-SHA256 of the raw body, base64. */
export function webhookRequest(path: string, options: WebhookOptions): Request {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-shopify-hmac-sha256": createHmac("sha256", options.secret ?? API_SECRET_KEY).update(options.body).digest("base64"),
    "x-shopify-topic": options.topic,
    "x-shopify-shop-domain": options.shop,
    "x-shopify-api-version": "2026-10",
    "x-shopify-webhook-id": options.webhookId ?? randomUUID(),
    "x-shopify-triggered-at": new Date().toISOString(),
  };
  for (const name of options.omitHeaders ?? []) delete headers[name.toLowerCase()];
  return new Request(new URL(path, APP_URL), { method: "POST", headers, body: options.body });
}
