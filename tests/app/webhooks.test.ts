import { randomUUID } from "node:crypto";
import { Prisma } from "@prisma/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MAX_WEBHOOK_BYTES } from "../../app/webhooks/receive.server";
import { loadApp, webhookRequest, type LoadedApp } from "../support/app";

let app: LoadedApp;
type Action = (args: { request: Request; params: object; context: object }) => Promise<Response>;
const routes: Record<string, Action> = {};

beforeAll(async () => {
  app = await loadApp();
  for (const name of [
    "webhooks.app.uninstalled",
    "webhooks.app.scopes_update",
    "webhooks.subscription_billing_attempts.failure",
    "webhooks.subscription_billing_attempts.success",
    "webhooks.compliance",
    "webhooks.subscription_contracts",
    "webhooks.subscription_billing_cycles",
  ]) {
    routes[name] = ((await import(`../../app/routes/${name}.tsx`)) as { action: Action }).action;
  }
});
afterAll(() => app?.close());

const SHOP = "webhooks.myshopify.com";
const OTHER_SHOP = "bystander.myshopify.com";

function post(route: string, request: Request): Promise<Response> {
  return routes[route]({ request, params: {}, context: {} });
}

function modelDelegates() {
  return Prisma.dmmf.datamodel.models.map((model) => {
    const key = model.name[0].toLowerCase() + model.name.slice(1);
    return {
      name: model.name,
      delegate: (app.prisma as unknown as Record<string, { findMany(args?: object): Promise<unknown[]> }>)[key],
    };
  });
}

/** Every row of every model, to show that a rejected or repeated delivery changed nothing. */
async function snapshot(): Promise<Record<string, unknown[]>> {
  const entries = await Promise.all(
    modelDelegates().map(async ({ name, delegate }) => [name, await delegate.findMany()] as const),
  );
  return Object.fromEntries(entries);
}

async function seedShop(shop: string) {
  await app.prisma.session.create({
    data: { id: `offline_${shop}`, shop, state: "", accessToken: "shpat_x", scope: "read_orders" },
  });
  await app.prisma.session.create({
    data: { id: `${shop}_42`, shop, state: "", isOnline: true, accessToken: "shpat_y", scope: "read_orders" },
  });
  await app.prisma.billingSchedule.create({ data: { shop, hour: 7, timezone: "Europe/Paris" } });
  await app.prisma.dunningSettings.create({ data: { shop, retryAttempts: 5 } });
  await app.prisma.dunningTracker.create({
    data: { shop, contractId: "gid://shopify/SubscriptionContract/1", billingCycleIndex: 2, failureReason: "CARD_DECLINED" },
  });
  await app.prisma.billingAttemptEvent.create({
    data: {
      shop,
      topic: "subscription_billing_attempts/failure",
      attemptId: `gid://shopify/SubscriptionBillingAttempt/${randomUUID()}`,
      contractId: "gid://shopify/SubscriptionContract/1",
      orderId: "gid://shopify/Order/1001",
      webhookId: randomUUID(),
    },
  });
  await app.prisma.processedWebhook.create({ data: { webhookId: randomUUID(), shop, topic: "APP_SCOPES_UPDATE" } });
  await app.prisma.billingRun.create({
    data: { shop, scheduledFor: new Date("2026-11-20T10:00:00Z"), windowStart: new Date("2026-11-18T00:00:00Z"), windowEnd: new Date("2026-11-20T23:59:59Z"), status: "succeeded" },
  });
  await app.prisma.contractActivity.create({
    data: { shop, contractId: "gid://shopify/SubscriptionContract/1", actor: "merchant", staffUserId: "42", action: "pause", outcome: "succeeded" },
  });
  // Another order than the contract payloads' origin order (1001), so a create adds its own row.
  await app.prisma.orderTag.create({
    data: { shop, orderId: "gid://shopify/Order/1002", contractId: "gid://shopify/SubscriptionContract/1", kind: "recurring" },
  });
  await app.prisma.emailOutbox.create({
    data: { shop, eventKey: `webhook:${randomUUID()}`, recipient: "customer", kind: "subscription-paused", contractId: "gid://shopify/SubscriptionContract/1", customerId: "gid://shopify/Customer/7", data: "{}" },
  });
  await app.prisma.notificationSettings.create({ data: { shop, replyTo: `help@${shop}` } });
}

beforeEach(async () => {
  for (const { delegate } of modelDelegates()) {
    await (delegate as unknown as { deleteMany(): Promise<unknown> }).deleteMany();
  }
  await seedShop(SHOP);
  await seedShop(OTHER_SHOP);
});

function failurePayload(attempt = 1) {
  return {
    id: attempt,
    admin_graphql_api_id: `gid://shopify/SubscriptionBillingAttempt/${attempt}`,
    idempotency_key: `key-${attempt}`,
    order_id: null,
    admin_graphql_api_order_id: null,
    subscription_contract_id: 7,
    admin_graphql_api_subscription_contract_id: "gid://shopify/SubscriptionContract/7",
    ready: true,
    error_message: "Card declined",
    error_code: "card_declined",
  };
}

