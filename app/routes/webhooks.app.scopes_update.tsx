import { appScopesUpdate } from "../webhooks/app-scopes-update.server";
import { webhookAction } from "../webhooks/webhook-action.server";

export const action = webhookAction(appScopesUpdate);
