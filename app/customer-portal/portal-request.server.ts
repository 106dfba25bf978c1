/**
 * One request from the customer portal extension: authenticate it (the
 * customer account session token, signed with the app's secret), find the
 * customer and shop it is for, the contract its URL names, and the shop's
 * Admin API; then answer with CORS headers, since the extension runs on
 * Shopify's origin. Every input problem is a 4xx; only Shopify being down is a 5xx (503).
 */
import { logger } from "../logger.server";
import { createAdminGateway, INTERACTIVE_RETRY, type AdminGateway } from "../shopify/admin-gateway.server";
import { authenticate, shopDomain, unauthenticated } from "../shopify/shopify.server";
import { customerIdentity, portalContractId, type CustomerIdentity } from "./customer-identity";
import type { PortalAnswer } from "./payment-method.server";

type Handler = (gateway: AdminGateway, customer: CustomerIdentity, contractId: string) => Promise<PortalAnswer>;

export async function customerPortalRequest(request: Request, idParam: string | undefined, handler: Handler): Promise<Response> {
  // Throws the preflight's 204 and the 401 for a missing or invalid token, as Responses.
  const { sessionToken, cors } = await authenticate.public.customerAccount(request);
  const answer = (status: number, body: Record<string, unknown>) => cors(Response.json(body, { status }));
  const customer = customerIdentity(sessionToken, shopDomain);
  if (!customer) return answer(401, { error: "Sign in to your account to manage subscriptions" });
  const contractId = portalContractId(idParam);
  if (!contractId) return answer(404, { error: "No such subscription in your account" });
  let gateway: AdminGateway;
  try {
    const { admin } = await unauthenticated.admin(customer.shop);
    gateway = createAdminGateway(admin.graphql, { retry: INTERACTIVE_RETRY });
  } catch {
    // No offline session: the app is not installed on this shop, so it has none of its subscriptions.
    return answer(404, { error: "No such subscription in your account" });
  }
  try {
    const { status, body } = await handler(gateway, customer, contractId);
    return answer(status, body);
  } catch (error) {
    const kind = (error as { kind?: string }).kind;
    if (kind === "userErrors") return answer(409, { error: (error as Error).message });
    logger.error({ err: error, shop: customer.shop }, "customer portal request failed");
    return answer(503, { error: "Shopify could not be reached; try again in a moment" });
  }
}
