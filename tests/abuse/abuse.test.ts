/**
 * `npm run test:abuse`: hostile input against the production build, over
 * real HTTP, on SQLite and on PostgreSQL. Every case says what answer it
 * must get (a status, or a class), and is checked for three things:
 * - that answer, and never a 5xx;
 * - every row of every table afterwards, against the rows before: the same,
 *   or changed exactly as the case says (a valid delivery adds its rows);
 * - the server still answers /healthz.
 * The results table in docs/reliability.md is rewritten from the run
 * (tests/abuse/results.ts).
 */
import { spawnSync } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import { createServer } from "node:net";
import { Prisma, type PrismaClient } from "@prisma/client";
import { getJwt } from "@shopify/shopify-api/test-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Provider } from "../../app/db/database-url.server";
import { resolveDatabase } from "../../app/db/database-url.server";
import { createPrismaClient } from "../../app/db/database.server";
import { embeddedUrl } from "../../demo/session-token";
import { createEmptyDatabase, type EmptyDatabase } from "../support/databases";
import { providerClient } from "../support/prisma-clients";
import { startProductionServer, type ProductionServer } from "../support/production-server";
import { providerCases } from "../support/providers";
import { webhookHeaders } from "../support/webhooks";
import { recordResults, type CaseResult } from "./results";

const API_KEY = "abuse-api-key";
const API_SECRET = "abuse-api-secret";
const CRON_SECRET = "abuse-cron-secret-0123456789abcdef";
const SHOP = "abuse.myshopify.com";
const OTHER_SHOP = "abuse-other.myshopify.com";
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";

// --- HTTP ----------------------------------------------------------------------------------------

interface Sent {
  method?: string;
  path: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  /** Send the body in chunks without Content-Length. */
  chunked?: boolean;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request with Node's own client: any method, repeated headers, bodies without a length. */
function send(base: string, sent: Sent): Promise<Answer> {
  // The path goes out exactly as written ("//evil.example.com/" included), to the server's host.
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: url.hostname, port: url.port, method: sent.method ?? "GET", path: sent.path, headers: { "user-agent": BROWSER, ...sent.headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    if (sent.chunked && sent.body) {
      const body = Buffer.from(sent.body);
      for (let offset = 0; offset < body.length; offset += 64 * 1024) request.write(body.subarray(offset, offset + 64 * 1024));
    } else if (sent.body !== undefined) {
      request.setHeader("content-length", Buffer.byteLength(sent.body));
      request.write(sent.body);
    }
    request.end();
  });
}

// --- Signing ---------------------------------------------------------------------------------------

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

/** A session token as the admin signs it, with claims overridden. */
async function adminToken(shop: string, claims: Record<string, unknown> = {}, secret = API_SECRET): Promise<string> {
  return (await getJwt(shop.replace(/\.myshopify\.com$/, ""), API_KEY, secret, claims)).token;
}

/** A token signed by hand: another algorithm, or none. */
function handToken(header: Record<string, unknown>, claims: Record<string, unknown>, sign: (input: string) => string): string {
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  return `${input}.${sign(input)}`;
}

function adminClaims(shop: string, overrides: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return { iss: `https://${shop}/admin`, dest: `https://${shop}`, aud: API_KEY, sub: "1", exp: now + 600, nbf: now - 5, iat: now, jti: randomUUID(), sid: randomUUID(), ...overrides };
}

function signedWebhook(topic: string, payload: unknown, options: { shop?: string; secret?: string; webhookId?: string; omit?: string[]; raw?: string } = {}): { headers: Record<string, string>; body: string } {
  const body = options.raw ?? JSON.stringify(payload);
  const headers = webhookHeaders({ topic, shop: options.shop ?? SHOP, body, secret: options.secret ?? API_SECRET, webhookId: options.webhookId, omitHeaders: options.omit });
  return { headers, body };
}

// --- Cases -------------------------------------------------------------------------------------------

type Expected = number | "2xx" | "3xx" | "4xx" | "3xx-4xx";
type Snapshot = Record<string, unknown[]>;

