import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { customerPortalRequest } from "../customer-portal/portal-request.server";
import { portalPaymentMethod, portalSendPaymentUpdate } from "../customer-portal/payment-method.server";

// The customer portal extension (extensions/customer-account-subscriptions): GET the card on a
// subscription, POST to have Shopify email the customer a link to update it. OPTIONS is the
// browser's CORS preflight, answered by the library.
export const loader = ({ request, params }: LoaderFunctionArgs) => customerPortalRequest(request, params.id, portalPaymentMethod);

export const action = ({ request, params }: ActionFunctionArgs) => {
  if (request.method !== "POST" && request.method !== "OPTIONS") return Response.json({ error: "Use GET or POST" }, { status: 405, headers: { allow: "GET, POST, OPTIONS" } });
  return customerPortalRequest(request, params.id, portalSendPaymentUpdate);
};
