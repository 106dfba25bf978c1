/**
 * Whether the thank-you page shows the block: some line was bought on a
 * selling plan with recurring deliveries (a subscription, not a one-time
 * pre-order). Where it links: the shop's customer account, where the
 * portal's page is in the menu.
 */
export function startsSubscription(lines: ReadonlyArray<{ merchandise: { sellingPlan?: { recurringDeliveries: boolean } | null } }>): boolean {
  return lines.some((line) => line.merchandise.sellingPlan?.recurringDeliveries === true);
}

export function accountUrl(storefrontUrl: string | undefined): string | null {
  return storefrontUrl ? `${storefrontUrl.replace(/\/+$/, "")}/account` : null;
}
