import { createAdminGateway, INTERACTIVE_RETRY } from "./admin-gateway.server";
import { authenticate } from "./shopify.server";

/** The merchant's request, authenticated, with the Admin API gateway for the pages (short retries: someone is waiting). */
export async function adminPage(request: Request) {
  const { admin, session } = await authenticate.admin(request);
  return { session, gateway: createAdminGateway(admin.graphql, { retry: INTERACTIVE_RETRY }) };
}
