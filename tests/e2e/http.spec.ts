import { expect, test } from "@playwright/test";
import { webhookHeaders } from "../support/webhooks";

// The production server over real HTTP (no browser): what Shopify, load balancers and cron callers see.

test("/healthz answers 200 while the database does", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.text()).toBe("ok");
});

test("the cron route refuses a caller without the secret", async ({ request }) => {
  expect((await request.get("/api/cron/billing-tick")).status()).toBe(401);
  expect((await request.get("/api/cron/billing-tick", { headers: { authorization: "Bearer guess-guess-guess-guess" } })).status()).toBe(401);
});

test.describe("webhooks over HTTP", () => {
  const body = JSON.stringify({ shop_id: 1, shop_domain: "http-test.myshopify.com" });
  // Signed with the demo's app secret (demo/run.ts), or forged.
  const headers = (payload: string, secret = "demo-api-secret") =>
    webhookHeaders({ topic: "shop/redact", shop: "http-test.myshopify.com", body: payload, secret });

  test("a signed delivery gets 200, a forged one 401", async ({ request }) => {
    expect((await request.post("/webhooks/compliance", { data: body, headers: headers(body) })).status()).toBe(200);
    expect((await request.post("/webhooks/compliance", { data: body, headers: headers(body, "forged") })).status()).toBe(401);
  });

  test("an oversized body gets 413 from its declared length", async ({ request }) => {
    const huge = JSON.stringify({ padding: "x".repeat(1024 * 1024 + 1) });
    expect((await request.post("/webhooks/compliance", { data: huge, headers: headers(huge) })).status()).toBe(413);
  });
});
