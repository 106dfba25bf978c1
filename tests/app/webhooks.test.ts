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

  it("shop/redact leaves no row of the shop in any model, and the other shop untouched", async () => {
    // The seed holds rows of the shop in every model, so a model added later must be seeded (and erased) too.
    for (const [model, rows] of Object.entries(await rowsOf(SHOP))) expect(rows.length, `${model} has no seeded row`).toBeGreaterThan(0);
    const otherBefore = await rowsOf(OTHER_SHOP);
    expect((await deliver("webhooks.compliance", "shop/redact", { shop_id: 1, shop_domain: SHOP })).status).toBe(200);
    const left = await rowsOf(SHOP);
    expect(Object.values(left).flat()).toEqual([]);
    expect(await rowsOf(OTHER_SHOP)).toEqual(otherBefore);
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

  /**
   * All rows after a delivery equal all rows before it, except one more
   * ProcessedWebhook row and the open trackers of contract 1 in SHOP, which are
   * completed for `reason` (when given) with nothing scheduled and no claim.
   */
  async function expectOnly(before: Record<string, unknown[]>, webhookId: string, reason: string | null, since: Date) {
    const after = await snapshot();
    expect({ ...after, DunningTracker: [], ProcessedWebhook: [] }).toEqual({ ...before, DunningTracker: [], ProcessedWebhook: [] });
    expect(after.ProcessedWebhook).toEqual([...before.ProcessedWebhook, expect.objectContaining({ webhookId, shop: SHOP })]);
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
    await expectOnly(before, webhookId, reason, since);
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
    await expectOnly(after, webhookId, null, new Date());
  });

  it.each(["create", "update", "activate", "pause", "fail"] as const)(
    "%s is recorded and changes no dunning state",
    async (name) => {
      const before = await snapshot();
      const webhookId = randomUUID();
      expect((await deliver(`subscription_contracts/${name}`, contractPayload(name), webhookId)).status).toBe(200);
      await expectOnly(before, webhookId, null, new Date());
    },
  );

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
