/**
 * Session storage benchmark: per provider, loadSession and storeSession
 * through the app's own wiring (PrismaSessionStorage on the Prisma client and
 * driver adapter app/db builds) next to the plain driver running the same
 * query on the same database, in one run.
 *
 *   npm run bench                       full run (well under a minute on 2 cores)
 *   BENCH_QUICK=1 npm run bench         a short smoke run
 *   BENCH_PROVIDERS=sqlite npm run bench  only some providers (comma-separated)
 *   BENCH_OUT=1 npm run bench           also write bench/results/session-storage.json
 *   BENCH_OUT=path.json npm run bench   ... or write the JSON to that path
 *
 * Goal reported: app session load within 3x of the raw driver on the same
 * database. The app figures include everything a request pays for: Prisma's
 * query building, the driver adapter, and PrismaSessionStorage turning the
 * row into a Session (load) or the Session into a row (store). The raw
 * figures are the driver's query alone.
 *
 * This is a benchmark, not a test: it fails only if a provider cannot be set
 * up or a query returns the wrong thing, never because of a ratio.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import { createClient, type InValue } from "@libsql/client";
import { Session } from "@shopify/shopify-api";
import mariadb from "mariadb";
import pg from "pg";
import { PROVIDERS, type Provider } from "../app/db/database-url.server";
import { SQLITE_BUSY_TIMEOUT_MS } from "../app/db/adapter.server";
import { createTestDatabase, mariadbOptions, serviceAvailable, type TestDatabase } from "../tests/support/databases";
import { generateProviderClients } from "../tests/support/prisma-clients";

const GOAL_LOAD_RATIO = 3;

const QUICK = isSet(process.env.BENCH_QUICK);
const CONFIG = QUICK
  ? { sessions: 50, warmup: 20, loadCalls: 100, storeCalls: 50, rounds: 2 }
  : { sessions: 200, warmup: 200, loadCalls: 2000, storeCalls: 1000, rounds: 5 };

type Operation = "load" | "store";
type Kind = "app" | "raw";

/** One way of loading and storing a session row. */
interface Implementation {
  name: string;
  kind: Kind;
  /** Resolves to the loaded Session (app) or row (raw), or undefined/null when missing. */
  load(id: string): Promise<unknown>;
  store(session: Session): Promise<unknown>;
  close(): Promise<void>;
}

interface ResultRow {
  provider: Provider;
  operation: Operation;
  implementation: string;
  kind: Kind;
  calls: number;
  medianUs: number;
  p95Us: number;
  /** Median divided by the fastest raw driver's median for this provider and operation. */
  ratio: number;
}

interface Summary {
  provider: Provider;
  operation: Operation;
  raw: string;
  appOverRaw: number;
}

function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== "" && value !== "0" && value.toLowerCase() !== "false";
}

// --- Rows exactly as PrismaSessionStorage@11 writes them -------------------

/** The Session columns, in the order of the raw INSERTs. */
const COLUMNS = [
  "id",
  "shop",
  "state",
  "isOnline",
  "scope",
  "expires",
  "accessToken",
  "userId",
  "firstName",
  "lastName",
  "email",
  "accountOwner",
  "locale",
  "collaborator",
  "emailVerified",
  "refreshToken",
  "refreshTokenExpires",
] as const;

type RowValue = string | number | boolean | bigint | Date | null;

/** PrismaSessionStorage.sessionToRow, as values in COLUMNS order. */
function sessionRow(session: Session): RowValue[] {
  const user = session.onlineAccessInfo?.associated_user;
  return [
    session.id,
    session.shop,
    session.state,
    session.isOnline,
    session.scope || null,
    session.expires || null,
    session.accessToken || "",
    user?.id || null,
    user?.first_name || null,
    user?.last_name || null,
    user?.email || null,
    user?.account_owner || false,
    user?.locale || null,
    user?.collaborator || false,
    user?.email_verified || false,
    session.refreshToken || null,
    session.refreshTokenExpires || null,
  ];
}

/** SQLite has no boolean or date types: Prisma writes 0/1 and ISO text with an explicit offset. */
function sqliteValue(value: RowValue): SQLInputValue & InValue {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  return value;
}

/** MariaDB DATETIME(3) in UTC, as @prisma/adapter-mariadb formats it. */
function mysqlValue(value: RowValue): RowValue {
  return value instanceof Date ? value.toISOString().replace("T", " ").replace("Z", "") : value;
}

const sqliteUpsert =
  `INSERT INTO "Session" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) ` +
  `VALUES (${COLUMNS.map(() => "?").join(", ")}) ` +
  `ON CONFLICT("id") DO UPDATE SET ` +
  COLUMNS.filter((c) => c !== "id")
    .map((c) => `"${c}" = excluded."${c}"`)
    .join(", ");

