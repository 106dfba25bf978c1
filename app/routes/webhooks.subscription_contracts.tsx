import { webhookAction } from "../webhooks/webhook-action.server";
import { subscriptionContractHandlers } from "../webhooks/subscription-contracts.server";

// The seven subscription_contracts/* topics share one payload shape and one URI (one
// [[webhooks.subscriptions]] block in shopify.app.toml), as the compliance topics do: the
// receive path picks the handler by X-Shopify-Topic and answers 400 to any other topic.
export const action = webhookAction(...subscriptionContractHandlers);
