/**
 * Cold start: from process start to the first 200, for the production server
 * (`node build/start.js`) and, side by side in the same run, a bare Remix app
 * built the same way (Remix's Vite plugin with the same future flags, served
 * by express + @remix-run/express + compression, as remix-serve does) with
 * the same two routes in their smallest form. Ratios are ours / bare.
 *
 * - /healthz: what a platform's health check waits for. Ours reads the
 *   database (SQLite here) and its migration history; the bare one answers "ok".
 * - a signed admin request (/app/settings with a session token): Shopify's
 *   authentication and a Polaris page. The bare one renders a page.
 * - the server bundle sizes.
 *
 *   npm run bench                     (all benchmarks)
 *   tsx bench/cold-start.bench.ts     this one; BENCH_QUICK=1 for fewer rounds
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { PrismaClient } from "@prisma/client";
import { resolveDatabase } from "../app/db/database-url.server";
import { createPrismaClient } from "../app/db/database.server";
import { REQUIRED_SCOPES } from "../app/shopify/required-scopes";
import { seedDemoShop } from "../demo/seed";
import { DEMO_SHOP, embeddedUrl } from "../demo/session-token";

const QUICK = ["1", "true"].includes(process.env.BENCH_QUICK ?? "");
const ROUNDS = QUICK ? 3 : 7;
const ROOT = path.resolve(import.meta.dirname, "..");
const WORK = path.join(ROOT, ".cache/bench/cold-start");
const BARE = path.join(WORK, "bare-remix");
const DATABASE_URL = `file:${path.join(WORK, "app.sqlite")}`;
const CREDENTIALS = { shop: DEMO_SHOP, apiKey: "bench-api-key", apiSecret: "bench-api-secret" };
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
const PORT = 3390;

function run(command: string, args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
}

/** The bare app: Remix's smallest server with a health route and one page, and remix-serve's middleware. */
function writeBareApp(): void {
  rmSync(BARE, { recursive: true, force: true });
  const files: Record<string, string> = {
    // Remix finds the server runtime among package.json's dependencies; node_modules is the project's.
    "package.json": `{ "name": "bare-remix", "private": true, "type": "module", "dependencies": { "@remix-run/node": "*", "@remix-run/react": "*", "react": "*", "react-dom": "*" } }
`,
    "vite.config.ts": `import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
export default defineConfig({
  plugins: [remix({ future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_lazyRouteDiscovery: true, v3_singleFetch: true } })],
  build: { assetsInlineLimit: 0, target: "es2022" },
});
`,
    "app/root.tsx": `import { Links, Meta, Outlet, Scripts } from "@remix-run/react";
export default function App() {
  return (<html lang="en"><head><meta charSet="utf-8" /><Meta /><Links /></head><body><Outlet /><Scripts /></body></html>);
}
`,
    "app/routes/healthz.ts": `export const loader = () => new Response("ok", { headers: { "Cache-Control": "no-store" } });
`,
    "app/routes/app.settings.tsx": `import { useLoaderData } from "@remix-run/react";
export const loader = () => ({ hour: 9 });
export default function Settings() {
  const { hour } = useLoaderData<typeof loader>();
  return <p>Billing at {hour}:00</p>;
}
`,
    "server.mjs": `import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { installGlobals } from "@remix-run/node";
import compression from "compression";
import express from "express";
installGlobals({ nativeFetch: true });
const build = await import(pathToFileURL(path.resolve("build/server/index.js")).href);
const app = express();
app.disable("x-powered-by");
app.use(compression());
app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
app.use(express.static("build/client", { maxAge: "1h" }));
app.all("*", createRequestHandler({ build, mode: "production" }));
app.listen(Number(process.env.PORT), "127.0.0.1");
`,
  };
  for (const [file, body] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(BARE, file)), { recursive: true });
    writeFileSync(path.join(BARE, file), body);
  }
}

