/** The contract GID for a route's numeric `$id`; anything else is a 404 (never reaches Shopify). */
export function contractGid(param: string | undefined): string {
  if (!param || !/^\d{1,20}$/.test(param)) throw new Response("Not found", { status: 404 });
  return `gid://shopify/SubscriptionContract/${param}`;
}