interface Case {
  group: "webhooks" | "session tokens" | "admin forms" | "customer portal" | "cron" | "URLs and methods";
  name: string;
  request: (context: CaseContext) => Promise<Sent> | Sent;
  expect: Expected;
  /** Rows the case may change: checks the difference itself. Left out: no row may change. */
  changes?: (before: Snapshot, after: Snapshot) => void;
  /** Checks on the answer beyond its status. */
  answer?: (answer: Answer) => void;
}

interface CaseContext {
  repeat: Map<string, Sent>;
}

const contractGid = (id: number) => `gid://shopify/SubscriptionContract/${id}`;
const contractPayload = (id: number, status = "active") => ({ admin_graphql_api_id: contractGid(id), id, status, admin_graphql_api_customer_id: "gid://shopify/Customer/1" });
const attemptPayload = (id: string) => ({ admin_graphql_api_id: `gid://shopify/SubscriptionBillingAttempt/${id}`, admin_graphql_api_subscription_contract_id: contractGid(1), error_code: "card_declined", error_message: "Declined", idempotency_key: id });

const added = (model: string, count: number) => (before: Snapshot, after: Snapshot) => {
  expect(after[model].length - before[model].length, model).toBe(count);
  for (const [name, rows] of Object.entries(after)) if (name !== model && !["ContractActivity", "DunningTracker", "EmailOutbox", "BillingAttemptEvent"].includes(name)) expect(rows, name).toEqual(before[name]);
};

const webhookPost = (path: string, signed: { headers: Record<string, string>; body: string }, extra: Partial<Sent> = {}): Sent => ({ method: "POST", path, headers: signed.headers, body: signed.body, ...extra });

