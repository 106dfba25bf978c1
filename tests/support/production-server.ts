/**
 * The production build (`npm run build`: build/start.js) as a child process,
 * on a database of the tests' choosing, with the Admin API simulator inside
 * it (simulator/register.ts) and the generated Prisma client of that
 * database's provider (provider-client-hook.ts). For the hostile-input and
 * load suites, which talk to it over real HTTP.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import type { Provider } from "../../app/db/database-url.server";
import { childProcessEnv } from "../../app/env.server";

export const BUILD = "build/start.js";

export interface ProductionServer {
  url: string;
  /** Everything the server wrote, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

export async function startProductionServer(options: {
  provider: Provider;
  databaseUrl: string;
  port: number;
  apiKey: string;
  apiSecret: string;
  env?: Record<string, string>;
}): Promise<ProductionServer> {
  if (!existsSync(BUILD)) throw new Error(`${BUILD} is missing: run npm run build first`);
  const url = `http://127.0.0.1:${options.port}`;
  let output = "";
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "--import", "./tests/support/provider-client-hook.ts", "--import", "./simulator/register.ts", BUILD],
    {
      env: childProcessEnv({
        DATABASE_URL: options.databaseUrl,
        DIRECT_URL: "",
        PRISMA_TEST_PROVIDER: options.provider,
        NODE_ENV: "production",
        PORT: String(options.port),
        HOST: "127.0.0.1",
        SHOPIFY_API_KEY: options.apiKey,
        SHOPIFY_API_SECRET: options.apiSecret,
        SHOPIFY_APP_URL: url,
        SESSION_STORAGE: "prisma",
        BILLING_SCHEDULER: "off",
        EMAIL_TRANSPORT: "log",
        LOG_LEVEL: "warn",
        ...options.env,
      }),
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await Promise.race([exited, sleep(10_000).then(() => child.kill("SIGKILL"))]);
  };
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the production server exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
    if (i === 299) {
      await stop();
      throw new Error(`the production server did not answer /healthz within 30 s:\n${output}`);
    }
  }
  // Load the app (Remix, Shopify's libraries) before the first case: /healthz answers without it.
  await fetch(`${url}/nothing-here`).catch(() => undefined);
  return { url, output: () => output, stop };
}
