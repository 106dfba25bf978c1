import { AuthScopes } from "@shopify/shopify-api";

/**
 * The access scopes the app's features cannot work without, each for a
 * reason (App Store 5.4.2: only what the features use):
 * - write_products: selling plan groups and the products in them (5.4.3);
 * - write_purchase_options: the purchase-options scopes App Store 5.4.3 names
 *   for subscription apps (selling plans are purchase options);
 * - read/write_own_subscription_contracts: contracts, billing and dunning;
 * - read_customer_payment_methods: the payment card on the contract page
 *   (brand, last digits, expiry, revoked);
 * - write_customers: `customerPaymentMethodSendUpdateEmail` (5.4.5) and the
 *   contract list's search by customer;
 * - write_orders: tagging first and recurring orders "Subscription ...".
 * shopify.app.toml's [access_scopes] must include them (a test checks).
 */
export const REQUIRED_SCOPES = [
  "write_products",
  "write_purchase_options",
  "read_own_subscription_contracts",
  "write_own_subscription_contracts",
  "read_customer_payment_methods",
  "write_customers",
  "write_orders",
] as const;

/** The required scopes a session's granted scopes lack (a write scope implies its read scope). */
export function missingScopes(granted: string | undefined | null, required: readonly string[] = REQUIRED_SCOPES): string[] {
  const scopes = new AuthScopes(granted ?? "");
  return required.filter((scope) => !scopes.has(scope));
}
