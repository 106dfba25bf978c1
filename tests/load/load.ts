/**
 * `npm run test:load`: the production build on PostgreSQL under load, with
 * autocannon, in one run:
 * - the floor: `/benchmark/webhook-floor`, a Remix route on the same server
 *   doing Shopify's HMAC check and nothing else;
 * - webhook floods: signed billing-attempt deliveries at concurrency 50 and
 *   200, a fifth of them deliveries already sent (Shopify's retries);
 * - the admin: signed document loads and data requests.
 * It prints requests per second, p50 and p99 and the ratio to the floor, and
 * fails on any 5xx or connection error, or when the database does not hold
 * every accepted delivery's effect exactly once. Timings are reported, never
 * asserted (they depend on the machine). LOAD_DELIVERIES (default 3000)
 * sets the size of each flood; the table goes into docs/reliability.md.
 */
import { spawnSync } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import autocannon from "autocannon";
import { resolveDatabase } from "../../app/db/database-url.server";
import { createPrismaClient } from "../../app/db/database.server";
import { REQUIRED_SCOPES } from "../../app/shopify/required-scopes";
import { embeddedUrl, signSessionToken } from "../../demo/session-token";
import { createEmptyDatabase, serviceAvailable } from "../support/databases";
import { generateProviderClients, providerClient } from "../support/prisma-clients";
import { startProductionServer } from "../support/production-server";

const API_KEY = "load-api-key";
const API_SECRET = "load-api-secret";
const SHOP = "load.myshopify.com";
const DELIVERIES = Number(process.env.LOAD_DELIVERIES ?? 3000);
const REPEAT_SHARE = 0.2;
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";

interface PhaseResult {
  phase: string;
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

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

/** A billing-attempt failure delivery, signed as Shopify signs it. */
function delivery(topic: string, attempt: string, webhookId: string) {
  const body = JSON.stringify({
    admin_graphql_api_id: `gid://shopify/SubscriptionBillingAttempt/${attempt}`,
    admin_graphql_api_subscription_contract_id: "gid://shopify/SubscriptionContract/1",
    idempotency_key: attempt,
    error_code: "card_declined",
    error_message: "Your card was declined.",
  });
  return {
    method: "POST" as const,
    body,
    headers: {
      "content-type": "application/json",
      "user-agent": "Shopify-Captain-Hook",
      "x-shopify-hmac-sha256": createHmac("sha256", API_SECRET).update(body).digest("base64"),
      "x-shopify-topic": topic,
      "x-shopify-shop-domain": SHOP,
      "x-shopify-api-version": "2026-10",
      "x-shopify-webhook-id": webhookId,
      "x-shopify-triggered-at": new Date().toISOString(),
    },
  };
}

/**
 * `count` deliveries: each new one a new attempt under a new webhook id; a fifth of them a delivery
 * sent before in this flood (same id, same body), as Shopify's retries come.
 */
function flood(prefix: string, count: number) {
  const sent: Array<{ attempt: string; webhookId: string }> = [];
  const requests = [];
  for (let i = 0; i < count; i++) {
    const repeat = sent.length > 0 && (i * 7919) % 100 < REPEAT_SHARE * 100;
    const entry = repeat ? sent[(i * 104729) % sent.length] : { attempt: `${prefix}-${i}`, webhookId: randomUUID() };
    if (!repeat) sent.push(entry);
    requests.push(delivery("subscription_billing_attempts/failure", entry.attempt, entry.webhookId));
  }
  return { requests, unique: sent };
}

/**
 * Sends each of `requests` once, from `connections` connections (autocannon would loop the list on
 * every connection; one shared queue keeps each delivery to one send).
 */
async function run(phase: string, url: string, connections: number, requests: Array<Omit<autocannon.Request, "setupRequest">>): Promise<PhaseResult> {
  let next = 0;
  const take: autocannon.Request = {
    setupRequest: (request) => {
      const item = requests[next++ % requests.length];
      return { ...request, ...item, headers: { "user-agent": BROWSER, ...item.headers } } as typeof request;
    },
  };
  const result = await autocannon({ url, connections, amount: requests.length, requests: [take], timeout: 30 });
  return {
    phase,
    connections,
    requests: result.requests.total,
    rps: Math.round(result.requests.total / (result.duration || 1)),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

async function main() {
  if (!(await serviceAvailable("postgresql"))) {
    console.error("test:load needs the PostgreSQL server (see README, Testing)");
    process.exit(1);
  }
  generateProviderClients();
  const db = await createEmptyDatabase("postgresql");
  const migrated = spawnSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: db.url, DIRECT_URL: "" }, encoding: "utf8" });
  if (migrated.status !== 0) throw new Error(`prisma migrate deploy failed: ${migrated.stdout}${migrated.stderr}`);
  const prisma = createPrismaClient(resolveDatabase({ DATABASE_URL: db.url }).runtime, providerClient("postgresql"));
  const server = await startProductionServer({
    provider: "postgresql",
    databaseUrl: db.url,
    port: await freePort(),
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    env: { BENCHMARK_ROUTES: "true", LOG_LEVEL: "error", SCOPES: REQUIRED_SCOPES.join(",") },
  });
  const failures: string[] = [];
  const results: PhaseResult[] = [];
  try {
    // Install the shop (token exchange, its rows) so the admin phase measures pages, not installs.
    const install = await fetch(await embeddedUrl(server.url, "/app", { shop: SHOP, apiKey: API_KEY, apiSecret: API_SECRET }), { headers: { "user-agent": BROWSER } });
    if (install.status !== 200) throw new Error(`installing the shop answered ${install.status}:\n${server.output()}`);

    // Warm both paths (JIT, pools) outside the measurements.
    await run("warm-up", `${server.url}/benchmark/webhook-floor`, 8, flood("warm-floor", 200).requests);
    const warm = flood("warm", 200);
    await run("warm-up", `${server.url}/webhooks/subscription_billing_attempts/failure`, 8, warm.requests);
    const accepted = new Set(warm.unique.map((entry) => entry.webhookId));
    const attempts = new Set(warm.unique.map((entry) => entry.attempt));

    results.push(await run("floor: HMAC only", `${server.url}/benchmark/webhook-floor`, 64, flood("floor", DELIVERIES).requests));
    for (const connections of [50, 200]) {
      const deliveries = flood(`c${connections}`, DELIVERIES);
      const result = await run("billing-attempt webhooks", `${server.url}/webhooks/subscription_billing_attempts/failure`, connections, deliveries.requests);
      results.push(result);
      if (result.non2xx === 0 && result.errors === 0) {
        for (const entry of deliveries.unique) {
          accepted.add(entry.webhookId);
          attempts.add(entry.attempt);
        }
      }
    }

    const token = () => signSessionToken({ shop: SHOP, apiKey: API_KEY, apiSecret: API_SECRET });
    const pages = await Promise.all(
      Array.from({ length: 500 }, async () => {
        const page = new URL(await embeddedUrl(server.url, "/app/dunning", { shop: SHOP, apiKey: API_KEY, apiSecret: API_SECRET }, await token()));
        return { method: "GET" as const, path: page.pathname + page.search };
      }),
    );
    results.push(await run("admin documents (/app/dunning)", server.url, 16, pages));
    const data = await Promise.all(Array.from({ length: 1000 }, async () => ({ method: "GET" as const, path: "/app/dunning.data", headers: { authorization: `Bearer ${await token()}` } })));
    results.push(await run("admin data (/app/dunning.data)", server.url, 16, data));

    for (const result of results) {
      if (result.non2xx > 0 || result.errors > 0) failures.push(`${result.phase} at ${result.connections}: ${result.non2xx} answers that were not 2xx, ${result.errors} errors`);
    }
    // Every accepted delivery's effect, exactly once: one ProcessedWebhook per delivery id, one event per attempt.
    const processed = await prisma.processedWebhook.count({ where: { shop: SHOP } });
    const events = await prisma.billingAttemptEvent.count({ where: { shop: SHOP } });
    const distinctEvents = (await prisma.billingAttemptEvent.findMany({ where: { shop: SHOP }, select: { attemptId: true }, distinct: ["attemptId"] })).length;
    if (processed !== accepted.size) failures.push(`ProcessedWebhook has ${processed} rows for ${accepted.size} accepted deliveries`);
    if (events !== attempts.size || distinctEvents !== attempts.size) failures.push(`BillingAttemptEvent has ${events} rows (${distinctEvents} attempts) for ${attempts.size} attempts delivered`);
    console.info(`\nDatabase: ${processed} deliveries recorded for ${accepted.size} accepted; ${events} billing-attempt events for ${attempts.size} attempts.`);
  } finally {
    await server.stop();
    await prisma.$disconnect();
    await db.drop();
  }

