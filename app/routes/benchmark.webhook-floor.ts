import type { ActionFunctionArgs } from "@remix-run/node";
import { readBenchmarkEnv } from "../env.server";
import { authenticate } from "../shopify/shopify.server";

// The floor `npm run test:load` measures the webhook routes against: Shopify's HMAC check on a
// delivery, and nothing else (no payload check, no database). Served only with BENCHMARK_ROUTES=true.
const enabled = readBenchmarkEnv().BENCHMARK_ROUTES === "true";

export const loader = () => new Response(null, { status: 404 });

export const action = async ({ request }: ActionFunctionArgs) => {
  if (!enabled) return new Response(null, { status: 404 });
  try {
    await authenticate.webhook(request);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    return new Response("Malformed", { status: 400 });
  }
  return new Response(null, { status: 200 });
};