const CONTRACT_STATUS = {
  create: "active",
  update: "active",
  activate: "active",
  pause: "paused",
  cancel: "cancelled",
  fail: "failed",
  expire: "expired",
} as const;
type ContractTopic = keyof typeof CONTRACT_STATUS;
const CONTRACT_TOPICS = Object.keys(CONTRACT_STATUS) as ContractTopic[];

type BillingCycleTopic = "skip" | "unskip";
const BILLING_CYCLE_TOPICS: BillingCycleTopic[] = ["skip", "unskip"];

/** A subscription_billing_cycles/* payload as Shopify sends it (P3.2 of the subscriptions brief): the contract by numeric id only. */
function billingCyclePayload(topic: BillingCycleTopic, contract: number | string = 1) {
  return {
    subscription_contract_id: contract,
    cycle_index: 3,
    cycle_start_at: "2026-10-01T00:00:00-04:00",
    cycle_end_at: "2026-11-01T00:00:00-04:00",
    billing_attempt_expected_date: "2026-11-01T00:00:00-04:00",
    skipped: topic === "skip",
    edited: true,
    contract_edit: null,
  };
}

/** A subscription_contracts/* payload as Shopify sends it (P3.2 of the subscriptions brief). */
function contractPayload(topic: ContractTopic, contract = 1) {
  return {
    admin_graphql_api_id: `gid://shopify/SubscriptionContract/${contract}`,
    id: contract,
    admin_graphql_api_customer_id: "gid://shopify/Customer/5",
    customer_id: 5,
    admin_graphql_api_origin_order_id: "gid://shopify/Order/1001",
    origin_order_id: 1001,
    billing_policy: { interval: "month", interval_count: 1, min_cycles: 1, max_cycles: null },
    delivery_policy: { interval: "month", interval_count: 1 },
    currency_code: "USD",
    revision_id: "618283981",
    status: CONTRACT_STATUS[topic],
  };
}

const CASES = [
  { route: "webhooks.app.uninstalled", topic: "app/uninstalled", payload: { id: 1, name: "Webhooks", domain: SHOP } },
  {
    route: "webhooks.app.scopes_update",
    topic: "app/scopes_update",
    payload: { id: 1, previous: ["read_orders"], current: ["read_orders", "write_products"], updated_at: "2026-11-21T00:00:00Z" },
  },
  { route: "webhooks.subscription_billing_attempts.failure", topic: "subscription_billing_attempts/failure", payload: failurePayload() },
  {
    route: "webhooks.subscription_billing_attempts.success",
    topic: "subscription_billing_attempts/success",
    payload: { ...failurePayload(2), error_code: null, error_message: null, admin_graphql_api_order_id: "gid://shopify/Order/9" },
  },
  {
    route: "webhooks.compliance",
    topic: "customers/data_request",
    payload: { shop_id: 1, shop_domain: SHOP, orders_requested: [1001], customer: { id: 5, email: "a@b.c", phone: null }, data_request: { id: 9 } },
  },
  {
    route: "webhooks.compliance",
    topic: "customers/redact",
    payload: { shop_id: 1, shop_domain: SHOP, customer: { id: 5, email: "a@b.c", phone: null }, orders_to_redact: [1001] },
  },
  { route: "webhooks.compliance", topic: "shop/redact", payload: { shop_id: 1, shop_domain: SHOP } },
  // Contract 1 has an open tracker in the seed, so cancel and expire change something the first time.
  ...CONTRACT_TOPICS.map((name) => ({
    route: "webhooks.subscription_contracts",
    topic: `subscription_contracts/${name}`,
    payload: contractPayload(name),
  })),
  ...BILLING_CYCLE_TOPICS.map((name) => ({
    route: "webhooks.subscription_billing_cycles",
    topic: `subscription_billing_cycles/${name}`,
    payload: billingCyclePayload(name),
  })),
] as const;

