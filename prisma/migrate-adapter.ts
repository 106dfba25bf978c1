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

type Performer = { performIO: (query: unknown) => Promise<{ fields: { dataTypeID: number }[] }> };

/**
 * prisma/orm#27403: adapter-pg cannot deserialize PostgreSQL's `name` type,
 * which the schema engine reads from the catalog, so `migrate deploy` and
 * `migrate status` fail with "Column type 'name' could not be deserialized".
 * Reporting `name` columns as `text` is exact (both are strings). The test
 * tests/integration/prisma-cli.test.ts fails once upstream handles `name`,
 * so this shim can be deleted then.
 */
export function withPgNameAsText(factory: PrismaPg): PrismaPg {
  const patch = <T>(adapter: T): T => {
    const target = adapter as unknown as Performer;
    const performIO = target.performIO.bind(target);
    target.performIO = async (query) => {
      const result = await performIO(query);
      for (const field of result.fields) {
        if (field.dataTypeID === PG_NAME_OID) field.dataTypeID = PG_TEXT_OID;
      }
      return result;
    };
    const startTransaction = (adapter as unknown as { startTransaction?: (...a: unknown[]) => Promise<unknown> })
      .startTransaction;
    if (startTransaction) {
      (adapter as unknown as { startTransaction: (...a: unknown[]) => Promise<unknown> }).startTransaction =
        async (...args) => patch(await startTransaction.apply(adapter, args));
    }
    return adapter;
  };
  const connect = factory.connect.bind(factory);
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connect = async () => patch(await connect());
  factory.connectToShadowDb = async () => patch(await connectToShadowDb());
  return factory;
}

/** The driver adapter the migrate CLI uses for SQLite, libSQL and PostgreSQL. */
export function createMigrateAdapter(target: DatabaseTarget, provider: Provider): PrismaLibSQL | PrismaPg {
  if (provider === "mysql") {
    throw new Error("MySQL migrations use Prisma's native schema engine, not a driver adapter.");
  }
  const factory = createAdapterFactory(target, { exitOnIdle: true }) as PrismaLibSQL | PrismaPg;
  return provider === "postgresql" ? withPgNameAsText(factory as PrismaPg) : factory;
}
