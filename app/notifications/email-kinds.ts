/**
 * The emails the app sends, who gets each and what data it carries. Every one
 * is transactional (it tells one person about their own subscription, or the
 * merchant about their shop): none is marketing, so none carries an
 * unsubscribe link; the merchant turns each kind on or off in Settings.
 * Kept free of server imports: the Settings page lists these.
 */

export const CUSTOMER_EMAILS = [
  "subscription-created",
  "subscription-paused",
  "subscription-resumed",
  "subscription-cancelled",
  "order-skipped",
  "payment-failed",
  "payment-final-attempt",
  "payment-final-outcome",
] as const;

export const MERCHANT_EMAILS = ["merchant-payment-failure", "merchant-inventory-failure"] as const;

export const EMAIL_KINDS = [...CUSTOMER_EMAILS, ...MERCHANT_EMAILS] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];
export type Recipient = "customer" | "merchant";

export function recipientOf(kind: EmailKind): Recipient {
  return (MERCHANT_EMAILS as readonly string[]).includes(kind) ? "merchant" : "customer";
}

export function isEmailKind(value: string): value is EmailKind {
  return (EMAIL_KINDS as readonly string[]).includes(value);
}

/** The Settings form's checkbox for one kind: checked means the email is sent. */
export const kindField = (kind: EmailKind) => `email:${kind}`;

/** How each kind is named on the Settings page, and when it is sent. */
export const EMAIL_KIND_LABELS: Record<EmailKind, { label: string; when: string }> = {
  "subscription-created": { label: "Subscription confirmation", when: "A checkout created a subscription (with the link to manage it)" },
  "subscription-paused": { label: "Subscription paused", when: "The subscription was paused, by anyone" },
  "subscription-resumed": { label: "Subscription resumed", when: "A paused subscription became active again" },
  "subscription-cancelled": { label: "Subscription cancelled", when: "The subscription was cancelled, by anyone" },
  "order-skipped": { label: "Order skipped", when: "An upcoming order was skipped" },
  "payment-failed": { label: "Payment failed", when: "A payment failed and a retry is scheduled" },
  "payment-final-attempt": { label: "Last payment attempt", when: "A payment failed and the next retry is the last" },
  "payment-final-outcome": { label: "Payment not recovered", when: "The retries ran out and dunning took its final action" },
  "merchant-payment-failure": { label: "Payment not recovered (to you)", when: "Dunning took its final action on a subscription" },
  "merchant-inventory-failure": { label: "Out of stock (to you)", when: "A renewal failed for lack of stock" },
};

/** The data each kind's row carries (JSON in EmailOutbox.data). No names or addresses: those are read from Shopify at send time. */
export interface EmailData {
  /** The billing cycle concerned (skips, payment failures). */
  cycleIndex?: number;
  /** ISO date: the skipped order's billing date, when the next retry is due, or a weekly digest's start. */
  date?: string | null;
  /** ISO date: a weekly digest's end (exclusive). */
  until?: string;
  /** The dunning final action: "cancel" | "pause" | "skip". */
  finalAction?: string;
  /** The billing attempt's error code (merchant emails). */
  failureReason?: string;
}

/** How often inventory failures reach the merchant. */
export const INVENTORY_NOTICE_FREQUENCIES = ["immediately", "weekly"] as const;
export type InventoryNoticeFrequency = (typeof INVENTORY_NOTICE_FREQUENCIES)[number];
