import { subscriptionBillingCycleHandlers } from "../webhooks/subscription-billing-cycles.server";
import { webhookAction } from "../webhooks/webhook-action.server";

// subscription_billing_cycles/skip and /unskip share one payload shape and one URI (one
// [[webhooks.subscriptions]] block in shopify.app.toml), as the contract topics do: the receive
// path picks the handler by X-Shopify-Topic and answers 400 to any other topic.
export const action = webhookAction(...subscriptionBillingCycleHandlers);
