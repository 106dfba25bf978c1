/**
 * The billing engine wired for tests: the Admin API gateway over
 * @shopify/shopify-api's own GraphQL client (what `unauthenticated.admin`
 * gives the engine in production, throwing the library's GraphqlQueryError,
 * HttpInternalError and friends) with the shop's stored offline session; the
 * simulator answers it. Also helpers to set shops up and deliver
 * billing-attempt webhooks.
 */
import "@shopify/shopify-api/adapters/node";
import type { PrismaClient } from "@prisma/client";
import { LogSeverity, Session, shopifyApi } from "@shopify/shopify-api";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { SessionNotFoundError } from "@shopify/shopify-app-remix/server";
import type { EngineDeps } from "../../app/scheduler/deps";
import { ensureBillingSchedule } from "../../app/billing/billing-schedule.server";
import { saveSettings } from "../../app/settings/settings.server";
import { DEFAULT_DUNNING_RULES, type Settings } from "../../app/settings/settings-form";
import { createAdminGateway } from "../../app/shopify/admin-gateway.server";
import { API_VERSION } from "../../app/shopify/api-version";
import { billingAttemptFailure, billingAttemptSuccess } from "../../app/webhooks/billing-attempts.server";
import { createMailer, type Mailer } from "../../app/notifications/mailer.server";
import type { SimulatedAttempt } from "../../simulator/subscriptions";

// The library keeps the fetch it finds when its adapter loads; look it up per call instead, so the
// simulator's interception (started after this module may have loaded) is always seen.
setAbstractFetchFunc((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));

const api = shopifyApi({
  apiKey: "key",
  apiSecretKey: "secret",
  apiVersion: API_VERSION,
  hostName: "app.example.com",
  isEmbeddedApp: true,
  logger: { level: LogSeverity.Error, log: () => {} },
});

/**
 * `admin.graphql` as @shopify/shopify-app-remix builds it for a session
 * (clients/admin/graphql.ts): the library's GraphQL client, its result
 * turned into a Response, its errors thrown as they are.
 */
export function libraryGraphql(session: Session) {
  const client = new api.clients.Graphql({ session });
  return async (query: string, options?: { variables?: Record<string, unknown> }) =>
    new Response(JSON.stringify(await client.request(query, { variables: options?.variables })));
}

/** The sending address of test emails. */
export const TEST_EMAIL_FROM = "notifications@app.example.com";

/**
 * `mailer`: where the outbox's emails go; by default nodemailer's log
 * transport, built in full and dropped (tests of email pass a real SMTP one).
 */
export function testEngineDeps(prisma: PrismaClient, log: EngineDeps["log"] = () => {}, mailer: Mailer = createMailer({ transport: "log" }, () => {})): EngineDeps {
  return {
    prisma,
    log,
    email: { mailer, fromAddress: TEST_EMAIL_FROM, apiKey: "key" },
    async adminFor(shop) {
      const stored = await prisma.session.findFirst({ where: { shop, isOnline: false } });
      // What unauthenticated.admin throws for a shop without an offline session.
      if (!stored) throw new SessionNotFoundError(`Could not find a session for shop ${shop}`);
      const session = new Session({ id: stored.id, shop, state: stored.state, isOnline: false, accessToken: stored.accessToken });
      return createAdminGateway(libraryGraphql(session), { retry: { attempts: 3, baseDelayMs: 0, maxDelayMs: 0 }, sleep: async () => {} });
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
