// The Prisma CLI's configuration. DATABASE_URL (or DIRECT_URL, for
// migrations behind a pooler) picks the provider, and with it the schema and
// migration history under prisma/<provider>/.
import { existsSync } from "node:fs";
import { defineConfig } from "prisma/config";
import { resolveDatabase } from "./app/db/database-url.server";
import { readDatabaseEnv } from "./app/env.server";
import {
  assertAppliedMigrationsKnown,
  assertHistoryMatches,
  createMigrateAdapter,
} from "./prisma/migrate-adapter";
import { migrationsPath, schemaPath } from "./prisma/schemas";

// With a config file the Prisma CLI no longer reads .env itself. Variables
// already set in the environment win over the file.
if (existsSync(".env")) process.loadEnvFile(".env");

const target = resolveDatabase(readDatabaseEnv()).migrations;
const provider = target.provider;
const migrations = migrationsPath(provider);
assertHistoryMatches(migrations, target);

const paths = { schema: schemaPath(provider), migrations: { path: migrations } };

export default provider === "mysql"
  ? // The WebAssembly schema engine has no MySQL connector, so MySQL
    // migrations use Prisma's native schema engine (downloaded on first use).
    defineConfig({ ...paths, engine: "classic", datasource: { url: target.url } })
  : defineConfig({
      ...paths,
      experimental: { adapter: true },
      engine: "js",
      // A migrate command asks for the adapter twice (for its banner, then for
      // the engine): check the database's history once.
      adapter: () => (checkedAdapter ??= checkHistoryAndCreateAdapter()),
    });

let checkedAdapter: ReturnType<typeof checkHistoryAndCreateAdapter> | undefined;

async function checkHistoryAndCreateAdapter() {
  const factory = createMigrateAdapter(target, provider);
  const adapter = await factory.connect();
  try {
    assertAppliedMigrationsKnown(await appliedMigrations(adapter), migrations, target);
  } finally {
    await adapter.dispose();
  }
  return factory;
}

type Queryable = {
  queryRaw(query: { sql: string; args: unknown[]; argTypes: unknown[] }): Promise<{ rows: unknown[][] }>;
};

async function appliedMigrations(adapter: Queryable): Promise<string[]> {
  const query = (sql: string) => adapter.queryRaw({ sql, args: [], argTypes: [] });
  const exists =
    provider === "sqlite"
      ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'"
      : "SELECT to_regclass('_prisma_migrations')::text WHERE to_regclass('_prisma_migrations') IS NOT NULL";
  if ((await query(exists)).rows.length === 0) return [];
  const { rows } = await query(
    "SELECT migration_name FROM _prisma_migrations WHERE rolled_back_at IS NULL",
  );
  return rows.map((row) => String(row[0]));
}
