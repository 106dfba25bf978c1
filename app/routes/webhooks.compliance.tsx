import { customersDataRequest, customersRedact, shopRedact } from "../webhooks/compliance.server";
import { webhookAction } from "../webhooks/webhook-action.server";

// The mandatory privacy topics share one URI (compliance_topics in shopify.app.toml).
export const action = webhookAction(customersDataRequest, customersRedact, shopRedact);
