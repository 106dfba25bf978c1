/**
 * Where an order's links lead: with one subscription, that subscription's
 * page in the portal; with several, the portal's list; with none, nowhere
 * (the links are not shown). `extension:<handle>/...` is how one customer
 * account extension links to another's full page.
 */
import { numericId } from "../../customer-account-subscriptions/src/portal";

export const PORTAL_HANDLE = "customer-account-subscriptions";

export function portalLink(contracts: ReadonlyArray<{ id: string }>): { href: string; several: boolean } | null {
  if (contracts.length === 0) return null;
  if (contracts.length === 1) return { href: `extension:${PORTAL_HANDLE}/subscriptions/${numericId(contracts[0].id)}`, several: false };
  return { href: `extension:${PORTAL_HANDLE}/`, several: true };
}