const CASES: Case[] = [
  // --- Webhooks ---
  {
    group: "webhooks",
    name: "a signed delivery is processed once",
    expect: 200,
    request: (context) => {
      const sent = webhookPost("/webhooks/subscription_contracts", signedWebhook("subscription_contracts/pause", contractPayload(101, "paused"), { webhookId: "abuse-repeat-1" }));
      context.repeat.set("contract", sent);
      return sent;
    },
    changes: added("ProcessedWebhook", 1),
  },
  { group: "webhooks", name: "the same delivery again changes nothing", expect: 200, request: (context) => context.repeat.get("contract")! },
  { group: "webhooks", name: "forged signature", expect: 401, request: () => webhookPost("/webhooks/compliance", signedWebhook("shop/redact", {}, { secret: "forged" })) },
  {
    group: "webhooks",
    name: "body altered after signing",
    expect: 401,
    request: () => {
      const signed = signedWebhook("customers/redact", { orders_to_redact: [1] });
      return webhookPost("/webhooks/compliance", { ...signed, body: signed.body.replace("1", "2") });
    },
  },
  { group: "webhooks", name: "signature of an empty body sent with a body", expect: 401, request: () => webhookPost("/webhooks/compliance", { ...signedWebhook("shop/redact", {}, { raw: "" }), body: "{}" }) },
  { group: "webhooks", name: "no HMAC header", expect: "4xx", request: () => webhookPost("/webhooks/compliance", signedWebhook("shop/redact", {}, { omit: ["x-shopify-hmac-sha256"] })) },
  { group: "webhooks", name: "no topic header", expect: 400, request: () => webhookPost("/webhooks/compliance", signedWebhook("shop/redact", {}, { omit: ["x-shopify-topic"] })) },
  { group: "webhooks", name: "no shop header", expect: 400, request: () => webhookPost("/webhooks/compliance", signedWebhook("shop/redact", {}, { omit: ["x-shopify-shop-domain"] })) },
  { group: "webhooks", name: "no webhook id", expect: 400, request: () => webhookPost("/webhooks/compliance", signedWebhook("shop/redact", {}, { omit: ["x-shopify-webhook-id"] })) },
  { group: "webhooks", name: "shop header: another host", expect: 400, request: () => webhookPost("/webhooks/compliance", signedWebhook("shop/redact", {}, { shop: "evil.example.com" })) },
  { group: "webhooks", name: "shop header: lookalike domain", expect: 400, request: () => webhookPost("/webhooks/compliance", signedWebhook("shop/redact", {}, { shop: "abuse.myshopify.com.evil.io" })) },
  { group: "webhooks", name: "shop header: injection text", expect: 400, request: () => webhookPost("/webhooks/compliance", signedWebhook("shop/redact", {}, { shop: "x.myshopify.com'; DELETE FROM \"Session\";--" })) },
  { group: "webhooks", name: "shop header: Latin-1 lookalike letters", expect: 400, request: () => webhookPost("/webhooks/compliance", signedWebhook("shop/redact", {}, { shop: "ab\u00fcse.myshopify.com" })) },
  { group: "webhooks", name: "shop header: 5,000 characters", expect: 400, request: () => webhookPost("/webhooks/compliance", signedWebhook("shop/redact", {}, { shop: `${"a".repeat(5000)}.myshopify.com` })) },
  {
    group: "webhooks",
    name: "shop header: sent twice",
    expect: 400,
    request: () => {
      const signed = signedWebhook("shop/redact", {});
      return webhookPost("/webhooks/compliance", { ...signed, headers: { ...signed.headers, "x-shopify-shop-domain": [SHOP, OTHER_SHOP] } as unknown as Record<string, string> });
    },
  },
  { group: "webhooks", name: "webhook id of 10,000 characters", expect: 400, request: () => webhookPost("/webhooks/compliance", signedWebhook("shop/redact", {}, { webhookId: "w".repeat(10_000) })) },
  { group: "webhooks", name: "payload with a NUL character", expect: 400, request: () => webhookPost("/webhooks/subscription_billing_attempts/failure", signedWebhook("subscription_billing_attempts/failure", { ...attemptPayload("nul"), error_message: "a\u0000b" })) },
  { group: "webhooks", name: "payload with a NUL in a key", expect: 400, request: () => webhookPost("/webhooks/compliance", signedWebhook("customers/redact", { orders_to_redact: [], "x\u0000": 1 })) },
  { group: "webhooks", name: "malformed JSON", expect: 400, request: () => webhookPost("/webhooks/compliance", signedWebhook("shop/redact", null, { raw: '{"shop_id": 1,' })) },
  { group: "webhooks", name: "JSON that is not an object", expect: 400, request: () => webhookPost("/webhooks/subscription_contracts", signedWebhook("subscription_contracts/pause", null, { raw: '"paused"' })) },
  { group: "webhooks", name: "a JSON array", expect: 400, request: () => webhookPost("/webhooks/subscription_contracts", signedWebhook("subscription_contracts/pause", [contractPayload(1)])) },
  { group: "webhooks", name: "a UTF-8 byte-order mark before the JSON", expect: "4xx", request: () => webhookPost("/webhooks/compliance", signedWebhook("shop/redact", null, { raw: "\ufeff{}" })) },
  { group: "webhooks", name: "UTF-16 body", expect: "4xx", request: () => webhookPost("/webhooks/compliance", signedWebhook("shop/redact", null, { raw: Buffer.from("{}", "utf16le").toString("latin1") })) },
  {
    // The HMAC is over the bytes as sent; a Content-Encoding header does not change them (Shopify sends none).
    group: "webhooks",
    name: "gzip declared, plain JSON sent: the signed bytes count",
    expect: 200,
    request: () => {
      const signed = signedWebhook("customers/redact", { orders_to_redact: [] });
      return webhookPost("/webhooks/compliance", { ...signed, headers: { ...signed.headers, "content-encoding": "gzip" } });
    },
    changes: added("ProcessedWebhook", 1),
  },
  { group: "webhooks", name: "oversized body, declared length", expect: 413, request: () => webhookPost("/webhooks/compliance", signedWebhook("shop/redact", { padding: "x".repeat(1024 * 1024) })) },
  { group: "webhooks", name: "oversized body, chunked", expect: 413, request: () => webhookPost("/webhooks/compliance", signedWebhook("shop/redact", { padding: "x".repeat(2 * 1024 * 1024) }), { chunked: true }) },
  { group: "webhooks", name: "a topic posted to another topic's route", expect: 400, request: () => webhookPost("/webhooks/compliance", signedWebhook("app/uninstalled", {})) },
  { group: "webhooks", name: "a topic nobody handles", expect: 400, request: () => webhookPost("/webhooks/subscription_contracts", signedWebhook("orders/create", { id: 1 })) },
  { group: "webhooks", name: "payload naming another shop than its header", expect: 400, request: () => webhookPost("/webhooks/compliance", signedWebhook("shop/redact", { shop_id: 2, shop_domain: OTHER_SHOP })) },
  { group: "webhooks", name: "contract id that is not a contract GID", expect: 400, request: () => webhookPost("/webhooks/subscription_contracts", signedWebhook("subscription_contracts/pause", { ...contractPayload(1), admin_graphql_api_id: "gid://shopify/Order/1" })) },
  { group: "webhooks", name: "billing attempt id of 10,000 characters", expect: 400, request: () => webhookPost("/webhooks/subscription_billing_attempts/failure", signedWebhook("subscription_billing_attempts/failure", attemptPayload("9".repeat(10_000)))) },
  { group: "webhooks", name: "billing attempt without its contract", expect: 400, request: () => webhookPost("/webhooks/subscription_billing_attempts/failure", signedWebhook("subscription_billing_attempts/failure", { admin_graphql_api_id: "gid://shopify/SubscriptionBillingAttempt/1" })) },
  { group: "webhooks", name: "GET on a webhook route", expect: "4xx", request: () => ({ path: "/webhooks/compliance" }) },
  {
    group: "webhooks",
    name: "a valid delivery replayed with the other shop's header",
    expect: 401,
    request: () => {
      const signed = signedWebhook("customers/redact", { orders_to_redact: [1] });
      return webhookPost("/webhooks/compliance", { ...signed, headers: { ...signed.headers, "x-shopify-shop-domain": OTHER_SHOP, "x-shopify-hmac-sha256": createHmac("sha256", "guess").update(signed.body).digest("base64") } });
    },
  },

  // --- Session tokens (admin pages) ---
  { group: "session tokens", name: "a valid token opens the page", expect: 200, request: async () => ({ path: pathOf(await embeddedUrl("http://x", "/app/settings", credentials(SHOP), await adminToken(SHOP))) }) },
  { group: "session tokens", name: "signed with another secret", expect: "3xx-4xx", request: async () => ({ path: pathOf(await embeddedUrl("http://x", "/app/settings", credentials(SHOP), await adminToken(SHOP, {}, "not-the-secret"))) }) },
  {
    group: "session tokens",
    name: "alg none",
    expect: "3xx-4xx",
    request: async () => ({ path: pathOf(await embeddedUrl("http://x", "/app/settings", credentials(SHOP), handToken({ alg: "none", typ: "JWT" }, adminClaims(SHOP), () => ""))) }),
  },
  {
    group: "session tokens",
    name: "alg HS512 with the app secret (algorithm confusion)",
    expect: "3xx-4xx",
    request: async () => ({
      path: pathOf(await embeddedUrl("http://x", "/app/settings", credentials(SHOP), handToken({ alg: "HS512", typ: "JWT" }, adminClaims(SHOP), (input) => createHmac("sha512", API_SECRET).update(input).digest("base64url")))),
    }),
  },
  {
    group: "session tokens",
    name: "expired",
    expect: "3xx-4xx",
    request: async () => {
      const now = Math.floor(Date.now() / 1000);
      return { path: pathOf(await embeddedUrl("http://x", "/app/settings", credentials(SHOP), await adminToken(SHOP, { exp: now - 300, nbf: now - 900, iat: now - 900 }))) };
    },
  },
  {
    group: "session tokens",
    name: "not valid yet",
    expect: "3xx-4xx",
    request: async () => {
      const now = Math.floor(Date.now() / 1000);
      return { path: pathOf(await embeddedUrl("http://x", "/app/settings", credentials(SHOP), await adminToken(SHOP, { nbf: now + 3600, exp: now + 7200 }))) };
    },
  },
  { group: "session tokens", name: "another app's audience", expect: "3xx-4xx", request: async () => ({ path: pathOf(await embeddedUrl("http://x", "/app/settings", credentials(SHOP), await adminToken(SHOP, { aud: "another-app" }))) }) },
  { group: "session tokens", name: "garbage instead of a token", expect: "3xx-4xx", request: async () => ({ path: pathOf(await embeddedUrl("http://x", "/app/settings", credentials(SHOP), "not.a.token")) }) },
  {
    group: "session tokens",
    name: "a bearer token that is not a JWT, on a data request",
    expect: "4xx",
    request: () => ({ path: "/app/settings.data", headers: { authorization: "Bearer garbage" } }),
  },
  {
    group: "session tokens",
    name: "another shop's token with this shop's contract id in the URL",
    expect: 404,
    request: async () => ({ path: "/app/contracts/101.data", headers: { authorization: `Bearer ${await adminToken(OTHER_SHOP)}` } }),
    answer: (answer) => expect(answer.body).not.toContain(marker(SHOP)),
  },
  {
    group: "session tokens",
    name: "another shop's token with this shop's contract id in a form",
    expect: "4xx",
    request: async () => formPost("/app/contracts/101.data", await adminToken(OTHER_SHOP), { intent: "pause" }),
  },
  {
    group: "session tokens",
    name: "another shop's token asking for this shop's shop parameter",
    expect: "2xx",
    request: async () => ({ path: `/app/dunning.data?shop=${SHOP}`, headers: { authorization: `Bearer ${await adminToken(OTHER_SHOP)}` } }),
    answer: (answer) => expect(answer.body).not.toContain(marker(SHOP)),
  },

  // --- Admin forms ---
  { group: "admin forms", name: "billing hour 25", expect: 400, request: async () => formPost("/app/settings.data", await adminToken(SHOP), settingsForm({ hour: "25" })) },
  { group: "admin forms", name: "billing hour -1", expect: 400, request: async () => formPost("/app/settings.data", await adminToken(SHOP), settingsForm({ hour: "-1" })) },
  { group: "admin forms", name: "billing hour not a number", expect: 400, request: async () => formPost("/app/settings.data", await adminToken(SHOP), settingsForm({ hour: "seven" })) },
  { group: "admin forms", name: "a time zone that does not exist", expect: 400, request: async () => formPost("/app/settings.data", await adminToken(SHOP), settingsForm({ timezone: "Mars/Base" })) },
  { group: "admin forms", name: "retry attempts of a million", expect: 400, request: async () => formPost("/app/settings.data", await adminToken(SHOP), settingsForm({ retryAttempts: "1000000" })) },
  { group: "admin forms", name: "a final action that does not exist", expect: 400, request: async () => formPost("/app/settings.data", await adminToken(SHOP), settingsForm({ onFailure: "refund-everything" })) },
  { group: "admin forms", name: "markup as the reply-to address", expect: 400, request: async () => formPost("/app/settings.data", await adminToken(SHOP), { intent: "notifications", replyTo: "<script>alert(1)</script>" }) },
  { group: "admin forms", name: "a 300,000-character field", expect: "4xx", request: async () => formPost("/app/settings.data", await adminToken(SHOP), settingsForm({ timezone: "x".repeat(300_000) })) },
  {
    group: "admin forms",
    name: "a broken multipart body",
    expect: 400,
    request: async () => ({ method: "POST", path: "/app/settings.data", headers: { authorization: `Bearer ${await adminToken(SHOP)}`, "content-type": "multipart/form-data; boundary=zzz" }, body: "--zzz\r\nnot a part" }),
  },
  {
    group: "admin forms",
    name: "JSON where a form is expected",
    expect: 400,
    request: async () => ({ method: "POST", path: "/app/settings.data", headers: { authorization: `Bearer ${await adminToken(SHOP)}`, "content-type": "application/json" }, body: '{"hour": 7}' }),
  },
  { group: "admin forms", name: "a contract action that does not exist", expect: "4xx", request: async () => formPost("/app/contracts/1.data", await adminToken(SHOP), { intent: "delete-everything" }) },
  { group: "admin forms", name: "a contract id that is not a number", expect: "4xx", request: async () => ({ path: "/app/contracts/abc.data", headers: { authorization: `Bearer ${await adminToken(SHOP)}` } }) },
  { group: "admin forms", name: "a NUL in the dunning filter", expect: 400, request: async () => ({ path: "/app/dunning.data?query=a%00b", headers: { authorization: `Bearer ${await adminToken(SHOP)}` } }) },
  { group: "admin forms", name: "a cross-origin form post", expect: 403, request: async () => ({ ...formPost("/app/settings", await adminToken(SHOP), settingsForm({})), headers: { authorization: `Bearer ${await adminToken(SHOP)}`, "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" } }) },

  // --- Customer portal ---
  { group: "customer portal", name: "no token", expect: 401, request: () => ({ path: "/customer-account/subscriptions/1/payment-method" }) },
  { group: "customer portal", name: "a forged customer token", expect: 401, request: async () => ({ path: "/customer-account/subscriptions/1/payment-method", headers: { authorization: `Bearer ${await adminToken(SHOP, { sub: "gid://shopify/Customer/1", dest: SHOP }, "forged")}` } }) },
  { group: "customer portal", name: "a staff (admin) token", expect: 401, request: async () => ({ path: "/customer-account/subscriptions/1/payment-method", headers: { authorization: `Bearer ${await adminToken(SHOP)}` } }) },
  { group: "customer portal", name: "an id that is not a number", expect: 404, request: async () => ({ path: "/customer-account/subscriptions/..%2f..%2fapp/payment-method", headers: { authorization: `Bearer ${await adminToken(SHOP, { sub: "gid://shopify/Customer/1", dest: SHOP })}` } }) },
  { group: "customer portal", name: "PUT", expect: 405, request: async () => ({ method: "PUT", path: "/customer-account/subscriptions/1/payment-method", headers: { authorization: `Bearer ${await adminToken(SHOP, { sub: "gid://shopify/Customer/1", dest: SHOP })}` } }) },
  { group: "customer portal", name: "the CORS preflight", expect: 204, request: () => ({ method: "OPTIONS", path: "/customer-account/subscriptions/1/payment-method", headers: { origin: "https://extensions.shopifycdn.com", "access-control-request-method": "POST" } }) },

  // --- Cron ---
  { group: "cron", name: "no secret", expect: 401, request: () => ({ path: "/api/cron/billing-tick" }) },
  { group: "cron", name: "a wrong secret", expect: 401, request: () => ({ path: "/api/cron/billing-tick", headers: { authorization: "Bearer guess-guess-guess-guess" } }) },
  { group: "cron", name: "the secret in the query string", expect: 401, request: () => ({ path: `/api/cron/billing-tick?secret=${CRON_SECRET}` }) },
  { group: "cron", name: "a prefix of the secret", expect: 401, request: () => ({ path: "/api/cron/billing-tick", headers: { authorization: `Bearer ${CRON_SECRET.slice(0, -1)}` } }) },
  { group: "cron", name: "a 16 KB authorization header", expect: "4xx", request: () => ({ path: "/api/cron/billing-tick", headers: { authorization: `Bearer ${"x".repeat(16_000)}` } }) },
  { group: "cron", name: "a cross-origin POST", expect: 403, request: () => ({ method: "POST", path: "/api/cron/billing-tick", headers: { origin: "https://evil.example" }, body: "" }) },

  // --- URLs and methods ---
  { group: "URLs and methods", name: "TRACE", expect: 405, request: () => ({ method: "TRACE", path: "/" }) },
  { group: "URLs and methods", name: "an invented method (Node's parser refuses it)", expect: "4xx", request: () => ({ method: "BREW", path: "/app" }) },
  { group: "URLs and methods", name: "OPTIONS on a page", expect: "4xx", request: () => ({ method: "OPTIONS", path: "/app" }) },
  { group: "URLs and methods", name: "a bad percent-escape", expect: 400, request: () => ({ path: "/app/%ZZ" }) },
  { group: "URLs and methods", name: "a NUL in the path", expect: "4xx", request: () => ({ path: "/app/%00" }) },
  { group: "URLs and methods", name: "path traversal", expect: "4xx", request: () => ({ path: "/..%2f..%2fetc%2fpasswd" }) },
  { group: "URLs and methods", name: "a protocol-relative path", expect: "4xx", request: () => ({ path: "//evil.example.com/" }) },
  { group: "URLs and methods", name: "a 20,000-character URL", expect: "4xx", request: () => ({ path: `/app?${"a".repeat(20_000)}` }) },
  { group: "URLs and methods", name: "CR/LF in the bounce page's shop", expect: 400, request: () => ({ path: "/auth/session-token?shop=abuse.myshopify.com%0d%0aX-Evil:%201&shopify-reload=/app" }) },
  {
    group: "URLs and methods",
    name: "the bounce page for another host",
    expect: 400,
    request: () => ({ path: "/auth/session-token?shop=evil.example.com&shopify-reload=/app" }),
  },
  { group: "URLs and methods", name: "exit-iframe to an untrusted destination", expect: 400, request: () => ({ path: `/auth/exit-iframe?shop=${SHOP}&host=YWRtaW4uc2hvcGlmeS5jb20vc3RvcmUvYWJ1c2U&exitIframe=https%3A%2F%2Fevil.example.com%2F` }) },
  { group: "URLs and methods", name: "two shop parameters", expect: 400, request: () => ({ path: `/app?shop=${SHOP}&shop=${OTHER_SHOP}` }) },
  { group: "URLs and methods", name: "a page that does not exist", expect: 404, request: () => ({ path: "/wp-admin/install.php" }) },
  { group: "URLs and methods", name: "login framed by another site", expect: 200, request: () => ({ path: "/auth/login" }), answer: (answer) => expect([answer.headers["content-security-policy"], answer.headers["x-frame-options"]]).toEqual(["frame-ancestors 'none'", "DENY"]) },
  { group: "URLs and methods", name: "a cross-origin login post", expect: 403, request: () => ({ method: "POST", path: "/auth/login", headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" }, body: `shop=${SHOP}` }) },
  { group: "URLs and methods", name: "a login for a shop that is not one", expect: "2xx", request: () => ({ method: "POST", path: "/auth/login", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "shop=evil.example.com%0d%0a" }) },
  { group: "URLs and methods", name: "POST to /healthz", expect: "4xx", request: () => ({ method: "POST", path: "/healthz", body: "" }) },
];

const pathOf = (url: string) => {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
};
const credentials = (shop: string) => ({ shop, apiKey: API_KEY, apiSecret: API_SECRET });

function formPost(path: string, token: string, fields: Record<string, string>): Sent {
  return { method: "POST", path, headers: { authorization: `Bearer ${token}`, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() };
}

function settingsForm(overrides: Record<string, string>): Record<string, string> {
  return { hour: "9", timezone: "America/Toronto", active: "on", retryAttempts: "3", daysBetweenRetryAttempts: "2", onFailure: "cancel", inventoryRetryAttempts: "3", inventoryDaysBetweenRetryAttempts: "1", inventoryOnFailure: "skip", ...overrides };
}

function classOf(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

function matches(expected: Expected, status: number): boolean {
  if (typeof expected === "number") return status === expected;
  if (expected === "3xx-4xx") return status >= 300 && status < 500;
  return classOf(status) === expected;
}

// --- The runs -------------------------------------------------------------------------------------

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function snapshot(prisma: PrismaClient): Promise<Snapshot> {
  const result: Snapshot = {};
  for (const model of Prisma.dmmf.datamodel.models) {
    const delegate = (prisma as unknown as Record<string, { findMany(args?: object): Promise<unknown[]> }>)[model.name[0].toLowerCase() + model.name.slice(1)];
    const idField = model.fields.find((field) => field.isId)?.name ?? model.fields[0].name;
    result[model.name] = await delegate.findMany({ orderBy: { [idField]: "asc" } });
  }
  return result;
}

/** Text only a shop's own rows hold: another shop's answers must never contain it. */
function marker(shop: string): string {
  return `${shop.split(".")[0]}-only-marker`;
}

/** Rows for both shops in the models a hostile request could reach. */
async function seed(prisma: PrismaClient): Promise<void> {
  for (const shop of [SHOP, OTHER_SHOP]) {
    await prisma.dunningTracker.create({ data: { shop, contractId: contractGid(101), billingCycleIndex: 2, failureReason: marker(shop), nextAttemptAt: new Date("2030-01-01T00:00:00Z") } });
    await prisma.contractActivity.create({ data: { shop, contractId: contractGid(101), actor: "merchant", action: "pause", outcome: "succeeded", detail: marker(shop) } });
  }
}

const PROVIDERS = providerCases().filter(({ provider }) => provider === "sqlite" || provider === "postgresql");
const results: CaseResult[] = [];
afterAll(() => recordResults(results, CASES.length * PROVIDERS.filter(({ available }) => available).length));

describe.each(PROVIDERS)("hostile input on $provider", ({ provider, available }) => {
  let db: EmptyDatabase;
  let prisma: PrismaClient;
  let server: ProductionServer;

  beforeAll(async () => {
    if (!available) return;
    db = await createEmptyDatabase(provider as Provider);
    // As `npm run setup` does: the CLI records the history that /healthz checks.
    const migrated = spawnSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: db.url, DIRECT_URL: "" }, encoding: "utf8", timeout: 60_000 });
    if (migrated.status !== 0) throw new Error(`prisma migrate deploy failed: ${migrated.stdout}${migrated.stderr}`);
    prisma = createPrismaClient(resolveDatabase({ DATABASE_URL: db.url }).runtime, providerClient(provider as Provider));
    await seed(prisma);
    server = await startProductionServer({ provider: provider as Provider, databaseUrl: db.url, port: await freePort(), apiKey: API_KEY, apiSecret: API_SECRET, env: { CRON_SECRET, SCOPES: "write_products,read_purchase_options,write_purchase_options,read_own_subscription_contracts,write_own_subscription_contracts,read_customer_payment_methods,write_customers,write_orders" } });
    // Install both shops as the admin would (token exchange, the install rows), so that the cases
    // that follow start from an installed app and change nothing by authenticating.
    for (const shop of [SHOP, OTHER_SHOP]) {
      const answer = await send(server.url, { path: pathOf(await embeddedUrl(server.url, "/app", credentials(shop), await adminToken(shop))) });
      expect(answer.status, server.output()).toBe(200);
    }
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await prisma?.$disconnect();
    await db?.drop();
  });

  it.skipIf(!available).each(CASES.map((entry) => [entry.group, entry.name, entry] as const))("%s: %s", async (_group, _name, entry) => {
    const context: CaseContext = { repeat: REPEATS.get(provider) ?? new Map() };
    REPEATS.set(provider, context.repeat);
    const before = await snapshot(prisma);
    const answer = await send(server.url, await entry.request(context));
    const after = await snapshot(prisma);
    results.push({ provider, group: entry.group, name: entry.name, expected: String(entry.expect), status: answer.status });
    expect(answer.status, `${answer.body.slice(0, 300)}\n${server.output().slice(-2000)}`).toBeLessThan(500);
    expect(matches(entry.expect, answer.status), `got ${answer.status}, expected ${entry.expect}: ${answer.body.slice(0, 300)}`).toBe(true);
    if (entry.changes) entry.changes(before, after);
    else expect(after).toEqual(before);
    entry.answer?.(answer);
    expect((await send(server.url, { path: "/healthz" })).status).toBe(200);
  });
});

const REPEATS = new Map<string, Map<string, Sent>>();

export { CASES };
