import { ApiVersion } from "@shopify/shopify-app-remix/server";

/**
 * The one Admin API version of the app. shopify.app.toml's
 * `[webhooks] api_version` must say the same; a test checks it.
 */
export const API_VERSION = ApiVersion.October26;
