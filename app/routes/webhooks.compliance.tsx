import { webhookAction } from "../webhooks.server";

// The mandatory privacy topics share one URI (compliance_topics in shopify.app.toml).
export const action = webhookAction("CUSTOMERS_DATA_REQUEST", "CUSTOMERS_REDACT", "SHOP_REDACT");
