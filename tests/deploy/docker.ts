/**
 * `npm run test:docker`: builds the production image (Dockerfile) with podman
 * and runs it the way a container host does. Not part of `npm test` (a cold
 * build takes minutes); .ci/run runs it when podman is installed. Without
 * podman it says so and exits 0.
 *
 * 1. Builds the image (podman's layer cache makes a rebuild after a source
 *    change take about a minute) and checks its configuration: user `node`,
 *    a HEALTHCHECK on HEALTH_PATH (server/lifecycle.ts).
 * 2. SQLite on a named volume at /data (DATABASE_URL=file:/data/app.sqlite;
 *    a new volume takes the image's /data owner, uid 1000): the container
 *    migrates at start; /healthz 200; the process runs as uid 1000 and is
 *    PID 1 (node itself, so signals reach it); the image's HEALTHCHECK passes;
 *    an embedded admin page (/app, whose loaders read only the database)
 *    answers 200 to a request signed as Shopify's admin signs it, for an
 *    offline session seeded into the database with the image's own Prisma
 *    client; `podman stop` (SIGTERM) and, in a second container on the same
 *    volume, SIGINT stop it gracefully and at once, exit code 0.
 * 3. PostgreSQL (a fresh database on DOCKER_TEST_POSTGRES_URL's server): the
 *    first start applies every migration, a second start has none to apply,
 *    a third skips them (MIGRATE_ON_START=false); each must answer /healthz
 *    200, and the migrate CLI must exit at once after its last line (it used
 *    to wait 10 s for a dead timer, prisma/migrate-adapter.ts).
 * 4. Prints the image size and every timing: container start (`podman run`)
 *    to the first /healthz 200, and the stops.
 *
 * Environment: DOCKER_TEST_IMAGE (tag to build, default
 * localhost/shopify-subscriptions-app:test), DOCKER_TEST_POSTGRES_URL (a
 * server where the test may create and drop a database, default
 * postgresql://postgres@127.0.0.1:5432/postgres), DOCKER_TEST_RUNTIME (OCI
 * runtime; default runc when installed, "" for podman's default).
 */
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { REQUIRED_SCOPES } from "../../app/shopify/required-scopes";
import { embeddedUrl } from "../../demo/session-token";
import { HEALTH_PATH, type SHUTDOWN_SIGNALS } from "../../server/lifecycle";

const ROOT = path.resolve(import.meta.dirname, "../..");
const IMAGE = process.env.DOCKER_TEST_IMAGE || "localhost/shopify-subscriptions-app:test";
const POSTGRES_ADMIN_URL = process.env.DOCKER_TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const BUILD_LOG = path.join(ROOT, ".cache", "docker-build.log");
const MIGRATIONS = (provider: string) =>
  readdirSync(path.join(ROOT, "prisma", provider, "migrations"), { withFileTypes: true }).filter((entry) => entry.isDirectory()).length;

const CREDENTIALS = { shop: "docker-test.myshopify.com", apiKey: "docker-test-api-key", apiSecret: "docker-test-api-secret" };
// authenticate.admin answers 410 to user agents isbot calls bots (curl, headless Chrome).
const BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
// Generous bounds: the timings are printed, these only stop a hung test.
const START_TIMEOUT_MS = 90_000;
const BUILD_TIMEOUT_MS = 20 * 60_000;
const TOTAL_TIMEOUT_MS = 30 * 60_000;
// "At once": a signal that reached node stops it within a second or two; one
// that did not would leave `podman stop -t 30` waiting 30 s.
const STOP_BOUND_MS = 10_000;
// From the migrate CLI's last line to the server listening: node's start, well
// under a second. The dead advisory-lock timer used to add 10 s here.
const MIGRATE_EXIT_BOUND_MS = 5_000;

const started = performance.now();
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const timings: Array<[string, string]> = [];
const containers = new Set<string>();
const volumes = new Set<string>();
let database: string | undefined;
const work = mkdtempSync(path.join(tmpdir(), "docker-test-"));

function section(title: string) {
  console.info(`\n== ${title}`);
}

function check(condition: unknown, message: string, details?: string): asserts condition {
  if (!condition) throw new Error(details ? `${message}\n${details}` : message);
  console.info(`ok  ${message}`);
}

// --- podman ---------------------------------------------------------------------

type Run = { status: number | null; stdout: string; stderr: string };

