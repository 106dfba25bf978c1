import type { LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { billingAttemptOutcome } from "../contracts/billing-attempt.server";
import { contractGid } from "../contracts/contract-id";
import { adminPage } from "../shopify/admin-page.server";

// Polled by the contract page after "Bill now": where the billing attempt `?id=` stands.
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { gateway } = await adminPage(request);
  const contractId = contractGid(params.id);
  const attemptId = new URL(request.url).searchParams.get("id") ?? "";
  if (!/^gid:\/\/shopify\/SubscriptionBillingAttempt\/[\w-]{1,64}$/.test(attemptId)) return data({ outcome: null }, { status: 400 });
  const outcome = await billingAttemptOutcome(gateway, contractId, attemptId);
  return data({ outcome }, { status: outcome ? 200 : 404 });
};
