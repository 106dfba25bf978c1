import { createHmac, randomUUID } from "node:crypto";

export interface WebhookOptions {
  topic: string;
  shop: string;
  body: string;
  secret: string;
  webhookId?: string;
  omitHeaders?: string[];
}

/** The headers of a delivery signed the way Shopify signs it: HMAC-SHA256 of the raw body, base64. */
export function webhookHeaders(options: WebhookOptions): Record<string, string> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-shopify-hmac-sha256": createHmac("sha256", options.secret).update(options.body).digest("base64"),
    "x-shopify-topic": options.topic,
    "x-shopify-shop-domain": options.shop,
    "x-shopify-api-version": "2026-10",
    "x-shopify-webhook-id": options.webhookId ?? randomUUID(),
    "x-shopify-triggered-at": new Date().toISOString(),
  };
  for (const name of options.omitHeaders ?? []) delete headers[name.toLowerCase()];
  return headers;
}
