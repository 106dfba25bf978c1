import { billingAttemptFailure } from "../webhooks/billing-attempts.server";
import { webhookAction } from "../webhooks/webhook-action.server";

export const action = webhookAction(billingAttemptFailure);
