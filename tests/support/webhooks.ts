import { createHmac, randomUUID } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import type { WebhookHandler } from "../../app/webhooks/handler";
import { shopDomainValidator } from "../../app/shopify/shop-domain.server";
import { receiveWebhook } from "../../app/webhooks/receive.server";

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

/** The topic as @shopify/shopify-api reports it from X-Shopify-Topic (subscription_contracts/create -> SUBSCRIPTION_CONTRACTS_CREATE). */
export function libraryTopic(topic: string): string {
  return topic.toUpperCase().replace(/\/|\./g, "_");
}

/**
 * A delivery through the app's one receive path (payload check, the handler
 * and its ProcessedWebhook row in one transaction) on any database, taken as
 * signed: the HMAC and the routes are tested with the app loaded
 * (tests/app/webhooks.test.ts). The same `webhookId` twice is a repeated delivery.
 */
const checkShop = shopDomainValidator();

export function receiveDelivery(
  prisma: PrismaClient,
  handlers: ReadonlyArray<WebhookHandler>,
  delivery: { topic: string; shop: string; payload: unknown; webhookId?: string },
): Promise<Response> {
  const body = JSON.stringify(delivery.payload);
  const request = new Request("https://app.example.com/webhooks", { method: "POST", headers: { "content-type": "application/json" }, body });
  return receiveWebhook(request, handlers, {
    authenticate: () => Promise.resolve({ topic: libraryTopic(delivery.topic), shop: delivery.shop, webhookId: delivery.webhookId ?? randomUUID(), payload: JSON.parse(body) as unknown }),
    prisma,
    // Only app/uninstalled and shop/redact end sessions; nothing here does.
    sessionStorage: new Proxy({} as SessionStorage, {
      get: () => {
        throw new Error("receiveDelivery has no session storage");
      },
    }),
    shopDomain: checkShop,
    log: () => {},
  });
}
