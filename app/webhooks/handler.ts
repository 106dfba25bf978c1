import type { Prisma } from "@prisma/client";
import type { z } from "zod";

export interface WebhookContext {
  shop: string;
  webhookId: string;
  /** Handlers write only through `tx`: their changes and the delivery's ProcessedWebhook row commit together. */
  tx: Prisma.TransactionClient;
  log(message: string, details: Record<string, unknown>): void;
}

export interface WebhookHandler<Payload = unknown> {
  /** The topic as @shopify/shopify-api names it (APP_UNINSTALLED for app/uninstalled). */
  topic: string;
  payload: z.ZodType<Payload>;
  handle(payload: Payload, context: WebhookContext): Promise<void>;
  /** After commit, also clear the shop's sessions from the session store (it may be in memory). */
  endsShopSessions?: boolean;
}

/** One topic's handler: a zod schema for its payload and what it writes, through `tx` only. */
export function defineHandler<Payload>(handler: WebhookHandler<Payload>): WebhookHandler<Payload> {
  return handler;
}
