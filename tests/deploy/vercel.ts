/**
 * `npm run test:vercel`: builds the app as a Vercel deployment does and makes
 * the built function answer, from nothing but the files Vercel would deploy
 * with it. Not part of `npm test` (the build takes a minute or so).
 *
 * 1. Copies the project to a temporary folder: the files git would deploy
 *    (tracked and untracked, minus .gitignore'd ones such as .env and build/),
 *    and node_modules as hard links (what the build rewrites, the generated
 *    Prisma client, as real copies), so the repository's own tree is never written.
 * 2. Writes .vercel/project.json (framework remix, no install step: the
 *    dependencies are there) so `vercel build` runs offline without a login,
 *    and runs `npx vercel build` there: vercel.json's buildCommand, i.e.
 *    `npm run setup` against a fresh SQLite DATABASE_URL (generate + migrate
 *    deploy) and the Vite build with vercelPreset() (the CLI sets VERCEL=1).
 * 3. Copies each function the requests below reach out of
 *    .vercel/output/functions: the files in its .func folder plus those its
 *    .vc-config.json `filePathMap` points at, i.e. exactly the traced files,
 *    into a folder with no node_modules above it. A file the tracer missed is
 *    missing there too, as on Vercel.
 * 4. Runs the function (tests/deploy/vercel-function.ts, Vercel's Node.js
 *    launcher contract) with the Admin API simulator in its process, and checks:
 *    GET /healthz 200; an embedded admin document request with a signed session
 *    token 200 (token exchange and Admin API calls against the simulator);
 *    GET /api/cron/billing-tick 401 without the secret and 200 with
 *    `Authorization: Bearer $CRON_SECRET`, as Vercel Cron sends it; and, with
 *    the newest migration marked unapplied, /healthz 503 (the function reads
 *    prisma/<provider>/migrations).
 *
 * VERCEL_TEST_KEEP=1 keeps the temporary folder (it is kept on failure anyway).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "@libsql/client";
import { embeddedUrl } from "../../demo/session-token";
import { REQUIRED_SCOPES } from "../../app/shopify/required-scopes";

const ROOT = path.resolve(import.meta.dirname, "../..");
const LAUNCHER = path.join(import.meta.dirname, "vercel-function.ts");
const started = performance.now();
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const APP_URL = "https://subscriptions-test.vercel.app";
const CREDENTIALS = { shop: "vercel-test.myshopify.com", apiKey: "vercel-test-api-key", apiSecret: "vercel-test-api-secret" };
const CRON_SECRET = "vercel-test-cron-secret-0123456789";
// authenticate.admin answers 410 to user agents isbot calls bots (curl, headless Chrome).
const BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
// The paths requested, by the function vercel build writes for each (functions/<name>.func).
const FUNCTIONS = { healthz: "healthz", admin: "app", cron: "api/cron/billing-tick" } as const;

const work = mkdtempSync(path.join(tmpdir(), "vercel-test-"));
const project = path.join(work, "project");
const databaseFile = path.join(work, "db", "app.sqlite");
const DATABASE_URL = `file:${databaseFile}`;
const children: ChildProcess[] = [];
let passed = false;

function section(title: string) {
  console.info(`\n== ${title}`);
}

/** The project's files as a deployment from git sees them, copied. */
function copyProject() {
  const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  let count = 0;
  for (const file of new Set(listed.stdout.split("\0").filter(Boolean))) {
    if (file.startsWith(".vercel/")) continue;
    const from = path.join(ROOT, file);
    if (!existsSync(from)) continue; // deleted in the working tree
    const to = path.join(project, file);
    mkdirSync(path.dirname(to), { recursive: true });
    if (lstatSync(from).isSymbolicLink()) symlinkSync(readlinkSync(from), to);
    else copyFileSync(from, to);
    count++;
  }
  return count;
}

/**
 * node_modules as hard links, except what the build rewrites in place (real
 * copies: the generated client, which `npm run setup` regenerates, and the
 * top-level files such as npm's .package-lock.json) and caches (left out).
 */
function linkNodeModules() {
  const REWRITTEN = new Set([".prisma"]);
  const CACHES = new Set([".cache", ".vite", ".vite-temp"]);
  let count = 0;
  const walk = (from: string, to: string, link: boolean) => {
    mkdirSync(to, { recursive: true });
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      const source = path.join(from, entry.name);
      const target = path.join(to, entry.name);
      if (entry.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
      else if (entry.isDirectory()) walk(source, target, link);
      else {
        count++;
        if (!link) copyFileSync(source, target);
        else {
          try {
            linkSync(source, target);
          } catch {
            copyFileSync(source, target); // another file system
          }
        }
      }
    }
  };
  const from = path.join(ROOT, "node_modules");
  const to = path.join(project, "node_modules");
  mkdirSync(to);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (CACHES.has(entry.name)) continue;
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else if (entry.isDirectory()) walk(source, target, !REWRITTEN.has(entry.name));
    else {
      count++;
      copyFileSync(source, target);
    }
  }
  return count;
}

