/**
 * Loaded with `node --import tsx --import ./simulator/register.ts ...` so the
 * simulator intercepts Shopify before the app server starts (the demo and the
 * browser tests). It reads the app's own credentials from the environment.
 */
import { readSimulatorEnv } from "../app/env.server";
import { startAdminApiSimulator } from "./node";

const env = readSimulatorEnv();

startAdminApiSimulator({
  apiKey: env.SHOPIFY_API_KEY,
  apiSecret: env.SHOPIFY_API_SECRET,
  scopes: env.SCOPES,
  defaultTimezone: env.SHOPIFY_SIMULATOR_TIMEZONE,
  journalPath: env.SHOPIFY_SIMULATOR_JOURNAL,
  latencyMs: env.SHOPIFY_SIMULATOR_LATENCY_MS,
});
console.info("Shopify Admin API simulator: answering https://*.myshopify.com/admin/* in this process");
