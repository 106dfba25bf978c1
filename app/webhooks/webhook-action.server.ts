import prisma, { sessionStorage } from "../db/client.server";
import { logger } from "../logger.server";
import { authenticate, shopDomain } from "../shopify/shopify.server";
import type { WebhookHandler } from "./handler";
import { receiveWebhook } from "./receive.server";

/** The action of a webhook route: the one receive path, then the handler of the delivery's topic. */
export function webhookAction(...handlers: Array<WebhookHandler>) {
  return ({ request }: { request: Request }) =>
    receiveWebhook(request, handlers, {
      authenticate: (req) => authenticate.webhook(req),
      prisma,
      sessionStorage,
      shopDomain,
      log: (level, message, details) => logger[level](details, message),
    });
}
