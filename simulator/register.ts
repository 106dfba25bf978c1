/**
 * Loaded with `node --import tsx --import ./simulator/register.ts ...` so the
 * simulator intercepts Shopify before the app server starts (the demo and the
 * browser tests). It reads the app's own credentials from the environment,
 * and SHOPIFY_SIMULATOR_DEMO=1 gives every shop the demo plan groups.
 */
import { installGlobals } from "@remix-run/node";
import { readSimulatorEnv } from "../app/env.server";
import { startAdminApiSimulator } from "./node";

const env = readSimulatorEnv();

/**
 * The app server (server/start.ts) installs undici's fetch classes as globals
 * and loads the build (where @shopify/shopify-api keeps the fetch it finds,
 * MSW's). Those
 * would replace the Headers, Request and Response that MSW patched, and MSW's
 * fetch then fails on every request ("inferRawHeaders(...) is not iterable").
 * So: install the same classes first, let MSW patch them, and keep the
 * patched ones when the server assigns the same classes again. Anything else
 * assigned to these globals is kept as given.
 */
const FETCH_GLOBALS = ["Headers", "Request", "Response", "fetch"] as const;
installGlobals({ nativeFetch: true });
const installed = Object.fromEntries(FETCH_GLOBALS.map((name) => [name, globalThis[name]]));

startAdminApiSimulator({
  apiKey: env.SHOPIFY_API_KEY,
  apiSecret: env.SHOPIFY_API_SECRET,
  scopes: env.SCOPES,
  defaultTimezone: env.SHOPIFY_SIMULATOR_TIMEZONE,
  journalPath: env.SHOPIFY_SIMULATOR_JOURNAL,
  latencyMs: env.SHOPIFY_SIMULATOR_LATENCY_MS,
  demoData: env.SHOPIFY_SIMULATOR_DEMO,
});

for (const name of FETCH_GLOBALS) {
  const patched = globalThis[name];
  let current: unknown = patched;
  Object.defineProperty(globalThis, name, {
    configurable: true,
    enumerable: true,
    get: () => current,
    set: (value: unknown) => {
      current = value === installed[name] ? patched : value;
    },
  });
}
console.info("Shopify Admin API simulator: answering https://*.myshopify.com/admin/* in this process");