  const floor = results.find((result) => result.phase.startsWith("floor"))!;
  const table = [
    "| Phase | Connections | Requests | Requests/s | p50 ms | p99 ms | Not 2xx | Errors | Throughput vs floor |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...results.map((result) => `| ${result.phase} | ${result.connections} | ${result.requests} | ${result.rps} | ${result.p50} | ${result.p99} | ${result.non2xx} | ${result.errors} | ${result.phase.includes("webhooks") ? `${(result.rps / floor.rps).toFixed(2)}x` : ""} |`),
  ];
  console.info(`\n${table.join("\n")}\n`);
  writeSection(table, results);
  if (failures.length > 0) {
    console.error(`test:load failed:\n- ${failures.join("\n- ")}`);
    process.exit(1);
  }
  console.info("test:load: no 5xx, no errors, every accepted delivery recorded once.");
}

function writeSection(table: string[], results: PhaseResult[]): void {
  const doc = "docs/reliability.md";
  const [start, end] = ["<!-- load:start -->", "<!-- load:end -->"];
  const current = readFileSync(doc, "utf8");
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  if (from < 0 || to < from) return;
  const webhooks = results.filter((result) => result.phase.includes("webhooks"));
  const lines = [
    start,
    `${DELIVERIES} deliveries per flood (${REPEAT_SHARE * 100}% repeated), PostgreSQL, load generator on the same machine (${new Date().toISOString().slice(0, 10)}, \`npm run test:load\`). Best webhook throughput: ${Math.max(...webhooks.map((result) => result.rps))}/s.`,
    "",
    ...table,
    end,
  ];
  writeFileSync(doc, current.slice(0, from) + lines.join("\n") + current.slice(to + end.length));
}

await main();
