import prisma, { sessionStorage } from "./db.server";
import { logger } from "./logger.server";
import { authenticate } from "./shopify.server";
import type { WebhookTopic } from "./webhooks/handlers.server";
import { receiveWebhook } from "./webhooks/receive-webhook.server";

/** The action of a webhook route that accepts `topics`. */
export function webhookAction(...topics: WebhookTopic[]) {
  return ({ request }: { request: Request }) =>
    receiveWebhook(request, topics, {
      authenticate: (req) => authenticate.webhook(req),
      prisma,
      sessionStorage,
      log: (level, message, details) => logger[level](details, message),
    });
}
