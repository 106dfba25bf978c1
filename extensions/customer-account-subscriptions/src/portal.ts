/**
 * The portal's decisions, as pure functions: which page a URL shows, what a
 * customer may do with a subscription in each status, how a frequency and
 * the next order read, and what a mutation's answer means. The view
 * (SubscriptionsPage.tsx) and the data layer (subscriptions.ts) call these;
 * portal.test.ts tables them.
 */

export type SubscriptionStatus = "ACTIVE" | "PAUSED" | "CANCELLED" | "EXPIRED" | "FAILED";

/** What a customer can do from the portal. */
export type PortalAction = "skip" | "pause" | "resume" | "cancel" | "delivery" | "payment-method";

export type PortalRoute = { view: "list" } | { view: "detail"; id: string };

const CONTRACT_GID = "gid://shopify/SubscriptionContract/";

/**
 * The page for the extension's URL (`navigation.currentEntry.url`): a
 * subscription's page is `.../subscriptions/<numeric id>`, anything else is
 * the list. Shopify gives the full URL of the page, so only its path's end counts.
 */
export function routeFor(url: string): PortalRoute {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url;
  }
  const match = /\/subscriptions\/(\d{1,20})\/?$/.exec(path);
  return match ? { view: "detail", id: `${CONTRACT_GID}${match[1]}` } : { view: "list" };
}

/** The extension-relative URL of a subscription's page, for `navigation.navigate` and links. */
export function subscriptionUrl(contractId: string): string {
  return `extension:/subscriptions/${numericId(contractId)}`;
}

export const LIST_URL = "extension:/";

export function numericId(gid: string): string {
  return gid.slice(gid.lastIndexOf("/") + 1);
}

/**
 * What the customer may do, by status (App Store 5.4.8: pause, resume and
 * cancel without contacting the merchant). A failed subscription (dunning
 * gave up) can still get a new card and be cancelled; resuming it is the
 * merchant's call once the payment is fixed. Cancelled and expired ones are
 * shown, read only.
 */
export function actionsFor(status: SubscriptionStatus, { hasUpcomingOrder }: { hasUpcomingOrder: boolean }): PortalAction[] {
  switch (status) {
    case "ACTIVE":
      return [...(hasUpcomingOrder ? (["skip"] as const) : []), "delivery", "payment-method", "pause", "cancel"];
    case "PAUSED":
      return ["resume", "delivery", "payment-method", "cancel"];
    case "FAILED":
      return ["payment-method", "cancel"];
    case "CANCELLED":
    case "EXPIRED":
      return [];
  }
}

/** The badge a status gets (customer account badges are auto, neutral or critical). */
export function statusTone(status: SubscriptionStatus): "auto" | "neutral" | "critical" {
  if (status === "ACTIVE") return "auto";
  if (status === "FAILED") return "critical";
  return "neutral";
}

export type Interval = "DAY" | "WEEK" | "MONTH" | "YEAR";

/** "Every 2 weeks" as a locale key and its count: `frequency.WEEK` with `{count}` (the locale file has one and other forms). */
export function frequencyKey(policy: { interval: Interval; intervalCount?: { count: number } | null }): { key: string; count: number } {
  return { key: `frequency.${policy.interval}`, count: policy.intervalCount?.count ?? 1 };
}

export interface UpcomingCycle {
  cycleIndex: number;
  billingAttemptExpectedDate: string;
  skipped: boolean;
}

/** The next order that will happen: the first upcoming cycle not skipped. */
export function nextOrder<T extends UpcomingCycle>(cycles: readonly T[]): T | null {
  return [...cycles].sort((a, b) => a.cycleIndex - b.cycleIndex).find((cycle) => !cycle.skipped) ?? null;
}

/** A mutation's userErrors, as the Customer Account API gives them. */
export interface PortalUserError {
  code?: string | null;
  field?: readonly string[] | null;
  message: string;
}

export type ActionOutcome = { ok: true } | { ok: false; reason: "refused" | "failed"; message: string };

/**
 * A mutation's answer as an outcome: refused with Shopify's message when it
 * has userErrors, failed when it has neither errors nor the changed object
 * (the contract, or the billing cycle), fine otherwise.
 */
export function outcomeOf(payload: { userErrors: readonly PortalUserError[] } | null | undefined, changed: unknown): ActionOutcome {
  if (!payload) return { ok: false, reason: "failed", message: "Shopify answered without a result" };
  if (payload.userErrors.length > 0) return { ok: false, reason: "refused", message: payload.userErrors.map((error) => error.message).join("; ") };
  if (!changed) return { ok: false, reason: "failed", message: "Shopify answered without the change" };
  return { ok: true };
}

/** The status a lifecycle action leads to, to check Shopify's answer against. */
export const STATUS_AFTER: Record<"pause" | "resume" | "cancel", SubscriptionStatus> = { pause: "PAUSED", resume: "ACTIVE", cancel: "CANCELLED" };
