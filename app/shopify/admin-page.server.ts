import { createAdminGateway, INTERACTIVE_RETRY } from "./admin-gateway.server";
import { authenticate } from "./shopify.server";

/**
 * The merchant's request, authenticated, with the Admin API gateway for the
 * pages (short retries: someone is waiting) and the staff member acting (the
 * session token's `sub`, for the contracts' activity rows).
 */
export async function adminPage(request: Request) {
  const context = await authenticate.admin(request);
  const { admin, session } = context;
  const staffUserId = "sessionToken" in context && context.sessionToken?.sub ? String(context.sessionToken.sub) : null;
  return { session, staffUserId, gateway: createAdminGateway(admin.graphql, { retry: INTERACTIVE_RETRY }) };
}
