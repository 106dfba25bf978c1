/**
 * `npm run demo`: the app as a merchant sees it, without a Partner account.
 * Sets up the embedded SQLite database, seeds a demo shop, builds, starts the
 * production server with the Admin API simulator loaded, and puts a small
 * proxy in front that plays the Shopify admin's part (signed session tokens,
 * App Bridge). Open the printed URL in any browser.
 *
 * Environment: the DEMO_* variables (readDemoEnv in app/env.server.ts, where
 * they are declared with their defaults). DEMO_RESET=1 starts from an empty
 * SQLite file; the browser tests use it.
 * It ignores .env on purpose: the demo never talks to a real shop.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { resolveDatabase } from "../app/db/database-url.server";
import { childProcessEnv, readDemoEnv } from "../app/env.server";
import { REQUIRED_SCOPES } from "../app/shopify/required-scopes";
import { startMailSink } from "./mail-sink";
import { EMAILS_PATH, startDemoProxy } from "./proxy";
import { DEMO_SHOP } from "./session-token";

const { DEMO_PORT: port, DEMO_APP_PORT: appPort, DEMO_SMTP_PORT: smtpPort, DEMO_DATABASE_URL, DEMO_RESET, DEMO_SKIP_BUILD } = readDemoEnv();
const appUrl = `http://localhost:${port}`;
const credentials = { shop: DEMO_SHOP, apiKey: "demo-api-key", apiSecret: "demo-api-secret" };
// What the features need: the demo shop has granted every scope the app asks for.
const scopes = REQUIRED_SCOPES.join(",");

const env = childProcessEnv({
  DATABASE_URL: DEMO_DATABASE_URL,
  DIRECT_URL: "",
  SESSION_STORAGE: "prisma",
  SHOPIFY_API_KEY: credentials.apiKey,
  SHOPIFY_API_SECRET: credentials.apiSecret,
  SHOPIFY_APP_URL: appUrl,
  SCOPES: scopes,
  SHOPIFY_SIMULATOR_TIMEZONE: "America/Toronto",
  // The demo shop's catalogue comes with two selling plan groups (simulator/plans.ts).
  SHOPIFY_SIMULATOR_DEMO: "1",
  // Emails go over SMTP to the demo's own mail server (demo/mail-sink.ts), shown at /__demo/emails.
  SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  EMAIL_FROM: "notifications@demo.example",
  EMAIL_TRANSPORT: "smtp",
});

function step(title: string, command: string, args: string[]) {
  console.info(`\n> ${title}: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { env, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`\n${title} failed (exit ${result.status}); see the output above.`);
    process.exit(result.status ?? 1);
  }
}

async function waitForHealth(child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the app server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${appPort}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error("the app server did not answer /healthz within 30 s");
}

async function main() {
  const database = resolveDatabase(env).runtime;
  if (DEMO_RESET && database.provider === "sqlite" && database.filePath) {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${database.filePath}${suffix}`, { force: true });
  }
  // The client is generated for the demo's database, then migrations applied.
  step("Database", "npm", ["run", "--silent", "setup"]);

  const { PrismaClient } = await import("@prisma/client");
  const { createPrismaClient } = await import("../app/db/database.server");
  const { seedDemoShop } = await import("./seed");
  const prisma = createPrismaClient(database, PrismaClient);
  await seedDemoShop(prisma, DEMO_SHOP, { scopes });
  await prisma.$disconnect();
  console.info(`\n> Seeded ${DEMO_SHOP}`);

  if (!DEMO_SKIP_BUILD) step("Build", "npm", ["run", "--silent", "build"]);

  const mailSink = await startMailSink(smtpPort);

  const server = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "--import",
      "./simulator/register.ts",
      "./build/start.js",
    ],
    { env: { ...env, NODE_ENV: "production", PORT: String(appPort), HOST: "127.0.0.1" }, stdio: "inherit" },
  );
  const stop = (signal: NodeJS.Signals) => {
    server.kill(signal);
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", (code) => {
    console.error(`The app server exited (${code}).`);
    process.exit(code ?? 1);
  });

  await waitForHealth(server);
  await startDemoProxy({ port, appPort, appUrl, credentials, emails: mailSink.emails });
  console.info(`
Demo ready (Shopify is simulated; nothing leaves this machine).
  Admin:   ${appUrl}/app
  Emails:  ${appUrl}${EMAILS_PATH} (the app's SMTP server is ${mailSink.url})
  Health:  ${appUrl}/healthz
  Shop:    ${DEMO_SHOP}
Press Ctrl+C to stop.`);
}

main().catch((error: unknown) => {
  console.error(`Demo failed: ${(error as Error).message}`);
  process.exit(1);
});