interface VcConfig {
  handler: string;
  runtime?: string;
  launcherType?: string;
  filePathMap?: Record<string, string>;
}

/** A function's deployed files alone: its .func folder, plus what `filePathMap` points at in the project. */
function materialize(funcDir: string, to: string) {
  const config = JSON.parse(readFileSync(path.join(funcDir, ".vc-config.json"), "utf8")) as VcConfig;
  let files = 0;
  let bytes = 0;
  const put = (source: string, target: string) => {
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(source, target);
    files++;
    bytes += statSync(source).size;
  };
  const walk = (dir: string, relative: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const source = path.join(dir, entry.name);
      const name = path.join(relative, entry.name);
      if (entry.isDirectory()) walk(source, name);
      else put(realpathSync(source), path.join(to, name));
    }
  };
  walk(funcDir, "");
  for (const [target, source] of Object.entries(config.filePathMap ?? {})) {
    put(path.isAbsolute(source) ? source : path.join(project, source), path.join(to, target));
  }
  // Nothing above the function may hold packages it would otherwise find there.
  for (let dir = path.dirname(to); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "node_modules"))) throw new Error(`${dir}/node_modules would leak into the function`);
  }
  return { config, files, bytes };
}

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; log: string }) {
  const result = spawnSync(command, args, { ...options, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: 15 * 60_000 });
  writeFileSync(options.log, `${result.stdout}\n${result.stderr}`);
  if (result.status !== 0) {
    const tail = `${result.stdout}\n${result.stderr}`.trim().split("\n").slice(-40).join("\n");
    throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal}):\n${tail}\n(full log: ${options.log})`);
  }
}

/** Starts the function; resolves with its port once it listens, and a reader of what it printed. */
async function startFunction(dir: string) {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    // What Vercel sets, and the app's settings as a project's Environment Variables give them.
    NODE_ENV: "production",
    VERCEL: "1",
    VERCEL_ENV: "production",
    TZ: "UTC",
    DATABASE_URL,
    SHOPIFY_API_KEY: CREDENTIALS.apiKey,
    SHOPIFY_API_SECRET: CREDENTIALS.apiSecret,
    SHOPIFY_APP_URL: APP_URL,
    SCOPES: REQUIRED_SCOPES.join(","),
    CRON_SECRET,
    LOG_LEVEL: "warn",
  };
  const args = process.features.typescript ? [LAUNCHER] : ["--experimental-strip-types", LAUNCHER];
  const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", ...args], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the function did not listen within 60 s:\n${output}`)), 60_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk;
      const match = /^listening (\d+)$/m.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the function exited (${code}) before listening:\n${output}`));
    });
  });
  return { child, port, output: () => output };
}

async function main() {
  section("Project copy");
  let t = performance.now();
  const files = copyProject();
  const modules = linkNodeModules();
  mkdirSync(path.join(project, ".vercel"));
  writeFileSync(
    path.join(project, ".vercel", "project.json"),
    JSON.stringify({ projectId: "prj_test", orgId: "team_test", settings: { framework: "remix", installCommand: "" } }),
  );
  mkdirSync(path.dirname(databaseFile));
  console.info(`${files} project files, ${modules} node_modules files (linked) in ${work}: ${seconds(performance.now() - t)}`);

  section("vercel build");
  const buildEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL, VERCEL_TELEMETRY_DISABLED: "1", NO_UPDATE_NOTIFIER: "1" };
  for (const name of Object.keys(buildEnv)) {
    if (/^(VERCEL_(?!TELEMETRY)|NOW_)|^VERCEL$|^(DIRECT_URL|TURSO_AUTH_TOKEN|NODE_ENV)$/.test(name)) delete buildEnv[name];
  }
  t = performance.now();
  run("npx", ["--no-install", "vercel", "build", "--yes"], { cwd: project, env: buildEnv, log: path.join(work, "vercel-build.log") });
  const buildMs = performance.now() - t;
  console.info(`vercel build took ${seconds(buildMs)} (log: ${path.join(work, "vercel-build.log")})`);

  section("Functions");
  const outputDir = path.join(project, ".vercel", "output");
  const functionsDir = path.join(outputDir, "functions");
  const byRealPath = new Map<string, string>();
  const functionOf: Record<keyof typeof FUNCTIONS, string> = { healthz: "", admin: "", cron: "" };
  for (const [key, name] of Object.entries(FUNCTIONS) as Array<[keyof typeof FUNCTIONS, string]>) {
    const funcDir = path.join(functionsDir, `${name}.func`);
    if (!existsSync(funcDir)) throw new Error(`vercel build wrote no function for /${name} (${funcDir})`);
    const real = realpathSync(funcDir);
    if (!byRealPath.has(real)) byRealPath.set(real, `function-${byRealPath.size}`);
    functionOf[key] = real;
  }
  const crons = (JSON.parse(readFileSync(path.join(outputDir, "config.json"), "utf8")) as { crons?: Array<{ path: string }> }).crons ?? [];
  if (!crons.some((cron) => cron.path === "/api/cron/billing-tick")) throw new Error(`the build output schedules no billing tick: ${JSON.stringify(crons)}`);

  const running = new Map<string, Awaited<ReturnType<typeof startFunction>>>();
  for (const [real, name] of byRealPath) {
    const dir = path.join(work, name);
    const { config, files: count, bytes } = materialize(real, dir);
    console.info(`${path.relative(functionsDir, real)}: ${config.runtime}, handler ${config.handler}, ${count} files, ${(bytes / 1e6).toFixed(1)} MB`);
    t = performance.now();
    running.set(real, await startFunction(dir));
    console.info(`  listening after ${seconds(performance.now() - t)}`);
  }

  section("Requests");
  const failures: string[] = [];
  const call = async (key: keyof typeof FUNCTIONS, label: string, url: string, expected: number, headers: Record<string, string> = {}) => {
    const fn = running.get(functionOf[key])!;
    const target = new URL(url, APP_URL);
    const begun = performance.now();
    const response = await fetch(`http://127.0.0.1:${fn.port}${target.pathname}${target.search}`, {
      // As Vercel's proxy forwards a request for the deployment's domain.
      headers: { "user-agent": BROWSER, "x-forwarded-host": target.host, "x-forwarded-proto": "https", ...headers },
      redirect: "manual",
    });
    const body = await response.text();
    const ms = (performance.now() - begun).toFixed(0);
    const ok = response.status === expected;
    console.info(`${ok ? "ok  " : "FAIL"} ${label}: ${response.status} (expected ${expected}, ${ms} ms)`);
    if (!ok) failures.push(`${label}: ${response.status} ${body.slice(0, 300)}`);
    return { response, body };
  };

  await call("healthz", "GET /healthz", "/healthz", 200);
  const admin = await call("admin", "GET /app, signed embedded admin request", await embeddedUrl(APP_URL, "/app", CREDENTIALS), 200);
  if (admin.response.status === 200 && !admin.body.includes(CREDENTIALS.apiKey)) failures.push("GET /app: the page does not carry the app's API key for App Bridge");
  await call("cron", "GET /api/cron/billing-tick without the secret", "/api/cron/billing-tick", 401);
  const tick = await call("cron", "GET /api/cron/billing-tick with Authorization: Bearer $CRON_SECRET", "/api/cron/billing-tick", 200, {
    authorization: `Bearer ${CRON_SECRET}`,
  });
  if (tick.response.status === 200 && !Array.isArray((JSON.parse(tick.body) as { ticks?: unknown }).ticks)) failures.push(`billing tick: unexpected body ${tick.body}`);

  // /healthz only notices a pending migration if the function has the migration folders.
  const db = createClient({ url: DATABASE_URL });
  await db.execute("DELETE FROM _prisma_migrations WHERE migration_name = (SELECT MAX(migration_name) FROM _prisma_migrations)");
  db.close();
  await call("healthz", "GET /healthz with the newest migration unapplied", "/healthz", 503);

  for (const [, fn] of running) {
    const exited = new Promise<number | null>((resolve) => fn.child.once("exit", resolve));
    fn.child.kill("SIGTERM");
    const code = await exited;
    if (code !== 0) failures.push(`the function exited with ${code} (simulator faults?)`);
  }

  if (failures.length > 0) {
    for (const fn of running.values()) console.error(`\n--- function output ---\n${fn.output().trim().split("\n").slice(-60).join("\n")}`);
    throw new Error(`${failures.length} check(s) failed:\n- ${failures.join("\n- ")}`);
  }
  passed = true;
  console.info(`\nPassed. vercel build: ${seconds(buildMs)}; whole test: ${seconds(performance.now() - started)}`);
}

try {
  await main();
} catch (error) {
  console.error(`\n${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  if (passed && process.env.VERCEL_TEST_KEEP !== "1") rmSync(work, { recursive: true, force: true });
  else console.info(`Kept ${work}`);
}
