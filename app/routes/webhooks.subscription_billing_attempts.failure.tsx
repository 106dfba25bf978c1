import { webhookAction } from "../webhooks.server";

// Recorded in BillingAttemptEvent; the dunning engine acts on it outside the request.
export const action = webhookAction("SUBSCRIPTION_BILLING_ATTEMPTS_FAILURE");
