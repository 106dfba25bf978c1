/**
 * Loaded with `node --import tsx --import ./simulator/register.ts ...` so the
 * simulator intercepts Shopify before the app server starts (the demo and the
 * browser tests). It reads the app's own credentials from the environment,
 * and SHOPIFY_SIMULATOR_DEMO=1 gives every shop the demo plan groups.
 */
import { installGlobals } from "@remix-run/node";
import { readSimulatorEnv } from "../app/env.server";
import { startWithPatchedFetchGlobals } from "./fetch-globals";
import { startAdminApiSimulator } from "./node";

const env = readSimulatorEnv();

// The server installs the fetch classes again when it starts: MSW's patched ones must stay.
startWithPatchedFetchGlobals(
  () => installGlobals({ nativeFetch: true }),
  () =>
    startAdminApiSimulator({
      apiKey: env.SHOPIFY_API_KEY,
      apiSecret: env.SHOPIFY_API_SECRET,
      scopes: env.SCOPES,
      defaultTimezone: env.SHOPIFY_SIMULATOR_TIMEZONE,
      journalPath: env.SHOPIFY_SIMULATOR_JOURNAL,
      latencyMs: env.SHOPIFY_SIMULATOR_LATENCY_MS,
      demoData: env.SHOPIFY_SIMULATOR_DEMO,
    }),
);
console.info("Shopify Admin API simulator: answering https://*.myshopify.com/admin/* in this process");
