import { guardRequest } from "../http/request-guard";
import { createAdminGateway, INTERACTIVE_RETRY } from "./admin-gateway.server";
import { authenticate, shopDomain } from "./shopify.server";

/**
 * Errors Shopify's library throws for input that will never be valid (a shop, host or token it
 * cannot use, an exit-iframe destination it will not redirect to): the request's fault, so 400,
 * not the 500 Remix would answer.
 */
function isInputError(error: unknown): boolean {
  // The library's errors keep the name "Error": their classes tell them apart.
  const name = (error as object | null)?.constructor?.name ?? "";
  const message = (error as { message?: unknown } | null)?.message;
  if (["InvalidShopError", "InvalidHostError", "InvalidJwtError", "MissingJwtTokenError", "InvalidHmacError", "InvalidRequestError"].includes(name)) return true;
  return name === "ShopifyError" && typeof message === "string" && /exit-iframe destination/i.test(message);
}

/**
 * `authenticate.admin`, with the request's URL checked first (the server does the same for every
 * request, server/start.ts; this covers hosts that run Remix without it, such as Vercel) and the
 * library's input errors answered 400.
 */
export async function authenticateAdmin(request: Request) {
  const url = new URL(request.url);
  const refusal = guardRequest({ method: "GET", url: url.pathname + url.search, header: (name) => request.headers.get(name) ?? undefined }, shopDomain);
  if (refusal) throw new Response(refusal.message, { status: refusal.status, headers: { "content-type": "text/plain; charset=utf-8" } });
  try {
    return await authenticate.admin(request);
  } catch (error) {
    if (!(error instanceof Response) && isInputError(error)) throw new Response("Bad request", { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
    throw error;
  }
}

/**
 * The merchant's request, authenticated, with the Admin API gateway for the
 * pages (short retries: someone is waiting) and the staff member acting (the
 * session token's `sub`, for the contracts' activity rows).
 */
export async function adminPage(request: Request) {
  const context = await authenticateAdmin(request);
  const { admin, session } = context;
  const staffUserId = "sessionToken" in context && context.sessionToken?.sub ? String(context.sessionToken.sub) : null;
  return { session, staffUserId, gateway: createAdminGateway(admin.graphql, { retry: INTERACTIVE_RETRY }) };
}
