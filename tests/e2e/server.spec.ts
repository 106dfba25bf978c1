import { spawn, type ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";
import { embeddedUrl } from "../../demo/session-token";
import { DEMO_SHOP } from "../../demo/session-token";
import { E2E_DATABASE_URL, E2E_PORT } from "../../playwright.config";

// The production server (server/start.ts, build/start.js) as a platform runs it: a second instance on
// the demo's build and database, with Shopify answering slowly, so a request is in flight when it is told
// to stop.
const PORT = E2E_PORT + 7;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const CREDENTIALS = { shop: DEMO_SHOP, apiKey: "demo-api-key", apiSecret: "demo-api-secret" };
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
const LATENCY_MS = 1_500;

function startServer(): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ["--import", "tsx", "--import", "./simulator/register.ts", "build/start.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DATABASE_URL: E2E_DATABASE_URL,
      DIRECT_URL: "",
      SESSION_STORAGE: "prisma",
      SHOPIFY_API_KEY: CREDENTIALS.apiKey,
      SHOPIFY_API_SECRET: CREDENTIALS.apiSecret,
      SHOPIFY_APP_URL: ORIGIN,
      SHOPIFY_SIMULATOR_DEMO: "1",
      SHOPIFY_SIMULATOR_LATENCY_MS: String(LATENCY_MS),
      BILLING_SCHEDULER: "off",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function healthy(): Promise<void> {
  await expect.poll(async () => (await fetch(`${ORIGIN}/healthz`).catch(() => null))?.status, { timeout: 20_000 }).toBe(200);
}

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  test(`${signal}: the request in flight finishes, new connections are refused, the process exits 0`, async () => {
    test.setTimeout(60_000);
    const server = startServer();
    try {
      await healthy();
      // A contracts page asks Shopify (slow here) for the list: it is in flight when the signal comes.
      const url = await embeddedUrl(ORIGIN, "/app/contracts", CREDENTIALS);
      const started = Date.now();
      const inFlight = fetch(url, { headers: { "user-agent": BROWSER } });
      await new Promise((resolve) => setTimeout(resolve, LATENCY_MS / 3));
      server.child.kill(signal);

      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("Subscription contracts");
      expect(Date.now() - started).toBeGreaterThanOrEqual(LATENCY_MS);
      await expect(fetch(`${ORIGIN}/healthz`)).rejects.toThrow();
      expect(await server.exited).toBe(0);
      expect(server.output()).toContain(`"msg":"stopped","signal":"${signal}"`);
      expect(server.output()).not.toContain("shutdown timed out");
      // Well inside the shutdown timeout: nothing waited for idle connections to time out.
      expect(Date.now() - started).toBeLessThan(LATENCY_MS + 5_000);
    } finally {
      server.child.kill("SIGKILL");
    }
  });
}