/** podman's complaints about systemd timers for HEALTHCHECK: harmless where systemd does not run. */
const quiet = (stderr: string) =>
  stderr
    .split("\n")
    .filter((line) => line && !/unable to get systemd connection|healthcheck: unable to/.test(line))
    .join("\n");

function podman(args: string[], { timeoutMs = 60_000, input, allowFailure = false }: { timeoutMs?: number; input?: string; allowFailure?: boolean } = {}): Run {
  const result = spawnSync("podman", args, { encoding: "utf8", timeout: timeoutMs, input, maxBuffer: 64 * 1024 * 1024 });
  const run = { status: result.status, stdout: result.stdout ?? "", stderr: quiet(result.stderr ?? "") };
  if (!allowFailure && run.status !== 0) {
    const why = result.error ? String(result.error) : `exit ${run.status}`;
    throw new Error(`podman ${args.slice(0, 3).join(" ")} ... failed (${why}):\n${run.stderr || run.stdout}`);
  }
  return run;
}

/** The flags this sandbox's podman needs (docs: ../shared/tools/container-base.sh); harmless elsewhere. */
function runtimeFlags(): string[] {
  const runtime = process.env.DOCKER_TEST_RUNTIME ?? (spawnSync("runc", ["--version"]).status === 0 ? "runc" : "");
  return runtime ? ["--runtime", runtime] : [];
}
const ULIMITS = ["--ulimit", "nofile=20000:20000", "--ulimit", "nproc=32768:32768"];

/**
 * npm inside the build trusts the host's CA bundle (machines that reach the
 * registry through a TLS proxy): mounted for the build only, so nothing of it
 * lands in a layer.
 */
function caFlags(): string[] {
  const bundle = "/etc/ssl/certs/ca-certificates.crt";
  if (!existsSync(bundle)) return [];
  const npmrc = path.join(work, "npmrc");
  writeFileSync(npmrc, "cafile=/run/host-ca.pem\n");
  return ["-v", `${bundle}:/run/host-ca.pem:ro`, "-v", `${npmrc}:/usr/local/etc/npmrc:ro`];
}

/** Says where a missing base image comes from, before podman tries to pull it. */
function checkBaseImage() {
  const base = /^FROM\s+(\S+)/m.exec(readFileSync(path.join(ROOT, "Dockerfile"), "utf8"))?.[1];
  if (base && podman(["image", "exists", base], { allowFailure: true }).status !== 0) {
    console.info(
      `${base} is not in podman's local storage: podman will pull it. Where no image registry is reachable, ` +
        "build it first (../shared/tools/container-base.sh makes it from Debian and the npm registry).",
    );
  }
}

function build() {
  checkBaseImage();
  mkdirSync(path.dirname(BUILD_LOG), { recursive: true });
  const log = openSync(BUILD_LOG, "w");
  const args = ["build", "--format", "docker", "--network=host", ...runtimeFlags(), ...ULIMITS, ...caFlags(), "-t", IMAGE, ROOT];
  const begin = performance.now();
  const result = spawnSync("podman", args, { stdio: ["ignore", log, log], timeout: BUILD_TIMEOUT_MS });
  closeSync(log);
  const output = readFileSync(BUILD_LOG, "utf8");
  if (result.status !== 0) {
    const tail = output.split("\n").filter((line) => !/^(Copying|Writing|Storing)/.test(line)).slice(-40).join("\n");
    throw new Error(`podman build failed (${result.error ?? `exit ${result.status}`}); full log in ${BUILD_LOG}:\n${tail}`);
  }
  const cached = (output.match(/--> Using cache/g) ?? []).length;
  timings.push(["image build", `${seconds(performance.now() - begin)} (${cached} cached steps; log: ${path.relative(ROOT, BUILD_LOG)})`]);
}

type ImageConfig = { Size: number; User?: string; Config: { User?: string }; Healthcheck?: { Test?: string[] } };

