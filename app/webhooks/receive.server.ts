import type { Prisma, PrismaClient } from "@prisma/client";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import { isUniqueViolation } from "../db/unique-violation.server";
import { MAX_ID_LENGTH, type WebhookHandler } from "./handler";
import { readBodyWithin } from "./read-body.server";

/** Shopify's own payloads for these topics are a few KiB; anything this large is not from Shopify. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;

interface AuthenticatedWebhook {
  topic: string;
  shop: string;
  webhookId?: string;
  payload: unknown;
}

export interface WebhookReceiverDeps {
  /** `authenticate.webhook` from shopify.server: HMAC check on the raw body, 401 / 400 responses. */
  authenticate(request: Request): Promise<AuthenticatedWebhook>;
  prisma: PrismaClient;
  sessionStorage: SessionStorage;
  /** The shop header as a valid shop domain, or null (app/shopify/shop-domain.server.ts). */
  shopDomain(shop: unknown): string | null;
  log(level: "info" | "warn", message: string, details: Record<string, unknown>): void;
}

export type WebhookOutcome = "processed" | "duplicate";

class DuplicateDelivery extends Error {}

/**
 * The one path every webhook takes: size limit, HMAC (via `authenticate`),
 * payload validation, then the topic's handler and a ProcessedWebhook row in
 * one transaction. A delivery whose X-Shopify-Webhook-Id was processed before
 * changes nothing; one that fails rolls back and is retried by Shopify.
 * Handlers touch only the database, so the answer comes in milliseconds.
 */
export async function receiveWebhook(
  request: Request,
  accepted: ReadonlyArray<WebhookHandler>,
  deps: WebhookReceiverDeps,
): Promise<Response> {
  if (request.method !== "POST") return new Response(undefined, { status: 405 });
  const rawBody = await readBodyWithin(request, MAX_WEBHOOK_BYTES);
  if (rawBody === null) return new Response("Payload too large", { status: 413 });
  // The HMAC covers the body only, and the library throws on a shop header it cannot use: check it first.
  const shopHeader = request.headers.get("x-shopify-shop-domain");
  if (shopHeader !== null && deps.shopDomain(shopHeader) === null) return new Response("Invalid X-Shopify-Shop-Domain", { status: 400 });

  let webhook: AuthenticatedWebhook;
  try {
    webhook = await deps.authenticate(
      new Request(request.url, { method: "POST", headers: request.headers, body: rawBody }),
    );
  } catch (error) {
    if (error instanceof Response) return error;
    // authenticate.webhook parses the body only after the HMAC matched.
    if (error instanceof SyntaxError) return new Response("Malformed JSON", { status: 400 });
    // The library's errors keep the name "Error": the class tells.
    if ((error as object | null)?.constructor?.name === "InvalidShopError") return new Response("Invalid X-Shopify-Shop-Domain", { status: 400 });
    throw error;
  }

  if (deps.shopDomain(webhook.shop) === null) return new Response("Invalid X-Shopify-Shop-Domain", { status: 400 });
  const topic = webhook.topic;
  const handler = accepted.find((candidate) => candidate.topic === topic);
  if (!handler) return new Response(`This route does not handle ${topic}`, { status: 400 });
  // PostgreSQL cannot store a NUL in text, and no Shopify payload has one.
  if (hasNul(webhook.payload)) return new Response("Payload contains a NUL character", { status: 400 });
  const parsed = handler.payload.safeParse(webhook.payload);
  if (!parsed.success) {
    deps.log("warn", "webhook payload rejected", { topic, shop: webhook.shop, issues: parsed.error.issues });
    return new Response("Unexpected payload", { status: 400 });
  }
  // The HMAC covers the body, not the headers: a payload that names its shop must name the one in
  // X-Shopify-Shop-Domain, so a signed body replayed with another shop's header changes nothing.
  const named = payloadShop(webhook.payload);
  if (named && named !== webhook.shop) {
    deps.log("warn", "webhook shop mismatch", { topic, header: webhook.shop, payload: named });
    return new Response("Shop does not match the payload", { status: 400 });
  }
  const webhookId = webhook.webhookId;
  if (!webhookId) return new Response("Missing X-Shopify-Webhook-Id", { status: 400 });
  if (webhookId.length > MAX_ID_LENGTH) return new Response("X-Shopify-Webhook-Id is too long", { status: 400 });

  const outcome = await processOnce(deps, { topic, shop: webhook.shop, webhookId }, (tx) =>
    handler.handle(parsed.data, {
      shop: webhook.shop,
      webhookId,
      tx,
      log: (message, details) => deps.log("info", message, details),
    }),
  );
  if (outcome === "processed" && handler.endsShopSessions) {
    await deleteShopSessions(deps.sessionStorage, webhook.shop);
  }
  deps.log("info", "webhook", { topic, shop: webhook.shop, webhookId, outcome });
  return new Response(undefined, { status: 200 });
}

function hasNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(hasNul);
  if (value && typeof value === "object") return Object.entries(value).some(([key, item]) => key.includes("\u0000") || hasNul(item));
  return false;
}

function payloadShop(payload: unknown): string | undefined {
  const fields = payload as { shop_domain?: unknown; myshopify_domain?: unknown } | null;
  const value = fields?.shop_domain ?? fields?.myshopify_domain;
  return typeof value === "string" ? value : undefined;
}

async function processOnce(
  deps: WebhookReceiverDeps,
  delivery: { topic: string; shop: string; webhookId: string },
  handle: (tx: Prisma.TransactionClient) => Promise<void>,
): Promise<WebhookOutcome> {
  try {
    await deps.prisma.$transaction(async (tx) => {
      try {
        await tx.processedWebhook.create({ data: delivery });
      } catch (error) {
        // Leave the transaction at once: PostgreSQL refuses further statements after an error.
        if (isUniqueViolation(error)) throw new DuplicateDelivery();
        throw error;
      }
      await handle(tx);
    });
    return "processed";
  } catch (error) {
    if (error instanceof DuplicateDelivery) return "duplicate";
    throw error;
  }
}

async function deleteShopSessions(storage: SessionStorage, shop: string): Promise<void> {
  for (;;) {
    const sessions = await storage.findSessionsByShop(shop);
    if (sessions.length === 0) return;
    await storage.deleteSessions(sessions.map((session) => session.id));
  }
}
