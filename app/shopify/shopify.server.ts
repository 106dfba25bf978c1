import "@shopify/shopify-app-remix/adapters/node";
import { AppDistribution, shopifyApp } from "@shopify/shopify-app-remix/server";
import prisma, { sessionStorage } from "../db/client.server";
import { readEnv } from "../env.server";
import { completeInstall } from "./install.server";
import { createAdminGateway, INTERACTIVE_RETRY } from "./admin-gateway.server";
import { API_VERSION } from "./api-version";
import { customShopDomain } from "./custom-shop-domain";
import { shopDomainValidator } from "./shop-domain.server";

const env = readEnv();

const shopify = shopifyApp({
  apiKey: env.SHOPIFY_API_KEY,
  apiSecretKey: env.SHOPIFY_API_SECRET,
  apiVersion: API_VERSION,
  scopes: env.SCOPES?.split(",").map((scope) => scope.trim()).filter(Boolean),
  appUrl: env.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  sessionStorage,
  distribution: AppDistribution.AppStore,
  ...(env.SHOP_CUSTOM_DOMAIN ? { domainTransformations: [customShopDomain(env.SHOP_CUSTOM_DOMAIN)] } : {}),
  hooks: {
    afterAuth: async ({ session, admin }) => {
      try {
        // Short retries: a merchant is waiting on this request.
        const gateway = createAdminGateway(admin.graphql, { retry: INTERACTIVE_RETRY });
        await completeInstall(prisma, gateway, session.shop);
      } catch (error) {
        // The library stores the session before this hook and runs the hook
        // only after a token exchange; dropping the session makes the next
        // request exchange again and retry the install instead of skipping it.
        await sessionStorage.deleteSession(session.id);
        throw error;
      }
    },
  },
  future: {
    unstable_newEmbeddedAuthStrategy: true,
    expiringOfflineAccessTokens: true,
  },
});

export default shopify;
export const apiVersion = API_VERSION;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
/** A shop domain from outside, checked as Shopify's library checks them (with SHOP_CUSTOM_DOMAIN), or null. */
export const shopDomain = shopDomainValidator(env.SHOP_CUSTOM_DOMAIN);

/**
 * Shopify's document headers (the embedded pages' frame-ancestors for the shop), given only a `shop`
 * that is a shop: the library copies the query's `shop` into the header as it is, and a CR/LF in it
 * made the response fail (issue 12). server/start.ts refuses such requests first; this keeps every
 * platform (Vercel too) from building a header out of one.
 */
export function addShopifyDocumentHeaders(request: Request, headers: Headers): void {
  const shops = new URL(request.url).searchParams.getAll("shop");
  if (shops.length > 1 || (shops.length === 1 && !shopDomain(shops[0]))) return;
  shopify.addDocumentResponseHeaders(request, headers);
}

/** The app is served over HTTPS (its URL says so): responses ask browsers to keep to it (HSTS). */
export const servedOverHttps = (env.SHOPIFY_APP_URL ?? "").startsWith("https://");
