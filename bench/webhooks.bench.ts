/**
 * Webhook answer times against Shopify's 5 s limit: every topic's route
 * (HMAC check, payload check, handler + ProcessedWebhook in one transaction)
 * in-process on the embedded SQLite database, with a busy history behind it
 * (10k processed deliveries, 10k billing attempts, a shop with 5k trackers to
 * erase), sequentially and with 16 deliveries at once.
 *
 *   npm run bench                 (all benchmarks)
 *   tsx bench/webhooks.bench.ts   this one; BENCH_QUICK=1 for a short run
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { loadApp, webhookRequest } from "../tests/support/app";

const QUICK = ["1", "true"].includes(process.env.BENCH_QUICK ?? "");
const ROUNDS = QUICK ? 40 : 300;
const BUDGET_MS = 5000;

type Action = (args: { request: Request; params: object; context: object }) => Promise<Response>;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  const app = await loadApp();
  const route = async (name: string) => ((await import(`../app/routes/${name}.tsx`)) as { action: Action }).action;

  // History: what a busy install accumulates.
  await app.prisma.processedWebhook.createMany({
    data: Array.from({ length: 10_000 }, (_, i) => ({ webhookId: `old-${i}`, shop: `shop-${i % 500}.myshopify.com`, topic: "APP_SCOPES_UPDATE" })),
  });
  await app.prisma.billingAttemptEvent.createMany({
    data: Array.from({ length: 10_000 }, (_, i) => ({
      shop: `shop-${i % 500}.myshopify.com`,
      topic: "subscription_billing_attempts/failure",
      attemptId: `old-attempt-${i}`,
      contractId: `gid://shopify/SubscriptionContract/${i}`,
      orderId: `gid://shopify/Order/${i}`,
      webhookId: `old-${i}`,
    })),
  });

  let attempt = 0;
  const cases: Array<{ topic: string; route: string; payload: (shop: string) => object; prepare?: (shop: string) => Promise<void> }> = [
    { topic: "app/uninstalled", route: "webhooks.app.uninstalled", payload: () => ({}) },
    { topic: "app/scopes_update", route: "webhooks.app.scopes_update", payload: () => ({ current: ["read_orders"] }) },
    {
      topic: "subscription_billing_attempts/failure",
      route: "webhooks.subscription_billing_attempts.failure",
      payload: () => ({
        admin_graphql_api_id: `gid://shopify/SubscriptionBillingAttempt/${++attempt}`,
        admin_graphql_api_subscription_contract_id: "gid://shopify/SubscriptionContract/1",
        error_code: "card_declined",
      }),
    },
    { topic: "customers/redact", route: "webhooks.compliance", payload: () => ({ orders_to_redact: [1, 2, 3], customer: { id: 1 } }) },
    {
      topic: "shop/redact",
      route: "webhooks.compliance",
      payload: (shop) => ({ shop_domain: shop }),
      prepare: async (shop) => {
        await app.prisma.dunningTracker.createMany({
          data: Array.from({ length: 5000 }, (_, i) => ({ shop, contractId: `c-${i}`, billingCycleIndex: i, failureReason: "CARD_DECLINED" })),
        });
      },
    },
  ];

  console.log(`Webhook answer times, SQLite, ${ROUNDS} deliveries per topic (ms)\n`);
  console.log("| topic | mode | p50 | p99 | max | 5 s budget / p99 |");
  console.log("| --- | --- | ---: | ---: | ---: | ---: |");
  for (const testCase of cases) {
    const action = await route(testCase.route);
    for (const concurrency of [1, 16]) {
      const rounds = testCase.prepare ? Math.min(ROUNDS, QUICK ? 4 : 10) : ROUNDS;
      const times: number[] = [];
      for (let done = 0; done < rounds; done += concurrency) {
        const shops = Array.from({ length: Math.min(concurrency, rounds - done) }, () => `bench-${randomUUID().slice(0, 8)}.myshopify.com`);
        for (const shop of shops) await testCase.prepare?.(shop);
        const batch = shops.map(async (shop) => {
          const request = webhookRequest("/webhooks", { topic: testCase.topic, shop, body: JSON.stringify(testCase.payload(shop)) });
          const start = performance.now();
          const response = await action({ request, params: {}, context: {} });
          times.push(performance.now() - start);
          if (response.status !== 200) throw new Error(`${testCase.topic} answered ${response.status}`);
        });
        await Promise.all(batch);
      }
      times.sort((a, b) => a - b);
      const p99 = percentile(times, 99);
      const mode = concurrency === 1 ? "one at a time" : `${concurrency} at once`;
      const label = testCase.prepare ? `${testCase.topic} (5k trackers)` : testCase.topic;
      console.log(
        `| ${label} | ${mode} | ${percentile(times, 50).toFixed(1)} | ${p99.toFixed(1)} | ${times.at(-1)!.toFixed(1)} | ${(BUDGET_MS / p99).toFixed(0)}x |`,
      );
    }
  }
  await app.close();
}

await main();