const pgUpsert =
  `INSERT INTO "Session" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) ` +
  `VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(", ")}) ` +
  `ON CONFLICT ("id") DO UPDATE SET ` +
  COLUMNS.filter((c) => c !== "id")
    .map((c) => `"${c}" = EXCLUDED."${c}"`)
    .join(", ");

const mysqlUpsert =
  `INSERT INTO \`Session\` (${COLUMNS.map((c) => `\`${c}\``).join(", ")}) ` +
  `VALUES (${COLUMNS.map(() => "?").join(", ")}) ` +
  `ON DUPLICATE KEY UPDATE ` +
  COLUMNS.filter((c) => c !== "id")
    .map((c) => `\`${c}\` = VALUES(\`${c}\`)`)
    .join(", ");

// --- Implementations ------------------------------------------------------

function appImplementation(db: TestDatabase): Implementation {
  return {
    name: "app (PrismaSessionStorage)",
    kind: "app",
    load: (id) => db.sessionStorage.loadSession(id),
    store: (session) => db.sessionStorage.storeSession(session),
    // db.close() (after the raw drivers) disconnects Prisma and drops the database.
    close: async () => {},
  };
}

function nodeSqlite(db: TestDatabase): Implementation {
  if (db.target.provider !== "sqlite" || !db.target.filePath) throw new Error("not a SQLite file");
  const sqlite = new DatabaseSync(db.target.filePath);
  sqlite.exec(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  const select = sqlite.prepare(`SELECT * FROM "Session" WHERE id = ?`);
  const upsert = sqlite.prepare(sqliteUpsert);
  return {
    name: "node:sqlite",
    kind: "raw",
    load: async (id) => select.get(id),
    store: async (session) => upsert.run(...sessionRow(session).map(sqliteValue)),
    close: async () => sqlite.close(),
  };
}

async function libsql(db: TestDatabase): Promise<Implementation> {
  const client = createClient({ url: db.url });
  await client.execute(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  return {
    name: "@libsql/client",
    kind: "raw",
    load: async (id) => (await client.execute({ sql: `SELECT * FROM "Session" WHERE id = ?`, args: [id] })).rows[0],
    store: (session) => client.execute({ sql: sqliteUpsert, args: sessionRow(session).map(sqliteValue) }),
    close: async () => client.close(),
  };
}

function pgPool(db: TestDatabase): Implementation {
  // The same pool size the app's adapter gets (DATABASE_POOL_MAX, default 10).
  const max = db.target.provider === "postgresql" ? db.target.poolMax : 10;
  const pool = new pg.Pool({ connectionString: db.url, max });
  return {
    name: "pg (Pool)",
    kind: "raw",
    load: async (id) => (await pool.query(`SELECT * FROM "Session" WHERE id = $1`, [id])).rows[0],
    store: (session) => pool.query(pgUpsert, sessionRow(session)),
    close: () => pool.end(),
  };
}

function mariadbPool(db: TestDatabase): Implementation {
  const pool = mariadb.createPool({
    ...mariadbOptions(db.url),
    connectionLimit: db.target.provider === "mysql" ? db.target.poolMax : 10,
  });
  return {
    name: "mariadb (Pool)",
    kind: "raw",
    load: async (id) => ((await pool.query("SELECT * FROM `Session` WHERE id = ?", [id])) as unknown[])[0],
    store: (session) => pool.query(mysqlUpsert, sessionRow(session).map(mysqlValue)),
    close: () => pool.end(),
  };
}

async function rawImplementations(db: TestDatabase): Promise<Implementation[]> {
  switch (db.provider) {
    case "sqlite":
      return [nodeSqlite(db), await libsql(db)];
    case "postgresql":
      return [pgPool(db)];
    case "mysql":
      return [mariadbPool(db)];
  }
}

// --- Measurement ----------------------------------------------------------

function offlineSession(i: number): Session {
  const shop = `shop-${i}.myshopify.com`;
  return new Session({
    id: `offline_${shop}`,
    shop,
    state: "s",
    isOnline: false,
    accessToken: "tok",
    scope: "write_products",
  });
}

/** A small seeded PRNG, so every implementation sees the same id sequence. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function indexSequence(length: number, range: number, seed: number): number[] {
  const random = mulberry32(seed);
  return Array.from({ length }, () => Math.floor(random() * range));
}

function stateOf(loaded: unknown): unknown {
  return (loaded as { state?: unknown } | null | undefined)?.state;
}

/**
 * One call. Store calls change `state` first (outside the timing) so that
 * each upsert really rewrites an existing row.
 */
async function call(impl: Implementation, operation: Operation, session: Session, tag: string): Promise<number> {
  if (operation === "load") {
    const start = performance.now();
    const loaded = await impl.load(session.id);
    const elapsed = performance.now() - start;
    if (stateOf(loaded) === undefined) throw new Error(`${impl.name}: session ${session.id} not found`);
    return elapsed;
  }
  session.state = tag;
  const start = performance.now();
  await impl.store(session);
  return performance.now() - start;
}

/**
 * Warm-up, then `calls` measured calls per implementation split into rounds;
 * each round rotates which implementation goes first, so drift (page cache,
 * checkpoints, CPU frequency) is spread over all of them.
 */
async function measure(
  impls: Implementation[],
  operation: Operation,
  sessions: Session[],
  calls: number,
): Promise<Map<Implementation, number[]>> {
  const samples = new Map(impls.map((impl) => [impl, [] as number[]]));
  const perRound = Math.ceil(calls / CONFIG.rounds);
  const sequence = indexSequence(perRound * CONFIG.rounds, sessions.length, operation === "load" ? 1 : 2);
  const warmSequence = indexSequence(CONFIG.warmup, sessions.length, 3);

  for (const impl of impls) {
    for (const [i, index] of warmSequence.entries()) {
      await call(impl, operation, sessions[index], `warm-${impl.kind}-${i}`);
    }
  }
  for (let round = 0; round < CONFIG.rounds; round++) {
    const order = impls.map((_, i) => impls[(i + round) % impls.length]);
    for (const impl of order) {
      const times = samples.get(impl)!;
      for (let i = 0; i < perRound; i++) {
        const n = round * perRound + i;
        times.push(await call(impl, operation, sessions[sequence[n]], `${impl.kind}-${n}`));
      }
    }
  }
  return samples;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = (sorted.length - 1) * p;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

/**
 * Before timing anything: what each raw driver writes, the app reads back,
 * and the other way round, so both sides touch the same table and rows.
 */
async function crossCheck(app: Implementation, raws: Implementation[], session: Session) {
  for (const raw of raws) {
    session.state = `written-by-${raw.name}`;
    await raw.store(session);
    const viaApp = await app.load(session.id);
    // Not `instanceof Session`: under tsx the storage may get the CommonJS build of @shopify/shopify-api.
    const loaded = viaApp as Partial<Session> | undefined;
    const same = (["id", "shop", "state", "isOnline", "scope", "accessToken"] as const).every(
      (key) => loaded?.[key] === session[key],
    );
    if (!same) {
      throw new Error(`${raw.name} wrote a row the app does not read back as the same session`);
    }
    session.state = `written-by-app-for-${raw.name}`;
    await app.store(session);
    if (stateOf(await raw.load(session.id)) !== session.state) {
      throw new Error(`${raw.name} does not read back the row the app wrote`);
    }
  }
}

async function benchProvider(provider: Provider): Promise<ResultRow[]> {
  const setupStart = performance.now();
  const db = await createTestDatabase(provider);
  const impls: Implementation[] = [];
  try {
    const app = appImplementation(db);
    const raws = await rawImplementations(db);
    impls.push(app, ...raws);

    const sessions = Array.from({ length: CONFIG.sessions }, (_, i) => offlineSession(i));
    for (const session of sessions) await db.sessionStorage.storeSession(session);
    await crossCheck(app, raws, sessions[0]);
    console.log(
      `${provider}: ${db.target.redactedUrl}, ${sessions.length} sessions ` +
        `(setup ${((performance.now() - setupStart) / 1000).toFixed(1)} s)`,
    );

    const rows: ResultRow[] = [];
    for (const [operation, calls] of [
      ["load", CONFIG.loadCalls],
      ["store", CONFIG.storeCalls],
    ] as const) {
      const start = performance.now();
      const samples = await measure(impls, operation, sessions, calls);
      const stats = impls.map((impl) => {
        const sorted = [...samples.get(impl)!].sort((a, b) => a - b);
        return { impl, calls: sorted.length, median: percentile(sorted, 0.5) * 1000, p95: percentile(sorted, 0.95) * 1000 };
      });
      const fastestRaw = Math.min(...stats.filter((s) => s.impl.kind === "raw").map((s) => s.median));
      for (const s of stats) {
        rows.push({
          provider,
          operation,
          implementation: s.impl.name,
          kind: s.impl.kind,
          calls: s.calls,
          medianUs: s.median,
          p95Us: s.p95,
          ratio: s.median / fastestRaw,
        });
      }
      console.log(`  ${operation}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
    }
    return rows;
  } finally {
    for (const impl of impls) await impl.close();
    await db.close();
  }
}

// --- Report ---------------------------------------------------------------

function printTable(rows: ResultRow[]) {
  const header = ["provider", "operation", "implementation", "median µs", "p95 µs", "ratio vs fastest raw"];
  const body = rows.map((r) => [
    r.provider,
    r.operation,
    r.implementation,
    r.medianUs.toFixed(1),
    r.p95Us.toFixed(1),
    `${r.ratio.toFixed(2)}x`,
  ]);
  const numeric = [false, false, false, true, true, true];
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((line) => line[i].length)));
  const format = (line: string[]) =>
    line.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join(" | ");
  console.log(format(header));
  console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
  for (const [i, line] of body.entries()) {
    if (i > 0 && rows[i].provider !== rows[i - 1].provider) {
      console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
    }
    console.log(format(line));
  }
}

function summarize(rows: ResultRow[]): Summary[] {
  const summaries: Summary[] = [];
  for (const app of rows.filter((r) => r.kind === "app")) {
    for (const raw of rows.filter(
      (r) => r.kind === "raw" && r.provider === app.provider && r.operation === app.operation,
    )) {
      summaries.push({
        provider: app.provider,
        operation: app.operation,
        raw: raw.implementation,
        appOverRaw: app.medianUs / raw.medianUs,
      });
    }
  }
  return summaries;
}

function printSummary(summaries: Summary[]) {
  for (const provider of new Set(summaries.map((s) => s.provider))) {
    const load = summaries
      .filter((s) => s.provider === provider && s.operation === "load")
      .map((s) => {
        const verdict = s.appOverRaw <= GOAL_LOAD_RATIO ? "met" : "NOT met";
        return `load: app/${s.raw} = ${s.appOverRaw.toFixed(2)}x (goal <= ${GOAL_LOAD_RATIO}x, ${verdict})`;
      });
    const store = summaries
      .filter((s) => s.provider === provider && s.operation === "store")
      .map((s) => `store: app/${s.raw} = ${s.appOverRaw.toFixed(2)}x`);
    console.log(`${provider.padEnd(10)} ${load.join("; ")}`);
    console.log(`${"".padEnd(10)} ${store.join("; ")}`);
  }
}

function outputPath(): string | undefined {
  const value = process.env.BENCH_OUT?.trim();
  if (!value || value === "0" || value.toLowerCase() === "false") return undefined;
  if (value === "1" || value.toLowerCase() === "true") {
    return path.join(import.meta.dirname, "results", "session-storage.json");
  }
  return path.resolve(value);
}

// --- Main -----------------------------------------------------------------

async function main() {
  const wanted = process.env.BENCH_PROVIDERS?.split(",").map((p) => p.trim()).filter(Boolean);
  const unknown = wanted?.filter((p) => !(PROVIDERS as readonly string[]).includes(p)) ?? [];
  if (unknown.length > 0) throw new Error(`BENCH_PROVIDERS: unknown provider(s) ${unknown.join(", ")}`);
  const providers = PROVIDERS.filter((p) => !wanted || wanted.includes(p));

  console.log(
    `Session storage benchmark${QUICK ? " (BENCH_QUICK)" : ""}: node ${process.version}, ` +
      `${os.cpus().length} CPUs; ${CONFIG.sessions} offline sessions, warm-up ${CONFIG.warmup} calls, ` +
      `${CONFIG.loadCalls} load / ${CONFIG.storeCalls} store calls per implementation in ${CONFIG.rounds} rounds`,
  );
  const started = performance.now();
  generateProviderClients();

  const rows: ResultRow[] = [];
  const skipped: Partial<Record<Provider, string>> = {};
  for (const provider of providers) {
    let available: boolean;
    let reason = "server not reachable";
    try {
      available = await serviceAvailable(provider);
    } catch (error) {
      available = false;
      reason = (error as Error).message;
    }
    if (!available) {
      skipped[provider] = reason;
      console.log(`${provider}: skipped (${reason})`);
      continue;
    }
    rows.push(...(await benchProvider(provider)));
  }

  console.log();
  if (rows.length === 0) {
    console.log("No provider was available; nothing measured.");
  } else {
    printTable(rows);
    console.log();
    printSummary(summarize(rows));
  }
  console.log(
    "\napp = PrismaSessionStorage via the app's Prisma client and driver adapter, including row <-> Session " +
      "mapping; raw = the driver's query alone. On MySQL, Prisma runs an upsert as a transaction " +
      "(SELECT, INSERT/UPDATE, SELECT), the raw driver as one INSERT ... ON DUPLICATE KEY UPDATE.",
  );
  console.log(`Total ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const out = outputPath();
  if (out) {
    mkdirSync(path.dirname(out), { recursive: true });
    const report = {
      generatedAt: new Date().toISOString(),
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
      cpus: os.cpus().length,
      quick: QUICK,
      config: CONFIG,
      goal: { operation: "load", maxAppOverRaw: GOAL_LOAD_RATIO },
      skipped,
      results: rows,
      summary: summarize(rows),
    };
    writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    const relative = path.relative(process.cwd(), out);
    console.log(`Wrote ${relative.startsWith("..") ? out : relative}`);
  }
}

await main();