/** Starts `args` and times until `url` (from `makeUrl`) first answers 200; then stops it. */
async function timeToFirst200(args: string[], cwd: string, env: NodeJS.ProcessEnv, url: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd, env, stdio: "ignore" });
  try {
    for (;;) {
      const status = await fetch(url, { headers: { "user-agent": BROWSER } }).then(
        (response) => response.arrayBuffer().then(() => response.status),
        () => 0,
      );
      if (status === 200) return performance.now() - started;
      if (child.exitCode !== null) throw new Error(`${args.join(" ")} exited with ${child.exitCode}`);
      if (performance.now() - started > 30_000) throw new Error(`${url} did not answer 200 within 30 s (last ${status})`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kb = (file: string) => statSync(file).size / 1024;

async function main() {
  mkdirSync(WORK, { recursive: true });
  console.info("Building the app (npm run build) and the bare Remix app the same way…");
  run("npm", ["run", "--silent", "build"]);
  writeBareApp();
  run(path.join(ROOT, "node_modules/.bin/remix"), ["vite:build"], BARE);

  rmSync(path.join(WORK, "app.sqlite"), { force: true });
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL, DIRECT_URL: "", NODE_ENV: "production", PORT: String(PORT), HOST: "127.0.0.1" };
  run("npx", ["prisma", "migrate", "deploy"], ROOT, env);
  const prisma = createPrismaClient(resolveDatabase({ DATABASE_URL }).runtime, PrismaClient);
  await seedDemoShop(prisma, DEMO_SHOP, { scopes: REQUIRED_SCOPES.join(",") });
  await prisma.$disconnect();

  const origin = `http://127.0.0.1:${PORT}`;
  const appEnv: NodeJS.ProcessEnv = {
    ...env,
    SHOPIFY_API_KEY: CREDENTIALS.apiKey,
    SHOPIFY_API_SECRET: CREDENTIALS.apiSecret,
    SHOPIFY_APP_URL: origin,
    SCOPES: REQUIRED_SCOPES.join(","),
    SESSION_STORAGE: "prisma",
    BILLING_SCHEDULER: "off",
    LOG_LEVEL: "warn",
  };
  const targets = {
    health: { ours: `${origin}/healthz`, bare: `${origin}/healthz` },
    admin: { ours: "", bare: `${origin}/app/settings` },
  };
  const results: Record<"health" | "admin", { ours: number[]; bare: number[] }> = { health: { ours: [], bare: [] }, admin: { ours: [], bare: [] } };

  // Alternating rounds, so drift on the machine hits both alike.
  for (let round = 0; round < ROUNDS; round++) {
    // A fresh token each round: session tokens live a minute.
    targets.admin.ours = await embeddedUrl(origin, "/app/settings", CREDENTIALS);
    for (const kind of ["health", "admin"] as const) {
      results[kind].ours.push(await timeToFirst200(["build/start.js"], ROOT, appEnv, targets[kind].ours));
      results[kind].bare.push(await timeToFirst200(["server.mjs"], BARE, env, targets[kind].bare));
    }
  }

  const rows = [
    ["process start → first 200 on /healthz", median(results.health.ours), median(results.health.bare), "ms"],
    ["process start → first 200 on a signed admin page", median(results.admin.ours), median(results.admin.bare), "ms"],
    ["server bundle loaded before /healthz", kb(path.join(ROOT, "build/start.js")), kb(path.join(BARE, "build/server/index.js")), "kB"],
    ["server bundle (all routes)", kb(path.join(ROOT, "build/server/index.js")) + kb(path.join(ROOT, "build/start.js")), kb(path.join(BARE, "build/server/index.js")), "kB"],
  ] as const;
  console.info(`\nCold start, median of ${ROUNDS} rounds (node ${process.version}, SQLite)\n`);
  console.info("| measure | this app | bare Remix | ratio |");
  console.info("| --- | ---: | ---: | ---: |");
  for (const [name, ours, bare, unit] of rows) {
    console.info(`| ${name} | ${ours.toFixed(unit === "ms" ? 0 : 1)} ${unit} | ${bare.toFixed(unit === "ms" ? 0 : 1)} ${unit} | ${(ours / bare).toFixed(2)}x |`);
  }
  console.info(`\nAll rounds (ms): /healthz ours ${results.health.ours.map(Math.round).join(", ")}; bare ${results.health.bare.map(Math.round).join(", ")}`);
  console.info(`                 admin ours ${results.admin.ours.map(Math.round).join(", ")}; bare ${results.admin.bare.map(Math.round).join(", ")}`);
}

await main();