function inspectImage(): ImageConfig {
  return (JSON.parse(podman(["image", "inspect", IMAGE, "--format", "json"]).stdout) as ImageConfig[])[0];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

// --- The container ----------------------------------------------------------------

type Started = { id: string; name: string; port: number; toHealthyMs: number };

async function start(name: string, env: Record<string, string>, extra: string[] = []): Promise<Started> {
  const port = await freePort();
  const variables = {
    SHOPIFY_API_KEY: CREDENTIALS.apiKey,
    SHOPIFY_API_SECRET: CREDENTIALS.apiSecret,
    SHOPIFY_APP_URL: `http://127.0.0.1:${port}`,
    SCOPES: REQUIRED_SCOPES.join(","),
    PORT: String(port),
    ...env,
  };
  const envFlags = Object.entries(variables).flatMap(([key, value]) => ["-e", `${key}=${value}`]);
  const fullName = `docker-test-${process.pid}-${name}`;
  const begin = performance.now();
  const id = podman(["run", "-d", "--name", fullName, "--network=host", ...runtimeFlags(), ...ULIMITS, ...envFlags, ...extra, IMAGE]).stdout.trim();
  containers.add(id);
  const toHealthyMs = await waitForHealth(id, port, begin);
  return { id, name: fullName, port, toHealthyMs };
}

/** Polls /healthz until 200; ms from `begin`. Fails at once when the container exits. */
async function waitForHealth(id: string, port: number, begin: number): Promise<number> {
  let last = "no answer";
  let polls = 0;
  while (performance.now() - begin < START_TIMEOUT_MS) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}${HEALTH_PATH}`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return performance.now() - begin;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = String((error as Error).cause ?? error);
    }
    if (++polls % 20 === 0 && state(id).status !== "running") {
      throw new Error(`the container exited before ${HEALTH_PATH} answered 200 (last: ${last}):\n${logs(id)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${HEALTH_PATH} did not answer 200 within ${seconds(START_TIMEOUT_MS)} (last: ${last}):\n${logs(id)}`);
}

function state(id: string): { status: string; exitCode: number } {
  const [status, exitCode] = podman(["inspect", id, "--format", "{{.State.Status}} {{.State.ExitCode}}"]).stdout.trim().split(" ");
  return { status, exitCode: Number(exitCode) };
}

function logs(id: string, { timestamps = false } = {}): string {
  const run = podman(["logs", ...(timestamps ? ["-t"] : []), id], { allowFailure: true });
  return `${run.stdout}${run.stderr}`;
}

/** Stops with `signal` (SIGTERM through `podman stop -t 30`, as a host stops it); checks it was graceful and quick. */
function stopGracefully(container: Started, signal: (typeof SHUTDOWN_SIGNALS)[number], label: string) {
  const begin = performance.now();
  if (signal === "SIGTERM") podman(["stop", "-t", "30", container.id], { timeoutMs: 60_000 });
  else {
    podman(["kill", "--signal", signal.replace(/^SIG/, ""), container.id]);
    podman(["wait", container.id], { timeoutMs: 60_000 });
  }
  const tookMs = performance.now() - begin;
  timings.push([label, seconds(tookMs)]);
  const { status, exitCode } = state(container.id);
  const output = logs(container.id);
  check(status === "exited" && exitCode === 0, `${signal}: the container exited with code 0 (${status}, ${exitCode})`, output);
  check(tookMs < STOP_BOUND_MS, `${signal}: it stopped in ${seconds(tookMs)}, not at podman's 30 s deadline`, output);
  const stopped = output.split("\n").some((line) => line.includes('"msg":"stopped"') && line.includes(`"signal":"${signal}"`));
  check(stopped, `${signal}: the server logged its graceful shutdown ("stopped", ${signal})`, output);
}

/** Checks the container's main process: node, PID 1, not root. */
function checkProcess(container: Started) {
  const uid = podman(["exec", container.id, "id", "-u"]).stdout.trim();
  check(uid === "1000", `the server runs as uid 1000 (node), not root (id -u: ${uid})`);
  const pid1 = podman(["exec", container.id, "cat", "/proc/1/cmdline"]).stdout.split("\0").filter(Boolean).join(" ");
  check(pid1 === "node build/start.js", `PID 1 is node itself, which receives the signals (PID 1: ${pid1})`);
  const health = podman(["healthcheck", "run", container.id], { allowFailure: true, timeoutMs: 30_000 });
  check(health.status === 0, "the image's HEALTHCHECK passes", `${health.stdout}${health.stderr}`);
}

/** Nothing the Prisma CLI used to print at every start (a hard-coded URL warning, npm's notices). */
function checkQuiet(container: Started) {
  const output = logs(container.id);
  const noisy = output.split("\n").filter((line) => /Hardcoding URLs|🛑|will NOT be used|npm notice|npm warn|Update available/.test(line));
  check(noisy.length === 0, "the start prints no Prisma or npm warnings", noisy.join("\n"));
}

/**
 * The migrate CLI's last line, then the server's "listening": ms between
 * them, i.e. how long the CLI took to exit plus node's start.
 */
function migrateExitMs(container: Started): number {
  const lines = logs(container.id, { timestamps: true }).split("\n");
  const at = (pattern: RegExp) => {
    const line = lines.find((candidate) => pattern.test(candidate));
    if (!line) throw new Error(`no log line matches ${pattern}:\n${lines.join("\n")}`);
    return Date.parse(line.split(" ")[0].replace(/(\.\d{3})\d*/, "$1"));
  };
  return at(/"msg":"listening"/) - at(/No pending migrations to apply|All migrations have been successfully applied/);
}

// --- The database ----------------------------------------------------------------

/** Stores an offline session for the test shop with the image's own Prisma client, as the app's token exchange would. */
async function seedSession(container: Started, databaseUrl: string) {
  const session = {
    id: `offline_${CREDENTIALS.shop}`,
    shop: CREDENTIALS.shop,
    state: "",
    isOnline: false,
    scope: REQUIRED_SCOPES.join(","),
    accessToken: "shpat_docker_test",
  };
  // Run by the image's node in /app: @prisma/client is the client the entrypoint linked for DATABASE_URL.
  const script = `
    const { PrismaClient } = await import("@prisma/client");
    const url = process.env.SEED_DATABASE_URL;
    const adapter = url.startsWith("file:")
      ? new (await import("@prisma/adapter-libsql")).PrismaLibSQL({ url })
      : new (await import("@prisma/adapter-pg")).PrismaPg({ connectionString: url });
    const prisma = new PrismaClient({ adapter });
    const session = JSON.parse(process.env.SEED_SESSION);
    await prisma.session.upsert({ where: { id: session.id }, create: session, update: session });
    await prisma.$disconnect();
  `;
  const args = ["exec", "-i", "-e", `SEED_DATABASE_URL=${databaseUrl}`, "-e", `SEED_SESSION=${JSON.stringify(session)}`, container.id];
  for (let attempt = 1; ; attempt++) {
    // SQLite: the server may hold the write lock for a moment (its first billing tick).
    const run = podman([...args, "node", "--input-type=module", "-"], { input: script, allowFailure: true });
    if (run.status === 0) return;
    if (attempt === 3) throw new Error(`seeding the session failed:\n${run.stderr || run.stdout}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** An embedded admin page, as the admin iframe loads it: session token signed with the app's secret. */
async function checkAdminPage(container: Started) {
  const url = await embeddedUrl(`http://127.0.0.1:${container.port}`, "/app", CREDENTIALS);
  const response = await fetch(url, { headers: { "User-Agent": BROWSER }, redirect: "manual", signal: AbortSignal.timeout(30_000) });
  const body = await response.text();
  check(
    response.status === 200 && body.includes(CREDENTIALS.shop),
    `a signed admin request (GET /app, session token, desktop user agent) answers 200 for ${CREDENTIALS.shop} (${response.status})`,
    `${body.slice(0, 500)}\n${logs(container.id)}`,
  );
}

async function createDatabase(): Promise<string> {
  const name = `docker_test_${process.pid}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`PostgreSQL at ${POSTGRES_ADMIN_URL} is not reachable (set DOCKER_TEST_POSTGRES_URL): ${String(error)}`);
  }
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  database = name;
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase() {
  if (!database) return;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 5_000 });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

// --- The scenarios -------------------------------------------------------------

async function sqliteOnVolume() {
  section("SQLite on a volume");
  const volume = `docker-test-${process.pid}-data`;
  podman(["volume", "create", volume]);
  volumes.add(volume);
  const env = { DATABASE_URL: "file:/data/app.sqlite" };
  const mount = ["-v", `${volume}:/data`];

  const first = await start("sqlite-1", env, mount);
  timings.push([`SQLite: first start (creates the file, applies ${MIGRATIONS("sqlite")} migrations) to /healthz 200`, seconds(first.toHealthyMs)]);
  check(true, `/healthz 200 after ${seconds(first.toHealthyMs)}`);
  checkProcess(first);
  checkQuiet(first);
  await seedSession(first, "file:///data/app.sqlite");
  await checkAdminPage(first);
  stopGracefully(first, "SIGTERM", "SQLite: podman stop -t 30 (SIGTERM) until exit");

  const second = await start("sqlite-2", env, mount);
  timings.push(["SQLite: start with nothing to migrate to /healthz 200", seconds(second.toHealthyMs)]);
  check(true, `second container on the volume: /healthz 200 after ${seconds(second.toHealthyMs)}`);
  await checkAdminPage(second);
  stopGracefully(second, "SIGINT", "SQLite: podman kill --signal INT until exit");
}

async function postgres() {
  section("PostgreSQL");
  const url = await createDatabase();
  const env = { DATABASE_URL: url };

  const first = await start("pg-1", env);
  timings.push([`PostgreSQL: first start (applies ${MIGRATIONS("postgresql")} migrations) to /healthz 200`, seconds(first.toHealthyMs)]);
  check(true, `/healthz 200 after ${seconds(first.toHealthyMs)}`);
  checkQuiet(first);
  await seedSession(first, url);
  await checkAdminPage(first);
  stopGracefully(first, "SIGTERM", "PostgreSQL: podman stop -t 30 (SIGTERM) until exit");

  const second = await start("pg-2", env);
  timings.push(["PostgreSQL: start with nothing to migrate to /healthz 200", seconds(second.toHealthyMs)]);
  const gap = migrateExitMs(second);
  timings.push(["PostgreSQL: migrate CLI's last line to the server listening", seconds(gap)]);
  check(gap < MIGRATE_EXIT_BOUND_MS, `the migrate CLI exits at once after "No pending migrations" (${seconds(gap)} to listening)`, logs(second.id));
  checkQuiet(second);
  stopGracefully(second, "SIGTERM", "PostgreSQL: second stop (SIGTERM)");

  const third = await start("pg-3", { ...env, MIGRATE_ON_START: "false" });
  timings.push(["PostgreSQL: start with MIGRATE_ON_START=false to /healthz 200", seconds(third.toHealthyMs)]);
  const skipped = !logs(third.id).includes("Prisma schema loaded");
  check(skipped, "MIGRATE_ON_START=false skips prisma migrate deploy", logs(third.id));
  stopGracefully(third, "SIGTERM", "PostgreSQL: third stop (SIGTERM)");
}

async function cleanUp() {
  for (const id of containers) podman(["rm", "-f", "-t", "0", id], { allowFailure: true });
  for (const volume of volumes) podman(["volume", "rm", "-f", volume], { allowFailure: true });
  await dropDatabase().catch((error: unknown) => console.error(`could not drop ${database}: ${String(error)}`));
  rmSync(work, { recursive: true, force: true });
}

async function main() {
  if (spawnSync("podman", ["--version"]).error) {
    console.info("test:docker skipped: podman is not installed (apt-get install podman); nothing was built or run.");
    return;
  }
  const watchdog = setTimeout(() => {
    console.error(`test:docker: gave up after ${seconds(TOTAL_TIMEOUT_MS)}`);
    void cleanUp().finally(() => process.exit(1));
  }, TOTAL_TIMEOUT_MS);
  watchdog.unref();

  section(`Build ${IMAGE}`);
  build();
  const image = inspectImage();
  const sizeMb = image.Size / 1e6;
  timings.unshift(["image size", `${sizeMb.toFixed(0)} MB`]);
  check((image.User ?? image.Config.User) === "node", `the image runs as node (User: ${image.User ?? image.Config.User})`);
  const healthcheck = (image.Healthcheck?.Test ?? []).join(" ");
  check(healthcheck.includes(`'${HEALTH_PATH}'`), `the image's HEALTHCHECK requests ${HEALTH_PATH}`, healthcheck);

  await sqliteOnVolume();
  await postgres();
}

let failed = false;
try {
  await main();
} catch (error) {
  failed = true;
  console.error(`\nFAILED: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await cleanUp();
}
if (timings.length > 0) {
  section("Timings");
  const width = Math.max(...timings.map(([label]) => label.length));
  for (const [label, value] of timings) console.info(`${label.padEnd(width)}  ${value}`);
  console.info(`${"total".padEnd(width)}  ${seconds(performance.now() - started)}`);
}
if (failed) process.exit(1);
console.info("\ntest:docker passed");
process.exit(0);
