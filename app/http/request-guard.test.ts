import { describe, expect, it } from "vitest";
import { guardRequest } from "./request-guard";

const shopDomain = (shop: unknown) => (typeof shop === "string" && /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(shop) ? shop : null);
const request = (method: string, url: string, headers: Record<string, string> = {}) => ({ method, url, header: (name: string) => headers[name] });

describe("guardRequest", () => {
  it.each([
    ["a page", request("GET", "/app?shop=a.myshopify.com&host=x"), null],
    ["a same-origin form post", request("POST", "/app/settings", { origin: "https://app.example.com", host: "app.example.com" }), null],
    ["a same-origin post behind a proxy", request("POST", "/app/settings", { origin: "https://app.example.com", host: "10.0.0.1:3000", "x-forwarded-host": "app.example.com" }), null],
    ["a post without Origin (Shopify's webhooks, cron callers)", request("POST", "/webhooks/compliance", { host: "app.example.com" }), null],
    ["the customer portal's CORS post", request("POST", "/customer-account/subscriptions/1/payment-method", { origin: "https://extensions.shopifycdn.com", host: "app.example.com" }), null],
    ["the CORS preflight", request("OPTIONS", "/customer-account/subscriptions/1/payment-method", { origin: "https://extensions.shopifycdn.com" }), null],
    ["TRACE", request("TRACE", "/"), 405],
    ["CONNECT", request("CONNECT", "/"), 405],
    ["an invented method", request("BREW", "/"), 405],
    ["a cross-origin form post", request("POST", "/app/settings", { origin: "https://evil.example", host: "app.example.com" }), 403],
    ["a post from an opaque origin (sandboxed frame)", request("POST", "/auth/login", { origin: "null", host: "app.example.com" }), 403],
    ["a cross-origin delete", request("DELETE", "/app/plans/1", { origin: "https://evil.example", host: "app.example.com" }), 403],
    ["a shop that is not one", request("GET", "/auth/session-token?shop=evil.example.com"), 400],
    ["CR/LF in the shop", request("GET", "/auth/session-token?shop=a.myshopify.com%0d%0aX-Evil:%201"), 400],
    ["two shops", request("GET", "/app?shop=a.myshopify.com&shop=b.myshopify.com"), 400],
    ["a NUL in a filter", request("GET", "/app/dunning?query=a%00b"), 400],
    ["a control character in a parameter's name", request("GET", "/app?a%01=1"), 400],
  ])("%s", (_name, given, status) => expect(guardRequest(given, shopDomain)?.status ?? null).toBe(status));

  it("names the methods it answers on a 405", () => {
    expect(guardRequest(request("TRACE", "/"), shopDomain)?.headers).toEqual({ allow: "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS" });
  });
});
