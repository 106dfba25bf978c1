import type { ApiVersion } from "@shopify/shopify-app-remix/server";

/**
 * The one Admin API version of the app. shopify.app.toml's
 * `[webhooks] api_version` must say the same; a test checks it, and that it
 * is a version the library knows. A plain string typed as the library's enum
 * member: the GraphQL tooling and the simulator read it without loading
 * Shopify's library (which captures `fetch` when it loads).
 */
export const API_VERSION = "2026-10" as ApiVersion.October26;
