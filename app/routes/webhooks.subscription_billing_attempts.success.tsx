import { webhookAction } from "../webhooks.server";

// Recorded in BillingAttemptEvent; the dunning engine completes the cycle's trackers.
export const action = webhookAction("SUBSCRIPTION_BILLING_ATTEMPTS_SUCCESS");
