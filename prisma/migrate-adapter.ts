/**
 * What the Prisma CLI (generate, migrate) needs beyond the app's own wiring:
 * the migration-history guard and the PostgreSQL `name` type shim.
 * Nothing here is loaded by the app at run time.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { PrismaLibSQL } from "@prisma/adapter-libsql";
import type { PrismaPg } from "@prisma/adapter-pg";
import { createAdapterFactory } from "../app/db/adapter.server";
import type { DatabaseTarget, Provider } from "../app/db/database-url.server";

export class MigrationHistoryMismatchError extends Error {
  override name = "MigrationHistoryMismatchError";
}

/** The provider a migration history was generated for, from its migration_lock.toml. */
export function historyProvider(migrationsDir: string): string | undefined {
  const lock = path.join(migrationsDir, "migration_lock.toml");
  if (!existsSync(lock)) return undefined;
  return /^\s*provider\s*=\s*"([^"]+)"/m.exec(readFileSync(lock, "utf8"))?.[1];
}

/** The migration folder names of a history, oldest first. */
export function historyMigrations(migrationsDir: string): string[] {
  if (!existsSync(migrationsDir)) return [];
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/**
 * Stops before a history generated for one provider is applied to another
 * (the failure behind "MissingSessionTableError" reports: SQLite migrations
 * run against PostgreSQL and create nothing).
 */
export function assertHistoryMatches(migrationsDir: string, target: DatabaseTarget): void {
  const lockProvider = historyProvider(migrationsDir);
  const where = path.relative(process.cwd(), migrationsDir);
  if (!lockProvider) {
    throw new MigrationHistoryMismatchError(
      `${where}/migration_lock.toml is missing, so it is unknown which database the migrations in ${where} were written for.`,
    );
  }
  if (lockProvider !== target.provider) {
    throw new MigrationHistoryMismatchError(
      `The migrations in ${where} were generated for ${lockProvider}, but DATABASE_URL (${target.redactedUrl}) ` +
        `is a ${target.provider} database. Use the ${target.provider} history in prisma/${target.provider}/migrations.`,
    );
  }
}

/**
 * Fails when the database already records migrations this history does not
 * contain: it was migrated from another history (another provider's, or an
 * older copy of the template), and applying ours on top would half-work.
 */
export function assertAppliedMigrationsKnown(
  applied: string[],
  migrationsDir: string,
  target: DatabaseTarget,
): void {
  const known = new Set(historyMigrations(migrationsDir));
  const unknown = applied.filter((name) => !known.has(name));
  if (unknown.length === 0) return;
  throw new MigrationHistoryMismatchError(
    `The database at ${target.redactedUrl} records migrations that are not in ` +
      `${path.relative(process.cwd(), migrationsDir)}: ${unknown.join(", ")}. ` +
      "It was migrated from another history; migrate it back with that history or start from an empty database.",
  );
}

const PG_NAME_OID = 19;
const PG_TEXT_OID = 25;

type Query = { sql: string };
type PerformIO = (query: Query) => Promise<{ fields: { dataTypeID: number }[] }>;
type Performer = { performIO: PerformIO };
type Transactional = { startTransaction?: (...args: unknown[]) => Promise<unknown> };

/**
 * Wraps `performIO` (the one call every query, statement and transaction of
 * adapter-pg goes through) on every adapter the factory hands out: its
 * connections, its shadow-database connections and their transactions.
 */
function wrapPerformIO(factory: PrismaPg, wrap: (performIO: PerformIO) => PerformIO): PrismaPg {
  const patch = <T>(adapter: T): T => {
    const target = adapter as unknown as Performer;
    target.performIO = wrap(target.performIO.bind(target));
    const startTransaction = (adapter as unknown as Transactional).startTransaction;
    if (startTransaction) {
      (adapter as unknown as Transactional).startTransaction = async (...args) =>
        patch(await startTransaction.apply(adapter, args));
    }
    return adapter;
  };
  const connect = factory.connect.bind(factory);
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connect = async () => patch(await connect());
  factory.connectToShadowDb = async () => patch(await connectToShadowDb());
  return factory;
}

/**
 * prisma/orm#27403: adapter-pg cannot deserialize PostgreSQL's `name` type,
 * which the schema engine reads from the catalog, so `migrate deploy` and
 * `migrate status` fail with "Column type 'name' could not be deserialized".
 * Reporting `name` columns as `text` is exact (both are strings). The test
 * tests/integration/prisma-cli.test.ts fails once upstream handles `name`,
 * so this shim can be deleted then.
 */
export function withPgNameAsText(factory: PrismaPg): PrismaPg {
  return wrapPerformIO(factory, (performIO) => async (query) => {
    const result = await performIO(query);
    for (const field of result.fields) {
      if (field.dataTypeID === PG_NAME_OID) field.dataTypeID = PG_TEXT_OID;
    }
    return result;
  });
}

type Timer = ReturnType<typeof setTimeout>;

/**
 * What Prisma's schema engine does in one go (one job: until the next
 * microtask runs): the timers it armed so far, and who wants to hear of the
 * ones it arms before the job ends.
 */
const engineTimers: { armedThisJob: Timer[]; listeners: Set<(timer: Timer) => void> } = {
  armedThisJob: [],
  listeners: new Set(),
};

/** Calls `listener` with each timer the engine arms in the current job, before or after this call. */
function onEngineTimersThisJob(listener: (timer: Timer) => void): void {
  for (const timer of engineTimers.armedThisJob) listener(timer);
  engineTimers.listeners.add(listener);
  queueMicrotask(() => engineTimers.listeners.delete(listener));
}

/**
 * Tells onEngineTimersThisJob about each timer that code running as
 * WebAssembly (Prisma's schema engine, nothing else in the CLI) arms. The
 * timers themselves behave exactly as before.
 */
function watchEngineTimers(): void {
  const original = globalThis.setTimeout as typeof setTimeout & { watchedForEngine?: true };
  if (original.watchedForEngine) return;
  const watched = function (this: unknown, ...args: Parameters<typeof setTimeout>) {
    const timer = original.apply(this, args);
    if (new Error().stack?.includes("wasm://")) {
      if (engineTimers.armedThisJob.length === 0) queueMicrotask(() => (engineTimers.armedThisJob = []));
      engineTimers.armedThisJob.push(timer);
      for (const listener of engineTimers.listeners) listener(timer);
    }
    return timer;
  };
  // Keep setTimeout's own properties (util.promisify.custom, ...).
  Object.defineProperties(watched, Object.getOwnPropertyDescriptors(original));
  globalThis.setTimeout = Object.assign(watched, { watchedForEngine: true as const }) as unknown as typeof setTimeout;
}

const ADVISORY_LOCK = /^\s*SELECT\s+pg_advisory_lock\s*\(/i;

/**
 * Prisma 6.19's WebAssembly schema engine takes its migration lock with
 * `SELECT pg_advisory_lock(72707369)` under a 10 s timeout. That timeout is a
 * JavaScript setTimeout the engine arms in the same job as it sends the query
 * (just before or just after, from run to run) and never clears once the
 * lock is granted, so every PostgreSQL
 * `migrate deploy` used to sit idle for 10 s after "All migrations have been
 * successfully applied", until the dead timer fired. (Not the pg pool: the
 * migrate adapter's pools use allowExitOnIdle, so their idle clients and
 * timers never hold the process; SQLite takes no advisory lock.)
 *
 * While the lock is awaited the timer is left alone, so a lock held by
 * another migration for 10 s still fails the command as before. Once the
 * lock is granted the timer can no longer matter, and it is unref'd: it fires
 * as usual if the process is still running then, but no longer keeps an
 * otherwise finished process alive.
 */
export function withAdvisoryLockTimeoutReleased(factory: PrismaPg): PrismaPg {
  watchEngineTimers();
  return wrapPerformIO(factory, (performIO) => async (query) => {
    if (!ADVISORY_LOCK.test(query.sql)) return performIO(query);
    const lockTimeouts: Timer[] = [];
    onEngineTimersThisJob((timer) => lockTimeouts.push(timer));
    const result = await performIO(query);
    for (const timer of lockTimeouts) timer.unref();
    return result;
  });
}

/** The driver adapter the migrate CLI uses for SQLite, libSQL and PostgreSQL. */
export function createMigrateAdapter(target: DatabaseTarget, provider: Provider): PrismaLibSQL | PrismaPg {
  if (provider === "mysql") {
    throw new Error("MySQL migrations use Prisma's native schema engine, not a driver adapter.");
  }
  const factory = createAdapterFactory(target, { exitOnIdle: true }) as PrismaLibSQL | PrismaPg;
  return provider === "postgresql" ? withAdvisoryLockTimeoutReleased(withPgNameAsText(factory as PrismaPg)) : factory;
}
