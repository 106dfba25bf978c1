import { webhookAction } from "../webhooks.server";

// Sessions go; the schedule is kept inactive so a reinstall keeps its settings.
export const action = webhookAction("APP_UNINSTALLED");
