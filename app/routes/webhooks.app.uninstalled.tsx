import { appUninstalled } from "../webhooks/app-uninstalled.server";
import { webhookAction } from "../webhooks/webhook-action.server";

export const action = webhookAction(appUninstalled);
