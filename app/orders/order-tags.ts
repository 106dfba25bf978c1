/**
 * The tags an order of a subscription gets, as Shopify's reference app tags
 * them: "Subscription", plus whether it is the contract's first order (the
 * checkout that created the contract) or a recurring one (a billing attempt's).
 */
export const ORDER_TAG_KINDS = ["first", "recurring"] as const;
export type OrderTagKind = (typeof ORDER_TAG_KINDS)[number];

/** An order's GID. tagsAdd takes other resources too (customers, products): only an order is ever tagged. */
export const ORDER_GID = /^gid:\/\/shopify\/Order\/\d+$/;

export const SUBSCRIPTION_TAG = "Subscription";

const KIND_TAGS: Record<OrderTagKind, string> = {
  first: "Subscription First Order",
  recurring: "Subscription Recurring Order",
};

/** The tags for an OrderTag row's kind; a kind this version does not know gets only "Subscription". */
export function tagsFor(kind: string): string[] {
  const specific = (KIND_TAGS as Record<string, string | undefined>)[kind];
  return specific ? [SUBSCRIPTION_TAG, specific] : [SUBSCRIPTION_TAG];
}
