/**
 * The billing engine wired for tests: the Admin API gateway over plain
 * fetch with the shop's stored offline token (the simulator answers it),
 * and helpers to set shops up and deliver billing-attempt webhooks.
 */
import type { PrismaClient } from "@prisma/client";
import { SessionNotFoundError } from "@shopify/shopify-app-remix/server";
import type { EngineDeps } from "../../app/scheduler/deps";
import { ensureBillingSchedule } from "../../app/billing/billing-schedule.server";
import { saveSettings } from "../../app/settings/settings.server";
import { DEFAULT_DUNNING_RULES, type Settings } from "../../app/settings/settings-form";
import { createAdminGateway } from "../../app/shopify/admin-gateway.server";
import { API_VERSION } from "../../app/shopify/api-version";
import { billingAttemptFailure, billingAttemptSuccess } from "../../app/webhooks/billing-attempts.server";
import type { SimulatedAttempt } from "../../simulator/subscriptions";

export function testEngineDeps(prisma: PrismaClient, log: EngineDeps["log"] = () => {}): EngineDeps {
  return {
    prisma,
    log,
    async adminFor(shop) {
      const session = await prisma.session.findFirst({ where: { shop, isOnline: false } });
      // What unauthenticated.admin throws for a shop without an offline session.
      if (!session) throw new SessionNotFoundError(`Could not find a session for shop ${shop}`);
      const graphql = (query: string, options?: { variables?: Record<string, unknown> }) =>
        fetch(`https://${shop}/admin/api/${API_VERSION}/graphql.json`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-shopify-access-token": session.accessToken },
          body: JSON.stringify({ query, variables: options?.variables }),
        });
      return createAdminGateway(graphql, { retry: { attempts: 3, baseDelayMs: 0, maxDelayMs: 0 }, sleep: async () => {} });
    },
  };
}

export const DEFAULT_SETTINGS: Omit<Settings, "hour" | "timezone"> = { active: true, ...DEFAULT_DUNNING_RULES };

/** An installed shop: offline session, schedule (next run computed from `now`) and settings. */
export async function installShop(
  prisma: PrismaClient,
  shop: string,
  { hour = 10, timezone = "UTC", now = new Date(), ...settings }: Partial<Settings> & { now?: Date } = {},
): Promise<void> {
  await prisma.session.create({ data: { id: `offline_${shop}`, shop, state: "", accessToken: `shpat_${shop}`, isOnline: false } });
  await ensureBillingSchedule(prisma, shop, { timezone }, now);
  await saveSettings(prisma, shop, { ...DEFAULT_SETTINGS, ...settings, hour, timezone }, now);
}

/** Delivers the billing-attempt webhooks Shopify sends for `attempts`, through the app's own handlers. */
export async function deliverAttemptWebhooks(prisma: PrismaClient, attempts: SimulatedAttempt[]): Promise<void> {
  for (const attempt of attempts) {
    const handler = attempt.errorCode ? billingAttemptFailure : billingAttemptSuccess;
    await handler.handle(
      {
        admin_graphql_api_id: attempt.id,
        admin_graphql_api_subscription_contract_id: attempt.contractId,
        admin_graphql_api_order_id: null,
        idempotency_key: attempt.id,
        // Webhooks send error codes in lower case.
        error_code: attempt.errorCode?.toLowerCase() ?? null,
        error_message: attempt.errorCode ? "Payment failed" : null,
      },
      { shop: attempt.shop, webhookId: `wh-${attempt.id}`, tx: prisma, log: () => {} },
    );
  }
}
