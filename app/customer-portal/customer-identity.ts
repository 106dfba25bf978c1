/**
 * Who a customer account extension's request is for, from its verified
 * session token: `sub` is the signed-in customer's GID and `dest` the shop.
 * The library checks the signature with the app's secret but not the
 * audience or the kind of token, so an admin session token (whose `sub` is
 * a staff member's numeric id) also verifies: only a customer GID counts here.
 */
export interface CustomerIdentity {
  shop: string;
  customerId: string;
}

const CUSTOMER_GID = /^gid:\/\/shopify\/Customer\/[1-9]\d{0,19}$/;

/** `shopDomain` is the app's one shop-domain check (app/shopify/shop-domain.server.ts). */
export function customerIdentity(claims: { sub?: unknown; dest?: unknown }, shopDomain: (shop: unknown) => string | null): CustomerIdentity | null {
  if (typeof claims.sub !== "string" || !CUSTOMER_GID.test(claims.sub)) return null;
  if (typeof claims.dest !== "string") return null;
  // Customer account tokens name the shop's domain; admin ones a URL. Accept either form of the same domain.
  const shop = shopDomain(claims.dest.replace(/^https:\/\//, ""));
  return shop ? { shop, customerId: claims.sub } : null;
}

/** The contract a portal URL names (`/customer-account/subscriptions/<numeric id>/...`), or null. */
export function portalContractId(param: string | undefined): string | null {
  return param && /^[1-9]\d{0,19}$/.test(param) ? `gid://shopify/SubscriptionContract/${param}` : null;
}
