/**
 * Loaded with `node --import tsx --import ./simulator/register.ts ...` so the
 * simulator intercepts Shopify before the app server starts (the demo and the
 * browser tests). It reads the app's own credentials from the environment.
 */
import { startAdminApiSimulator } from "./node";

const { SHOPIFY_API_KEY, SHOPIFY_API_SECRET } = process.env;
if (!SHOPIFY_API_KEY || !SHOPIFY_API_SECRET) {
  throw new Error("simulator/register.ts needs SHOPIFY_API_KEY and SHOPIFY_API_SECRET in the environment");
}

startAdminApiSimulator({
  apiKey: SHOPIFY_API_KEY,
  apiSecret: SHOPIFY_API_SECRET,
  scopes: process.env.SCOPES,
  defaultTimezone: process.env.SHOPIFY_SIMULATOR_TIMEZONE,
  journalPath: process.env.SHOPIFY_SIMULATOR_JOURNAL,
  latencyMs: Number(process.env.SHOPIFY_SIMULATOR_LATENCY_MS ?? 0),
});
console.info("Shopify Admin API simulator: answering https://*.myshopify.com/admin/* in this process");
