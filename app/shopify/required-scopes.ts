import { AuthScopes } from "@shopify/shopify-api";

/**
 * The access scopes the app's features cannot work without: selling plan
 * groups need write_products plus write_own_subscription_contracts (App Store
 * 5.4.3), contracts and billing need the subscription contract scopes.
 * shopify.app.toml's [access_scopes] must include them (a test checks).
 */
export const REQUIRED_SCOPES = ["write_products", "read_own_subscription_contracts", "write_own_subscription_contracts"] as const;

/** The required scopes a session's granted scopes lack (a write scope implies its read scope). */
export function missingScopes(granted: string | undefined | null, required: readonly string[] = REQUIRED_SCOPES): string[] {
  const scopes = new AuthScopes(granted ?? "");
  return required.filter((scope) => !scopes.has(scope));
}
