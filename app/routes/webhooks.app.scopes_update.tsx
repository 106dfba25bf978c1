import { webhookAction } from "../webhooks.server";

export const action = webhookAction("APP_SCOPES_UPDATE");
