/**
 * The email outbox end to end, on SQLite and PostgreSQL: events queue rows in
 * their own transactions (lifecycle webhooks through the receive path, the
 * dunning engine's steps), the tick sends them through nodemailer to a real
 * SMTP server on localhost (tests/support/smtp.ts), and Shopify is the
 * simulator. Crashes, outages and repeats are played for real: a claim that
 * is never finished, a child process killed while the SMTP server holds its
 * message, a stopped server, a 550, the same delivery twice.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EMAIL_KINDS, recipientOf, type EmailKind } from "../../app/notifications/email-kinds";
import { createMailer } from "../../app/notifications/mailer.server";
import { claimDueEmails, EMAIL_MAX_AGE_MS, queueEmail } from "../../app/notifications/outbox.server";
import type { EngineDeps } from "../../app/scheduler/deps";
import { runTick } from "../../app/scheduler/tick.server";
import { customersRedact, shopRedact } from "../../app/webhooks/compliance.server";
import { subscriptionBillingCycleHandlers } from "../../app/webhooks/subscription-billing-cycles.server";
import { subscriptionContractHandlers } from "../../app/webhooks/subscription-contracts.server";
import { customerAccountsUrl } from "../../simulator/admin-api";
import { startAdminApiSimulator } from "../../simulator/node";
import { createTestDatabase, type TestDatabase } from "../support/databases";
import { deliverAttemptWebhooks, installShop, TEST_EMAIL_FROM, testEngineDeps } from "../support/engine";
import { providerCases } from "../support/providers";
import { TestSmtpServer } from "../support/smtp";
import { receiveDelivery } from "../support/webhooks";

const ROOT = path.resolve(import.meta.dirname, "../..");
const running = startAdminApiSimulator({ apiKey: "key", apiSecret: "secret" });
const { simulator } = running;
afterAll(() => running.close());

const SHOP = "emails.myshopify.com";
const SHOP_NAME = "emails";
const OWNER = `owner@${SHOP}`;
const PORTAL = customerAccountsUrl(SHOP);
const NOW = new Date("2026-11-21T12:00:00Z");
const MINUTE = 60_000;
const DAY = 24 * 3600_000;
const later = (ms: number) => new Date(NOW.getTime() + ms);

describe.each(providerCases().filter(({ provider }) => provider !== "mysql"))("emails on $provider", ({ provider, available }) => {
  let db: TestDatabase;
  let smtp: TestSmtpServer;
  let deps: EngineDeps;
  const logged: Array<{
    level: string;
    message: string;
    details: Record<string, unknown>;
  }> = [];
  const it_ = it.skipIf(!available);

  beforeAll(async () => {
    if (!available) return;
    db = await createTestDatabase(provider);
    smtp = await TestSmtpServer.start();
    const mailer = createMailer({ transport: "smtp", smtpUrl: smtp.url }, () => {});
    deps = testEngineDeps(db.prisma, (level, message, details) => logged.push({ level, message, details }), mailer);
  });
  afterAll(async () => {
    await smtp?.stop();
    await db?.close();
  });
  beforeEach(async () => {
    if (!available) return;
    simulator.reset();
    simulator.subscriptions.now = () => NOW.getTime();
    smtp.clear();
    smtp.answer = "accept";
    smtp.beforeAnswer = null;
    logged.length = 0;
    await installShop(db.prisma, SHOP, {
      timezone: "America/Toronto",
      now: NOW,
    });
  });
  afterEach(async () => {
    if (!available) return;
    for (const model of [
      "emailOutbox",
      "notificationSettings",
      "billingRun",
      "billingAttemptEvent",
      "dunningTracker",
      "dunningSettings",
      "billingSchedule",
      "session",
      "contractActivity",
      "orderTag",
      "processedWebhook",
    ] as const) {
      await (db.prisma[model] as { deleteMany(): Promise<unknown> }).deleteMany();
    }
  });

  // One at a time, so emails reach the server in the order they were queued.
  const tick = (now: Date) => {
    simulator.subscriptions.now = () => now.getTime();
    return runTick(deps, { now, concurrency: 1 });
  };
  const rows = () => db.prisma.emailOutbox.findMany({ where: { shop: SHOP }, orderBy: { id: "asc" } });
  /** A customer email about `contractId`, queued as an event would queue it. */
  const queueAbout = (contractId: string, eventKey: string, kind: EmailKind) => queueEmail(db.prisma, { shop: SHOP, eventKey, kind, contractId });
  const deliverAttempts = () => deliverAttemptWebhooks(db.prisma, simulator.subscriptions.takeNewAttempts());
  /** `count` contracts whose renewal at `at` fails with `paymentError`: the scheduled charge runs, Shopify's failure webhooks come in. */
  async function failingRenewals(at: Date, paymentError: string, { count = 1, email }: { count?: number; email?: string } = {}) {
    const contracts = Array.from({ length: count }, (_, i) =>
      simulator.subscriptions.addContract(SHOP, { cycles: [{ index: i + 4, expectedDate: at }], paymentError, customer: { email } }),
    );
    await db.prisma.billingSchedule.update({ where: { shop: SHOP }, data: { nextRunAt: at } });
    await tick(at);
    await deliverAttempts();
    return contracts;
  }
  const contractWebhook = (
    topic: string,
    contract: {
      id: string;
      customerId: string;
      originOrderId?: string | null;
    },
    webhookId: string
  ) =>
    receiveDelivery(db.prisma, subscriptionContractHandlers, {
      topic: `subscription_contracts/${topic}`,
      shop: SHOP,
      webhookId,
      payload: {
        admin_graphql_api_id: contract.id,
        admin_graphql_api_customer_id: contract.customerId,
        admin_graphql_api_origin_order_id: contract.originOrderId ?? null,
        status: topic === "cancel" ? "cancelled" : topic === "pause" ? "paused" : "active",
      },
    });

  it_("sends every template through SMTP: the right recipient, subject, sender, portal or admin link, and a text and an HTML part", async () => {
    const contract = simulator.subscriptions.addContract(SHOP, {
      customer: { firstName: "Ada", email: "ada@example.com" },
    });
    for (const [i, kind] of EMAIL_KINDS.entries()) {
      await queueEmail(db.prisma, {
        shop: SHOP,
        eventKey: `test:${i}`,
        kind,
        contractId: contract.id,
        data: {
          cycleIndex: 2,
          date: "2026-11-28T15:00:00Z",
          finalAction: "cancel",
          failureReason: "CARD_DECLINED",
        },
      });
    }
    expect((await tick(NOW)).emails).toEqual({ sent: EMAIL_KINDS.length });
    expect(smtp.received).toHaveLength(EMAIL_KINDS.length);

    const number = contract.id.split("/").pop();
    const subjects: Record<EmailKind, string> = {
      "subscription-created": `Your subscription #${number} with ${SHOP_NAME}`,
      "subscription-paused": `Your subscription #${number} is paused`,
      "subscription-resumed": `Your subscription #${number} is active again`,
      "subscription-cancelled": `Your subscription #${number} is cancelled`,
      "order-skipped": `An order of your subscription #${number} is skipped`,
      "payment-failed": `We couldn't process the payment for your subscription #${number}`,
      "payment-final-attempt": `Last attempt: the payment for your subscription #${number}`,
      "payment-final-outcome": `Your subscription #${number} is cancelled`,
      "merchant-payment-failure": `Payment not recovered: subscription #${number}`,
      "merchant-inventory-failure": `Out of stock: a renewal of subscription #${number} failed`,
    };
    for (const [i, kind] of EMAIL_KINDS.entries()) {
      const email = smtp.received[i];
      const customer = recipientOf(kind) === "customer";
      expect(email.to, kind).toEqual([customer ? "ada@example.com" : OWNER]);
      expect(email.from, kind).toBe(TEST_EMAIL_FROM);
      expect(email.parsed.subject, kind).toBe(subjects[kind]);
      expect(email.parsed.from?.value, kind).toEqual([{ name: SHOP_NAME, address: TEST_EMAIL_FROM }]);
      expect(email.parsed.headers.get("auto-submitted"), kind).toBe("auto-generated");
      expect(email.parsed.messageId, kind).toMatch(new RegExp(`^<outbox-\\d+\\.${SHOP}@app\\.example\\.com>$`));
      const link = customer ? PORTAL : `https://${SHOP}/admin/apps/key/app/contracts/${number}`;
      expect(email.parsed.text, kind).toContain(link);
      expect(email.parsed.html || "", kind).toContain(`href="${link}"`);
      if (customer) {
        expect(email.parsed.text, kind).toMatch(/^Hi Ada,/);
        expect(email.parsed.replyTo?.value, kind).toEqual([{ name: "", address: OWNER }]);
      }
    }
    // Each row now names the customer it was about (customers/redact finds it by that).
    expect((await rows()).map((row) => [row.status, row.customerId])).toEqual(EMAIL_KINDS.map(() => ["sent", contract.customerId]));
    // Sent rows stay sent.
    expect((await tick(later(MINUTE))).emails).toEqual({});
    expect(smtp.received).toHaveLength(EMAIL_KINDS.length);
  });

  it_("emails the customer once per lifecycle webhook, and never twice for a repeated delivery", async () => {
    const contract = simulator.subscriptions.addContract(SHOP, {
      customer: { email: "grace@example.com" },
    });
    const checkout = {
      ...contract,
      originOrderId: contract.originOrderId!,
    };
    for (const [topic, webhookId] of [
      ["create", "wh-create"],
      ["pause", "wh-pause"],
      ["pause", "wh-pause"], // Shopify delivers the same webhook again
      ["activate", "wh-activate"],
      ["cancel", "wh-cancel"],
    ] as const) {
      expect((await contractWebhook(topic, checkout, webhookId)).status).toBe(200);
    }
    const skip = {
      subscription_contract_id: Number(contract.id.split("/").pop()),
      cycle_index: 3,
      billing_attempt_expected_date: "2026-12-21T15:00:00Z",
      skipped: true,
    };
    for (let i = 0; i < 2; i++) {
      const response = await receiveDelivery(db.prisma, subscriptionBillingCycleHandlers, {
        topic: "subscription_billing_cycles/skip",
        shop: SHOP,
        webhookId: "wh-skip",
        payload: skip,
      });
      expect(response.status).toBe(200);
    }
    // The update topic, and create without an origin order (an API-made contract), email nobody.
    expect((await contractWebhook("update", checkout, "wh-update")).status).toBe(200);
    expect((await contractWebhook("create", { ...contract, originOrderId: null }, "wh-create-api")).status).toBe(200);

    expect((await rows()).map((row) => [row.eventKey, row.kind, row.customerId])).toEqual([
      ["webhook:wh-create", "subscription-created", contract.customerId],
      ["webhook:wh-pause", "subscription-paused", contract.customerId],
      ["webhook:wh-activate", "subscription-resumed", contract.customerId],
      ["webhook:wh-cancel", "subscription-cancelled", contract.customerId],
      ["webhook:wh-skip", "order-skipped", null],
    ]);
    expect((await tick(NOW)).emails).toEqual({ sent: 5 });
    expect(smtp.received.map((email) => [email.to, email.parsed.subject])).toEqual([
      [["grace@example.com"], expect.stringMatching(/^Your subscription #\d+ with emails$/)],
      [["grace@example.com"], expect.stringMatching(/is paused$/)],
      [["grace@example.com"], expect.stringMatching(/is active again$/)],
      [["grace@example.com"], expect.stringMatching(/is cancelled$/)],
      [["grace@example.com"], expect.stringMatching(/is skipped$/)],
    ]);
    expect(smtp.received[4].parsed.text).toContain("due on Monday, December 21, 2026 is skipped");
    // Delivered again after they were sent: still nothing more.
    expect((await contractWebhook("pause", checkout, "wh-pause")).status).toBe(200);
    expect((await tick(later(MINUTE))).emails).toEqual({});
    expect(smtp.received).toHaveLength(5);
  });

  it_("dunning emails the customer at each failure and the merchant at the final action, each once", async () => {
    await installShop(db.prisma, "unused.myshopify.com", { now: NOW }); // another shop's settings change nothing here
    await db.prisma.dunningSettings.update({
      where: { shop: SHOP },
      data: {
        retryAttempts: 1,
        daysBetweenRetryAttempts: 2,
        onFailure: "pause",
      },
    });
    const first = new Date("2026-11-21T15:00:00Z");
    const [contract] = await failingRenewals(first, "CARD_DECLINED", { email: "lin@example.com" });
    const afterFirst = await tick(first);
    expect(afterFirst.events).toEqual({ "retry-scheduled": 1 });
    expect(afterFirst.emails).toEqual({ sent: 1 });
    expect(smtp.received.at(-1)!.parsed.subject).toMatch(/^Last attempt: the payment for your subscription #\d+$/);
    expect(smtp.received.at(-1)!.parsed.text).toContain(
      "We will try one last time on Monday, November 23, 2026. If that payment fails too, your subscription will be paused."
    );

    // The same failure handled again (a crash before its event was marked) emails nothing more.
    await db.prisma.billingAttemptEvent.updateMany({
      data: { processedAt: null },
    });
    const again = await tick(new Date(first.getTime() + MINUTE));
    expect(again.events).toEqual({ "retry-already-scheduled": 1 });
    expect(again.emails).toEqual({});

    expect((await tick(new Date(first.getTime() + 2 * DAY))).retries).toEqual({ charged: 1 });
    await deliverAttempts();
    const final = await tick(new Date(first.getTime() + 2 * DAY));
    expect(final.events).toEqual({ "final-action": 1 });
    expect(final.emails).toEqual({ sent: 2 });
    expect(smtp.received.map((email) => [email.to[0], email.parsed.subject])).toEqual([
      ["lin@example.com", expect.stringMatching(/^Last attempt/)],
      ["lin@example.com", expect.stringMatching(/^Your subscription #\d+ is paused$/)],
      [OWNER, expect.stringMatching(/^Payment not recovered: subscription #\d+$/)],
    ]);
    expect(contract.status).toBe("PAUSED");
  });

  it_("tells the merchant of a stock-out, and not the customer", async () => {
    await db.prisma.notificationSettings.create({
      data: { shop: SHOP, merchantEmail: "ops@emails.example" },
    });
    const first = new Date("2026-11-21T15:00:00Z");
    await failingRenewals(first, "INSUFFICIENT_INVENTORY");
    expect((await tick(first)).emails).toEqual({ sent: 1 });
    expect(smtp.received.map((email) => [email.to, email.parsed.subject])).toEqual([[["ops@emails.example"], expect.stringMatching(/^Out of stock/)]]);
  });

  it_("collects a week's stock-outs into one digest, sent after the week", async () => {
    await db.prisma.notificationSettings.create({
      data: { shop: SHOP, inventoryNotices: "weekly" },
    });
    const first = new Date("2026-11-18T15:00:00Z"); // a Wednesday
    await failingRenewals(first, "INSUFFICIENT_INVENTORY", { count: 3 });
    const sameWeek = await tick(first);
    expect(sameWeek.events).toEqual({ "retry-scheduled": 3 });
    expect(sameWeek.emails).toEqual({});
    expect(await rows()).toEqual([
      expect.objectContaining({
        kind: "merchant-inventory-failure",
        status: "pending",
        claimedUntil: new Date("2026-11-23T14:00:00Z"),
      }),
    ]);

    // Not before Monday 09:00 in Toronto; the first tick after it sends it.
    expect((await tick(new Date("2026-11-23T13:59:00Z"))).emails).toEqual({});
    expect((await tick(new Date("2026-11-23T14:01:00Z"))).emails).toEqual({
      sent: 1,
    });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].parsed.subject).toBe("Renewals that failed for lack of stock: 3 this week");
    expect(smtp.received[0].parsed.text).toContain("From Monday, November 16, 2026 to Monday, November 23, 2026");
  });

  it_("sends a claimed email once when its claimer crashed before sending (the lease runs out)", async () => {
    const contract = simulator.subscriptions.addContract(SHOP);
    await queueAbout(contract.id, "test:crash", "subscription-paused");
    // Another process claims it and dies before sending anything.
    expect(
      await claimDueEmails(db.prisma, NOW, {
        limit: 10,
        leaseMs: 5 * MINUTE,
      })
    ).toHaveLength(1);
    expect((await tick(later(MINUTE))).emails).toEqual({});
    expect(smtp.received).toHaveLength(0);
    expect((await tick(later(5 * MINUTE + 1))).emails).toEqual({ sent: 1 });
    expect((await tick(later(20 * MINUTE))).emails).toEqual({});
    expect(smtp.received).toHaveLength(1);
  });

  // A child process on the same database, on PostgreSQL only (a SQLite file shared by two processes adds nothing here).
  if (provider === "postgresql")
    it_("never sends twice when the sender is killed after the SMTP server took the message but before it was marked sent", async () => {
      await queueEmail(db.prisma, {
        shop: SHOP,
        eventKey: "test:kill",
        kind: "merchant-payment-failure",
        contractId: null,
        data: { finalAction: "cancel" },
      });
      // A tick in another process; the server holds its answer until that process is gone.
      const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "tests/support/email-process.ts")], {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: db.url,
          SMTP_URL: smtp.url,
          TICK_AT: NOW.toISOString(),
          LOG_LEVEL: "silent",
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stderr = "";
      child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk));
      const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on("exit", (code, signal) => resolve(signal ?? code)));
      const received = new Promise<void>((resolve) => {
        smtp.beforeAnswer = async () => {
          child.kill("SIGKILL");
          await exited;
          resolve();
        };
      });
      await Promise.race([received, exited.then((how) => Promise.reject(new Error(`the email process ended (${how}) before sending: ${stderr}`)))]);
      expect(await exited).toBe("SIGKILL");
      expect(smtp.received).toHaveLength(1);
      expect(await rows()).toEqual([
        expect.objectContaining({
          status: "pending",
          sentAt: null,
          sendStartedAt: expect.any(Date),
        }),
      ]);

      // Its lease runs out: the row is claimed again, found mid-send, and not sent a second time.
      expect((await tick(later(10 * MINUTE))).emails).toEqual({
        unconfirmed: 1,
      });
      expect(await rows()).toEqual([expect.objectContaining({ status: "unconfirmed" })]);
      expect((await tick(later(30 * MINUTE))).emails).toEqual({});
      expect(smtp.received).toHaveLength(1);
      expect(logged.some((entry) => entry.level === "warn" && entry.message.startsWith("email unconfirmed"))).toBe(true);
    });

  it_("keeps an email through an SMTP outage and sends it once the server is back", async () => {
    const contract = simulator.subscriptions.addContract(SHOP);
    await queueAbout(contract.id, "test:outage", "subscription-cancelled");
    await smtp.stop();
    try {
      expect((await tick(NOW)).emails).toEqual({ "will-retry": 1 });
      expect(await rows()).toEqual([
        expect.objectContaining({
          status: "pending",
          tries: 1,
          sendStartedAt: null,
          lastError: expect.stringMatching(/ECONNREFUSED|connect/i),
        }),
      ]);
      // Backing off: not tried again at once.
      expect((await tick(later(30_000))).emails).toEqual({});
      expect((await tick(later(MINUTE + 1000))).emails).toEqual({
        "will-retry": 1,
      });
    } finally {
      await smtp.listen();
    }
    // A deferral (451) is temporary too.
    smtp.answer = "defer";
    expect((await tick(later(10 * MINUTE))).emails).toEqual({
      "will-retry": 1,
    });
    smtp.answer = "accept";
    expect((await tick(later(20 * MINUTE))).emails).toEqual({ sent: 1 });
    expect(smtp.received).toHaveLength(1);
    expect(await rows()).toEqual([
      expect.objectContaining({
        status: "sent",
        tries: 4,
        lastError: null,
      }),
    ]);
  });

  it_("gives up on a message the server rejects (550), and on one still unsent after three days", async () => {
    const contract = simulator.subscriptions.addContract(SHOP);
    await queueAbout(contract.id, "test:550", "subscription-paused");
    smtp.answer = "reject";
    expect((await tick(NOW)).emails).toEqual({ failed: 1 });
    expect(await rows()).toEqual([
      expect.objectContaining({
        status: "failed",
        lastError: expect.stringMatching(/550/),
      }),
    ]);

    smtp.answer = "defer";
    await queueAbout(contract.id, "test:stale", "subscription-paused");
    // Queued at the test's clock (rows take the database's).
    await db.prisma.emailOutbox.updateMany({
      where: { eventKey: "test:stale" },
      data: { createdAt: NOW },
    });
    expect((await tick(later(MINUTE))).emails).toEqual({ "will-retry": 1 });
    expect((await tick(later(EMAIL_MAX_AGE_MS + MINUTE))).emails).toEqual({
      failed: 1,
    });
    expect(smtp.received).toHaveLength(0);
  });

  it_("skips what the merchant turned off, and a contract Shopify no longer has", async () => {
    const contract = simulator.subscriptions.addContract(SHOP);
    await db.prisma.notificationSettings.create({
      data: {
        shop: SHOP,
        disabledKinds: "subscription-paused,payment-failed",
      },
    });
    await queueAbout(contract.id, "test:off", "subscription-paused");
    await queueAbout(contract.id, "test:on", "subscription-resumed");
    await queueAbout("gid://shopify/SubscriptionContract/999999", "test:gone", "subscription-cancelled");
    expect((await tick(NOW)).emails).toEqual({ skipped: 2, sent: 1 });
    expect((await rows()).map((row) => [row.eventKey, row.status, row.lastError])).toEqual([
      ["test:off", "skipped", "subscription-paused is turned off in Settings"],
      ["test:on", "sent", null],
      ["test:gone", "skipped", "Shopify has no such contract"],
    ]);
    expect(smtp.received.map((email) => email.parsed.subject)).toEqual([expect.stringMatching(/is active again$/)]);
  });

  it_("customers/redact erases the customer's emails, sent or not; shop/redact erases the shop's", async () => {
    const mine = simulator.subscriptions.addContract(SHOP);
    const theirs = simulator.subscriptions.addContract(SHOP);
    await contractWebhook("pause", mine, "wh-mine");
    await contractWebhook("pause", theirs, "wh-theirs");
    await queueEmail(db.prisma, {
      shop: "other.myshopify.com",
      eventKey: "test:other",
      kind: "subscription-paused",
      customerId: mine.customerId,
    });
    const customerNumber = mine.customerId.split("/").pop();
    const redact = await receiveDelivery(db.prisma, [customersRedact], {
      topic: "customers/redact",
      shop: SHOP,
      payload: {
        customer: { id: Number(customerNumber) },
        orders_to_redact: [],
      },
    });
    expect(redact.status).toBe(200);
    expect((await rows()).map((row) => row.customerId)).toEqual([theirs.customerId]);

    await db.prisma.notificationSettings.create({
      data: { shop: SHOP, replyTo: "help@emails.example" },
    });
    await db.prisma.$transaction((tx) => shopRedact.handle({ shop_domain: SHOP }, { shop: SHOP, webhookId: "wh-redact", tx, log: () => {} }));
    expect(await rows()).toEqual([]);
    expect(await db.prisma.notificationSettings.count({ where: { shop: SHOP } })).toBe(0);
    expect(
      await db.prisma.emailOutbox.count({
        where: { shop: "other.myshopify.com" },
      })
    ).toBe(1);
  });
});