describe.each(CASES)("$topic at /$route", ({ route, topic, payload }) => {
  const body = JSON.stringify(payload);

  it("accepts a signed delivery and records it once", async () => {
    const webhookId = randomUUID();
    const response = await post(route, webhookRequest("/webhooks", { topic, shop: SHOP, body, webhookId }));
    expect(response.status).toBe(200);
    if (topic !== "shop/redact") {
      expect(await app.prisma.processedWebhook.count({ where: { webhookId } })).toBe(1);
    }
  });

  it("changes nothing when the same delivery comes again", async () => {
    const webhookId = randomUUID();
    expect((await post(route, webhookRequest("/webhooks", { topic, shop: SHOP, body, webhookId }))).status).toBe(200);
    const after = await snapshot();
    const again = await post(route, webhookRequest("/webhooks", { topic, shop: SHOP, body, webhookId }));
    expect(again.status).toBe(200);
    expect(await snapshot()).toEqual(after);
  });

  it("answers 401 to a forged signature and writes nothing", async () => {
    const before = await snapshot();
    const response = await post(route, webhookRequest("/webhooks", { topic, shop: SHOP, body, secret: "not-the-app-secret" }));
    expect(response.status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it("answers 401 when the body was altered after signing", async () => {
    const before = await snapshot();
    const signed = webhookRequest("/webhooks", { topic, shop: SHOP, body });
    const tampered = new Request(signed.url, { method: "POST", headers: signed.headers, body: body.replace("}", ',"x":1}') });
    expect((await post(route, tampered)).status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it.each(["X-Shopify-Hmac-Sha256", "X-Shopify-Topic", "X-Shopify-Shop-Domain", "X-Shopify-Webhook-Id"])(
    "answers 400 without %s and writes nothing",
    async (header) => {
      const before = await snapshot();
      const response = await post(route, webhookRequest("/webhooks", { topic, shop: SHOP, body, omitHeaders: [header] }));
      expect(response.status).toBe(400);
      expect(await snapshot()).toEqual(before);
    },
  );

  it("answers 400 to signed malformed JSON and writes nothing", async () => {
    const before = await snapshot();
    const response = await post(route, webhookRequest("/webhooks", { topic, shop: SHOP, body: body.slice(0, -3) }));
    expect(response.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it("answers 413 to an oversized delivery and writes nothing", async () => {
    const before = await snapshot();
    const huge = JSON.stringify({ ...payload, padding: "x".repeat(MAX_WEBHOOK_BYTES) });
    const response = await post(route, webhookRequest("/webhooks", { topic, shop: SHOP, body: huge }));
    expect(response.status).toBe(413);
    expect(await snapshot()).toEqual(before);
  });

  it("answers 413 to an oversized body that does not declare its length", async () => {
    const before = await snapshot();
    const signed = webhookRequest("/webhooks", { topic, shop: SHOP, body });
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_WEBHOOK_BYTES) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const chunked = new Request(signed.url, { method: "POST", headers: signed.headers, body: stream, duplex: "half" } as RequestInit);
    expect((await post(route, chunked)).status).toBe(413);
    expect(await snapshot()).toEqual(before);
  });
});

describe("the shop header, which the HMAC does not cover", () => {
  const ROUTE = "webhooks.app.uninstalled";
  const signedFor = (shop: string) => webhookRequest("/webhooks", { topic: "app/uninstalled", shop, body: JSON.stringify({ id: 1 }) });

  it.each([
    ["another host", "evil.example.com"],
    ["a lookalike of myshopify.com", "webhooks.myshopify.com.evil.io"],
    ["Cyrillic lookalike letters", "webhооks.myshopify.com"],
    ["injection text", "x.myshopify.com' OR '1'='1"],
    ["a URL", "https://webhooks.myshopify.com"],
    ["too long for a domain", `${"a".repeat(300)}.myshopify.com`],
  ])("answers 400 to %s, signed, and writes nothing", async (_name, shop) => {
    const before = await snapshot();
    let response: Response;
    try {
      response = await post(ROUTE, signedFor(shop));
    } catch (thrown) {
      // Headers refuses some values itself (non-ASCII): Shopify could not have sent them either.
      expect(thrown).toBeInstanceOf(TypeError);
      return;
    }
    expect(response.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it("answers 400 to a duplicated shop header and writes nothing", async () => {
    const before = await snapshot();
    const signed = signedFor(SHOP);
    const headers = new Headers(signed.headers);
    headers.append("x-shopify-shop-domain", OTHER_SHOP);
    const response = await post(ROUTE, new Request(signed.url, { method: "POST", headers, body: await signed.text() }));
    expect(response.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });
});

describe("what each topic does", () => {
  const deliver = (route: string, topic: string, payload: unknown, webhookId = randomUUID()) =>
    post(route, webhookRequest("/webhooks", { topic, shop: SHOP, body: JSON.stringify(payload), webhookId }));

  it("app/uninstalled deletes the shop's sessions and deactivates its schedule, keeping its hour", async () => {
    expect((await deliver("webhooks.app.uninstalled", "app/uninstalled", {})).status).toBe(200);
    expect(await app.prisma.session.count({ where: { shop: SHOP } })).toBe(0);
    expect(await app.prisma.billingSchedule.findUnique({ where: { shop: SHOP } })).toMatchObject({ active: false, hour: 7 });
    expect(await app.prisma.session.count({ where: { shop: OTHER_SHOP } })).toBe(2);
    // A second uninstall (new delivery id) is just as safe.
    expect((await deliver("webhooks.app.uninstalled", "app/uninstalled", {})).status).toBe(200);
    expect(await app.prisma.billingSchedule.count({ where: { shop: SHOP } })).toBe(1);
  });

  it("a late redelivery of an uninstall that was already handled does not undo a reinstall", async () => {
    const webhookId = randomUUID();
    await deliver("webhooks.app.uninstalled", "app/uninstalled", {}, webhookId);
    // Reinstall: a new offline session, the schedule active again.
    await app.prisma.session.create({ data: { id: `offline_${SHOP}`, shop: SHOP, state: "", accessToken: "shpat_new" } });
    await app.prisma.billingSchedule.update({ where: { shop: SHOP }, data: { active: true } });

    expect((await deliver("webhooks.app.uninstalled", "app/uninstalled", {}, webhookId)).status).toBe(200);
    expect(await app.prisma.session.count({ where: { shop: SHOP } })).toBe(1);
    expect(await app.prisma.billingSchedule.findUnique({ where: { shop: SHOP } })).toMatchObject({ active: true });
  });

  it("app/scopes_update stores the granted scopes on the shop's sessions", async () => {
    await deliver("webhooks.app.scopes_update", "app/scopes_update", { current: ["read_orders", "write_products"] });
    const scopes = await app.prisma.session.findMany({ where: { shop: SHOP }, select: { scope: true } });
    expect(scopes).toEqual([{ scope: "read_orders,write_products" }, { scope: "read_orders,write_products" }]);
  });

  it("billing-attempt failures are recorded once per attempt, error code upper-cased", async () => {
    const route = "webhooks.subscription_billing_attempts.failure";
    await deliver(route, "subscription_billing_attempts/failure", failurePayload(3));
    // Shopify may deliver the same attempt under another webhook id.
    await deliver(route, "subscription_billing_attempts/failure", failurePayload(3));
    const events = await app.prisma.billingAttemptEvent.findMany({
      where: { attemptId: "gid://shopify/SubscriptionBillingAttempt/3" },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      shop: SHOP,
      contractId: "gid://shopify/SubscriptionContract/7",
      errorCode: "CARD_DECLINED",
      idempotencyKey: "key-3",
      processedAt: null,
    });
  });

  it("billing-attempt successes are recorded for the dunning engine", async () => {
    const payload = { ...failurePayload(4), error_code: null, error_message: null, admin_graphql_api_order_id: "gid://shopify/Order/77" };
    await deliver("webhooks.subscription_billing_attempts.success", "subscription_billing_attempts/success", payload);
    const event = await app.prisma.billingAttemptEvent.findFirstOrThrow({
      where: { attemptId: "gid://shopify/SubscriptionBillingAttempt/4" },
    });
    expect(event).toMatchObject({ topic: "subscription_billing_attempts/success", errorCode: null, orderId: "gid://shopify/Order/77" });
  });

  it("a billing-attempt success queues its order to tag as a recurring order, once however often it comes", async () => {
    const payload = { ...failurePayload(8), error_code: null, error_message: null, admin_graphql_api_order_id: "gid://shopify/Order/88" };
    await deliver("webhooks.subscription_billing_attempts.success", "subscription_billing_attempts/success", payload);
    await deliver("webhooks.subscription_billing_attempts.success", "subscription_billing_attempts/success", payload);
    expect(await app.prisma.orderTag.findMany({ where: { shop: SHOP, orderId: "gid://shopify/Order/88" } })).toEqual([
      expect.objectContaining({ contractId: "gid://shopify/SubscriptionContract/7", kind: "recurring", doneAt: null, tries: 0 }),
    ]);
  });

  it("a billing-attempt success naming something else than an order is recorded for dunning, but queues nothing to tag", async () => {
    const payload = { ...failurePayload(10), error_code: null, error_message: null, admin_graphql_api_order_id: "gid://shopify/Customer/5" };
    expect((await deliver("webhooks.subscription_billing_attempts.success", "subscription_billing_attempts/success", payload)).status).toBe(200);
    expect(await app.prisma.billingAttemptEvent.count({ where: { attemptId: "gid://shopify/SubscriptionBillingAttempt/10" } })).toBe(1);
    expect(await app.prisma.orderTag.count({ where: { orderId: "gid://shopify/Customer/5" } })).toBe(0);
  });

  it("a billing-attempt failure queues no order to tag", async () => {
    const before = await app.prisma.orderTag.count();
    await deliver("webhooks.subscription_billing_attempts.failure", "subscription_billing_attempts/failure", { ...failurePayload(9), admin_graphql_api_order_id: "gid://shopify/Order/99" });
    expect(await app.prisma.orderTag.count()).toBe(before);
  });

  it("rejects a billing attempt without its contract with 400 and writes nothing", async () => {
    const before = await snapshot();
    const { admin_graphql_api_subscription_contract_id: _dropped, ...payload } = failurePayload(5);
    const response = await deliver("webhooks.subscription_billing_attempts.failure", "subscription_billing_attempts/failure", payload);
    expect(response.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it("rejects a signed payload naming another shop than its header, and writes nothing", async () => {
    const before = await snapshot();
    const response = await deliver("webhooks.compliance", "shop/redact", { shop_id: 2, shop_domain: OTHER_SHOP });
    expect(response.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it("rejects a topic posted to another topic's route", async () => {
    const response = await deliver("webhooks.app.uninstalled", "shop/redact", {});
    expect(response.status).toBe(400);
    expect(await app.prisma.session.count({ where: { shop: SHOP } })).toBe(2);
  });

  it("customers/data_request writes nothing but its delivery record", async () => {
    const before = await snapshot();
    const webhookId = randomUUID();
    await deliver("webhooks.compliance", "customers/data_request", { orders_requested: [1001], customer: { id: 5 } }, webhookId);
    const after = await snapshot();
    expect({ ...after, ProcessedWebhook: [] }).toEqual({ ...before, ProcessedWebhook: [] });
    expect(await app.prisma.processedWebhook.count({ where: { webhookId } })).toBe(1);
  });

  it("customers/redact erases the billing attempts of the redacted orders only", async () => {
    await app.prisma.billingAttemptEvent.create({
      data: { shop: SHOP, topic: "t", attemptId: "keep", contractId: "c", orderId: "gid://shopify/Order/2002", webhookId: "w" },
    });
    await deliver("webhooks.compliance", "customers/redact", { orders_to_redact: [1001], customer: { id: 5 } });
    const left = await app.prisma.billingAttemptEvent.findMany({ where: { shop: SHOP }, select: { orderId: true } });
    expect(left).toEqual([{ orderId: "gid://shopify/Order/2002" }]);
    expect(await app.prisma.billingAttemptEvent.count({ where: { shop: OTHER_SHOP } })).toBe(1);
  });

  it("customers/redact erases the order tags of the redacted orders only, and keeps the contracts' history", async () => {
    // The seed has order 1002 in both shops.
    await app.prisma.orderTag.create({ data: { shop: SHOP, orderId: "gid://shopify/Order/2002", contractId: "c", kind: "first" } });
    const history = await app.prisma.contractActivity.findMany();
    await deliver("webhooks.compliance", "customers/redact", { orders_to_redact: [1001, "gid://shopify/Order/1002"], customer: { id: 5 } });
    expect(await app.prisma.orderTag.findMany({ where: { shop: SHOP }, select: { orderId: true } })).toEqual([{ orderId: "gid://shopify/Order/2002" }]);
    expect(await app.prisma.orderTag.count({ where: { shop: OTHER_SHOP } })).toBe(1);
    expect(await app.prisma.contractActivity.findMany()).toEqual(history);
  });

  it("shop/redact leaves no row of the shop in any model but its own delivery id, and the other shop untouched", async () => {
    // The seed holds rows of the shop in every model, so a model added later must be seeded (and erased) too.
    for (const [model, rows] of Object.entries(await rowsOf(SHOP))) expect(rows.length, `${model} has no seeded row`).toBeGreaterThan(0);
    const otherBefore = await rowsOf(OTHER_SHOP);
    const webhookId = randomUUID();
    expect((await deliver("webhooks.compliance", "shop/redact", { shop_id: 1, shop_domain: SHOP }, webhookId)).status).toBe(200);
    const { ProcessedWebhook: remembered, ...left } = await rowsOf(SHOP);
    expect(Object.values(left).flat()).toEqual([]);
    // Kept so that a redelivery is recognised (next test): the domain, the topic and Shopify's delivery id, nothing else.
    expect(remembered).toEqual([{ webhookId, shop: SHOP, topic: "SHOP_REDACT", processedAt: expect.any(Date) }]);
    expect(await rowsOf(OTHER_SHOP)).toEqual(otherBefore);
  });

  it("a shop/redact delivered again after the shop reinstalled changes nothing", async () => {
    const webhookId = randomUUID();
    expect((await deliver("webhooks.compliance", "shop/redact", { shop_id: 1, shop_domain: SHOP }, webhookId)).status).toBe(200);
    // The merchant installs the app again: a new installation with its own rows.
    await seedShop(SHOP);
    const reinstalled = await rowsOf(SHOP);
    expect((await deliver("webhooks.compliance", "shop/redact", { shop_id: 1, shop_domain: SHOP }, webhookId)).status).toBe(200);
    expect(await rowsOf(SHOP)).toEqual(reinstalled);
    expect(await app.prisma.session.count({ where: { shop: SHOP } })).toBeGreaterThan(0);
  });
});

describe("subscription contract lifecycle", () => {
  const ROUTE = "webhooks.subscription_contracts";
  const contract = (id: number) => `gid://shopify/SubscriptionContract/${id}`;
  const deliver = (topic: string, payload: unknown, webhookId = randomUUID()) =>
    post(ROUTE, webhookRequest("/webhooks", { topic, shop: SHOP, body: JSON.stringify(payload), webhookId }));
  const EARLIER = new Date("2026-11-01T00:00:00Z");

  /** Besides the seed's open tracker of contract 1 in both shops: a claimed one, a completed one, another contract's. */
  async function seedTrackers() {
    await app.prisma.dunningTracker.create({
      data: {
        shop: SHOP,
        contractId: contract(1),
        billingCycleIndex: 3,
        failureReason: "INSUFFICIENT_FUNDS",
        nextAttemptAt: new Date("2026-12-01T00:00:00Z"),
        lastAttemptAt: EARLIER,
        claimedUntil: new Date("2026-12-01T00:05:00Z"),
        claimToken: "tick-1",
      },
    });
    await app.prisma.dunningTracker.create({
      data: {
        shop: SHOP,
        contractId: contract(1),
        billingCycleIndex: 1,
        failureReason: "CARD_DECLINED",
        completedAt: EARLIER,
        completedReason: "PAYMENT_SUCCEEDED",
      },
    });
    await app.prisma.dunningTracker.create({
      data: { shop: SHOP, contractId: contract(2), billingCycleIndex: 2, failureReason: "CARD_DECLINED", nextAttemptAt: new Date("2026-12-01T00:00:00Z") },
    });
  }

  beforeEach(seedTrackers);

  const trackerKey = (row: unknown) => (row as { id: number }).id;
  const byId = (rows: unknown[]) => [...rows].sort((a, b) => trackerKey(a) - trackerKey(b));

  /** The customer email each topic queues (the delivery's id is its event). */
  const TOPIC_EMAILS: Partial<Record<ContractTopic, string>> = {
    create: "subscription-created",
    pause: "subscription-paused",
    activate: "subscription-resumed",
    cancel: "subscription-cancelled",
  };

  /**
   * All rows after a delivery of `topic` equal all rows before it, except one
   * more ProcessedWebhook row, one more ContractActivity row (actor "shopify",
   * the topic, the status; `detail` when given), for create the origin order
   * to tag, the topic's customer email (if it has one), and the open trackers
   * of contract 1 in SHOP, which are completed for `reason` (when given) with
   * nothing scheduled and no claim.
   */
  async function expectOnly(
    before: Record<string, unknown[]>,
    { webhookId, topic, reason, since, detail }: { webhookId: string; topic: ContractTopic; reason: string | null; since: Date; detail?: string },
  ) {
    const after = await snapshot();
    const changing = { DunningTracker: [], ProcessedWebhook: [], ContractActivity: [], OrderTag: [], EmailOutbox: [] };
    expect({ ...after, ...changing }).toEqual({ ...before, ...changing });
    expect(after.ProcessedWebhook).toEqual([...before.ProcessedWebhook, expect.objectContaining({ webhookId, shop: SHOP })]);
    expect(after.ContractActivity).toEqual([
      ...before.ContractActivity,
      expect.objectContaining({
        shop: SHOP,
        contractId: contract(1),
        actor: "shopify",
        staffUserId: null,
        action: `subscription_contracts/${topic}`,
        outcome: "succeeded",
        detail: detail ?? `Status: ${CONTRACT_STATUS[topic]}`,
      }),
    ]);
    const originOrder = { shop: SHOP, orderId: "gid://shopify/Order/1001", contractId: contract(1), kind: "first", doneAt: null, tries: 0, claimedUntil: null };
    expect(after.OrderTag).toEqual(topic === "create" ? [...before.OrderTag, expect.objectContaining(originOrder)] : before.OrderTag);
    const email = TOPIC_EMAILS[topic];
    const queued = { shop: SHOP, eventKey: `webhook:${webhookId}`, recipient: "customer", kind: email, contractId: contract(1), customerId: "gid://shopify/Customer/5", status: "pending", sentAt: null };
    expect(after.EmailOutbox).toEqual(email ? [...before.EmailOutbox, expect.objectContaining(queued)] : before.EmailOutbox);
    const expected = byId(before.DunningTracker).map((row) => {
      const tracker = row as { shop: string; contractId: string; completedAt: Date | null };
      if (!reason || tracker.shop !== SHOP || tracker.contractId !== contract(1) || tracker.completedAt) return row;
      return {
        ...tracker,
        completedAt: expect.any(Date),
        completedReason: reason,
        nextAttemptAt: null,
        claimedUntil: null,
        claimToken: null,
        updatedAt: expect.any(Date),
      };
    });
    const trackers = byId(after.DunningTracker);
    expect(trackers).toEqual(expected);
    if (reason) {
      const completed = await app.prisma.dunningTracker.findMany({ where: { completedReason: reason } });
      expect(completed.map((tracker) => [tracker.shop, tracker.contractId, tracker.billingCycleIndex])).toEqual([
        [SHOP, contract(1), 2],
        [SHOP, contract(1), 3],
      ]);
      for (const tracker of completed) expect(tracker.completedAt!.getTime()).toBeGreaterThanOrEqual(since.getTime());
    }
  }

  it.each([
    ["cancel", "CONTRACT_CANCELLED"],
    ["expire", "CONTRACT_EXPIRED"],
  ] as const)("%s completes the open trackers of that shop's contract only, at once, as %s", async (name, reason) => {
    const before = await snapshot();
    const since = new Date();
    const webhookId = randomUUID();
    expect((await deliver(`subscription_contracts/${name}`, contractPayload(name), webhookId)).status).toBe(200);
    await expectOnly(before, { webhookId, topic: name, reason, since, detail: `Status: ${CONTRACT_STATUS[name]}; 2 open dunning trackers completed` });
    // The completed tracker of contract 1 kept its reason and time.
    expect(await app.prisma.dunningTracker.findFirst({ where: { shop: SHOP, contractId: contract(1), billingCycleIndex: 1 } })).toMatchObject({
      completedAt: EARLIER,
      completedReason: "PAYMENT_SUCCEEDED",
    });
  });

  it("an expiry after a cancellation (another delivery) keeps the trackers cancelled", async () => {
    await deliver("subscription_contracts/cancel", contractPayload("cancel"));
    const after = await snapshot();
    const webhookId = randomUUID();
    expect((await deliver("subscription_contracts/expire", contractPayload("expire"), webhookId)).status).toBe(200);
    await expectOnly(after, { webhookId, topic: "expire", reason: null, since: new Date() });
  });

  it.each(["create", "update", "activate", "pause", "fail"] as const)(
    "%s is recorded in the contract's history and changes no dunning state",
    async (name) => {
      const before = await snapshot();
      const webhookId = randomUUID();
      expect((await deliver(`subscription_contracts/${name}`, contractPayload(name), webhookId)).status).toBe(200);
      await expectOnly(before, {
        webhookId,
        topic: name,
        reason: null,
        since: new Date(),
        detail: name === "create" ? "Status: active; origin order queued for tagging" : undefined,
      });
    },
  );

  it("create without an origin order (a contract made through the API) queues no order to tag", async () => {
    const webhookId = randomUUID();
    const payload = { ...contractPayload("create"), admin_graphql_api_origin_order_id: null, origin_order_id: null };
    expect((await deliver("subscription_contracts/create", payload, webhookId)).status).toBe(200);
    expect(await app.prisma.orderTag.count({ where: { shop: SHOP, kind: "first" } })).toBe(0);
    expect(await app.prisma.contractActivity.findFirst({ where: { shop: SHOP, actor: "shopify" } })).toMatchObject({ detail: "Status: active" });
  });

  it("a second create naming the same origin order (another delivery) adds history but no second order to tag", async () => {
    await deliver("subscription_contracts/create", contractPayload("create"));
    await deliver("subscription_contracts/create", contractPayload("create"));
    expect(await app.prisma.orderTag.count({ where: { shop: SHOP, orderId: "gid://shopify/Order/1001" } })).toBe(1);
    expect(await app.prisma.contractActivity.count({ where: { shop: SHOP, action: "subscription_contracts/create" } })).toBe(2);
  });

  it("a create whose origin order is not an order's GID is recorded, but queues nothing to tag", async () => {
    // tagsAdd tags customers and products too: only an order may reach it.
    const payload = { ...contractPayload("create"), admin_graphql_api_origin_order_id: "gid://shopify/Customer/5" };
    expect((await deliver("subscription_contracts/create", payload)).status).toBe(200);
    expect(await app.prisma.orderTag.count({ where: { shop: SHOP, kind: "first" } })).toBe(0);
    expect(await app.prisma.contractActivity.count({ where: { shop: SHOP, action: "subscription_contracts/create" } })).toBe(1);
  });

  describe.each(CONTRACT_TOPICS)("subscription_contracts/%s", (name) => {
    const topic = `subscription_contracts/${name}`;

    it.each([
      ["without the contract's GID", { admin_graphql_api_id: undefined }],
      ["naming something else than a contract", { admin_graphql_api_id: "gid://shopify/Order/1" }],
      ["with a numeric GID", { admin_graphql_api_id: 1 }],
      ["without its status", { status: undefined }],
    ])("answers 400 to a payload %s and writes nothing", async (_case, change) => {
      const before = await snapshot();
      expect((await deliver(topic, { ...contractPayload(name), ...change })).status).toBe(400);
      expect(await snapshot()).toEqual(before);
    });

    it("answers 400 to a signed payload naming another shop than its header, and writes nothing", async () => {
      // Contract payloads carry no shop of their own; one that does must name the header's.
      const before = await snapshot();
      expect((await deliver(topic, { ...contractPayload(name), shop_domain: OTHER_SHOP })).status).toBe(400);
      expect(await snapshot()).toEqual(before);
    });
  });

  it("rejects a contract topic posted to another route, and another topic posted to the contracts route", async () => {
    const before = await snapshot();
    const signed = (route: string, topic: string, payload: unknown) =>
      post(route, webhookRequest("/webhooks", { topic, shop: SHOP, body: JSON.stringify(payload) }));
    expect((await signed("webhooks.compliance", "subscription_contracts/cancel", contractPayload("cancel"))).status).toBe(400);
    expect((await signed(ROUTE, "subscription_billing_attempts/success", failurePayload(6))).status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });
});

/** Every topic that writes a contract's history, with the route, a payload and the row it writes. */
const HISTORY_CASES = [
  ...CONTRACT_TOPICS.map((name) => ({
    route: "webhooks.subscription_contracts",
    topic: `subscription_contracts/${name}`,
    payload: contractPayload(name, 31) as Record<string, unknown>,
    detail: expect.stringMatching(new RegExp(`^Status: ${CONTRACT_STATUS[name]}`)) as unknown,
  })),
  ...BILLING_CYCLE_TOPICS.map((name) => ({
    route: "webhooks.subscription_billing_cycles",
    topic: `subscription_billing_cycles/${name}`,
    payload: billingCyclePayload(name, 31) as Record<string, unknown>,
    detail: "Billing cycle 3, billing date 2026-11-01T00:00:00-04:00" as unknown,
  })),
];

describe.each(HISTORY_CASES)("$topic writes the contract's history", ({ route, topic, payload, detail }) => {
  const body = JSON.stringify(payload);
  const CONTRACT = "gid://shopify/SubscriptionContract/31";
  const history = () => app.prisma.contractActivity.findMany({ where: { contractId: CONTRACT } });
  const tags = () => app.prisma.orderTag.findMany({ where: { contractId: CONTRACT } });

  it("a signed delivery answers 200 and adds one row (actor shopify, the topic), in the delivery's transaction", async () => {
    const webhookId = randomUUID();
    expect((await post(route, webhookRequest("/webhooks", { topic, shop: SHOP, body, webhookId }))).status).toBe(200);
    expect(await history()).toEqual([
      expect.objectContaining({ shop: SHOP, contractId: CONTRACT, actor: "shopify", staffUserId: null, action: topic, outcome: "succeeded", detail }),
    ]);
    expect(await tags()).toEqual(
      topic === "subscription_contracts/create" ? [expect.objectContaining({ shop: SHOP, orderId: "gid://shopify/Order/1001", kind: "first" })] : [],
    );
    expect(await app.prisma.processedWebhook.count({ where: { webhookId } })).toBe(1);
  });

  it("the same delivery again writes nothing twice", async () => {
    const webhookId = randomUUID();
    await post(route, webhookRequest("/webhooks", { topic, shop: SHOP, body, webhookId }));
    const [rows, tagged] = [await history(), await tags()];
    expect((await post(route, webhookRequest("/webhooks", { topic, shop: SHOP, body, webhookId }))).status).toBe(200);
    expect(await history()).toEqual(rows);
    expect(rows).toHaveLength(1);
    expect(await tags()).toEqual(tagged);
  });

  it("a forged signature answers 401 and writes nothing", async () => {
    expect((await post(route, webhookRequest("/webhooks", { topic, shop: SHOP, body, secret: "not-the-app-secret" }))).status).toBe(401);
    expect(await history()).toEqual([]);
    expect(await tags()).toEqual([]);
  });
});

describe("subscription billing cycles", () => {
  const ROUTE = "webhooks.subscription_billing_cycles";
  const deliver = (topic: string, payload: unknown) =>
    post(ROUTE, webhookRequest("/webhooks", { topic, shop: SHOP, body: JSON.stringify(payload) }));

  it.each([
    ["a number", 4467555566],
    ["a string of digits", "4467555566"],
  ])("names the contract by its GID, built from the numeric id as %s", async (_case, id) => {
    expect((await deliver("subscription_billing_cycles/unskip", billingCyclePayload("unskip", id))).status).toBe(200);
    expect(await app.prisma.contractActivity.findFirst({ where: { shop: SHOP, actor: "shopify" } })).toMatchObject({
      contractId: "gid://shopify/SubscriptionContract/4467555566",
      action: "subscription_billing_cycles/unskip",
    });
  });

  it("changes no dunning state", async () => {
    const before = await snapshot();
    await deliver("subscription_billing_cycles/skip", billingCyclePayload("skip"));
    const after = await snapshot();
    expect(after.DunningTracker).toEqual(before.DunningTracker);
    expect(after.ContractActivity).toHaveLength(before.ContractActivity.length + 1);
  });

  it.each([
    ["without the contract's id", { subscription_contract_id: undefined }],
    ["naming the contract by GID", { subscription_contract_id: "gid://shopify/SubscriptionContract/1" }],
    ["with a negative contract id", { subscription_contract_id: -1 }],
    ["without the cycle index", { cycle_index: undefined }],
  ])("answers 400 to a payload %s and writes nothing", async (_case, change) => {
    const before = await snapshot();
    expect((await deliver("subscription_billing_cycles/skip", { ...billingCyclePayload("skip"), ...change })).status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it("rejects a billing-cycle topic posted to the contracts route, and a contract topic posted here", async () => {
    const before = await snapshot();
    const signed = (route: string, topic: string, payload: unknown) =>
      post(route, webhookRequest("/webhooks", { topic, shop: SHOP, body: JSON.stringify(payload) }));
    expect((await signed("webhooks.subscription_contracts", "subscription_billing_cycles/skip", billingCyclePayload("skip"))).status).toBe(400);
    expect((await signed(ROUTE, "subscription_contracts/pause", contractPayload("pause"))).status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });
});

/** The shop's rows in every model; a model without a `shop` column fails here, so erasure must be rethought for it. */
async function rowsOf(shop: string): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const model of Prisma.dmmf.datamodel.models) {
    expect(model.fields.map((field) => field.name), `${model.name} has no shop column`).toContain("shop");
  }
  for (const { name, delegate } of modelDelegates()) {
    result[name] = await delegate.findMany({ where: { shop } });
  }
  return result;
}
