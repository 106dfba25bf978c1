import type { Prisma } from "@prisma/client";
import type { z } from "zod";

/**
 * The longest id, code or status a payload may carry: the narrowest column that stores one
 * (VARCHAR(191) on MySQL, an indexed text elsewhere). Shopify's are far shorter.
 */
export const MAX_ID_LENGTH = 191;
/** Messages are stored up to this many characters (a TEXT column holds 64 KiB on MySQL). */
export const MAX_MESSAGE = 2000;

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
