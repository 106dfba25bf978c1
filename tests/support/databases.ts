/**
 * Fresh, real databases for tests: a temporary SQLite file, or a new
 * PostgreSQL / MariaDB database on this machine's servers, each migrated with
 * the checked-in history of its provider and dropped afterwards.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "@libsql/client";
import type { PrismaClient } from "@prisma/client";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import mariadb, { type Connection as MariadbConnection } from "mariadb";
import pg from "pg";
import {
  assertDatabaseReady,
  createPrismaClient,
  createSessionStorage,
  type SessionStorageKind,
} from "../../app/db/database.server";
import { resolveDatabase, type DatabaseTarget, type Provider } from "../../app/db/database-url.server";
import { historyMigrations } from "../../prisma/migrate-adapter";
import { migrationsPath } from "../../prisma/schemas";
import { providerClient } from "./prisma-clients";

/** Server URLs, overridable for machines whose services live elsewhere. */
export const SERVER_URLS = {
  postgresql: process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  mysql: process.env.TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/test",
} as const;

/** The URL of a database called `name` on the provider's test server. */
export function serverDatabaseUrl(provider: "postgresql" | "mysql", name: string): string {
  const url = new URL(SERVER_URLS[provider]);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Whether the provider's server answers; with CI=true a missing server is an error, not a skip. */
export async function serviceAvailable(provider: Provider): Promise<boolean> {
  if (provider === "sqlite") return true;
  try {
    if (provider === "postgresql") {
      const client = new pg.Client({ connectionString: SERVER_URLS.postgresql, connectionTimeoutMillis: 2000 });
      await client.connect();
      await client.end();
    } else {
      const conn = await mariadb.createConnection(mariadbOptions(SERVER_URLS.mysql));
      await conn.end();
    }
    return true;
  } catch (error) {
    if (process.env.CI === "true") {
      throw new Error(
        `CI=true and the ${provider} test server (${SERVER_URLS[provider]}) is not reachable: ${(error as Error).message}`,
      );
    }
    return false;
  }
}

/** mariadb driver options for a mysql:// URL. */
export function mariadbOptions(url: string) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1)) || undefined,
    connectTimeout: 2000,
  };
}

function migrationSql(provider: Provider): string[] {
  const dir = migrationsPath(provider);
  return historyMigrations(dir).map((name) => readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
}

export interface EmptyDatabase {
  provider: Provider;
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database (no tables) and how to remove it. */
export async function createEmptyDatabase(provider: Provider): Promise<EmptyDatabase> {
  const name = `app_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  if (provider === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "app-test-"));
    return {
      provider,
      url: `file:${path.join(dir, `${name}.sqlite`)}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (provider === "postgresql") {
    await withPg((client) => client.query(`CREATE DATABASE "${name}"`));
    return {
      provider,
      url: serverDatabaseUrl("postgresql", name),
      drop: async () => {
        await withPg((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      },
    };
  }
  await withMariadb((conn) => conn.query(`CREATE DATABASE \`${name}\``));
  return {
    provider,
    url: serverDatabaseUrl("mysql", name),
    drop: async () => {
      await withMariadb((conn) => conn.query(`DROP DATABASE IF EXISTS \`${name}\``));
    },
  };
}

/** Runs `run` on a PostgreSQL connection that is closed afterwards. */
export async function withPg<T>(run: (client: pg.Client) => Promise<T>, url = SERVER_URLS.postgresql): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Runs `run` on a MariaDB connection (multiple statements allowed) that is closed afterwards. */
export async function withMariadb<T>(
  run: (conn: MariadbConnection) => Promise<T>,
  url: string = SERVER_URLS.mysql,
): Promise<T> {
  const conn = await mariadb.createConnection({ ...mariadbOptions(url), multipleStatements: true });
  try {
    return await run(conn);
  } finally {
    await conn.end();
  }
}

/**
 * Applies the provider's checked-in migrations with its plain driver: the
 * same SQL `prisma migrate deploy` runs (tests/integration/setup.test.ts runs
 * the real command), without a CLI start per test file.
 */
export async function applyMigrations(db: EmptyDatabase): Promise<void> {
  const scripts = migrationSql(db.provider);
  if (db.provider === "sqlite") {
    const client = createClient({ url: db.url });
    try {
      for (const sql of scripts) await client.executeMultiple(sql);
    } finally {
      client.close();
    }
  } else if (db.provider === "postgresql") {
    await withPg(async (client) => {
      for (const sql of scripts) await client.query(sql);
    }, db.url);
  } else {
    await withMariadb(async (conn) => {
      for (const sql of scripts) await conn.query(sql);
    }, db.url);
  }
}

export interface TestDatabase extends EmptyDatabase {
  target: DatabaseTarget;
  prisma: PrismaClient;
  sessionStorage: SessionStorage;
  /** Closes the client and drops the database. */
  close(): Promise<void>;
}

/**
 * A migrated database connected the way app/db/client.server.ts connects: the
 * target from DATABASE_URL, the driver adapter, the readiness check and the
 * session storage, with the generated client of the provider.
 */
export async function createTestDatabase(
  provider: Provider,
  { sessionStorage = "prisma" }: { sessionStorage?: SessionStorageKind } = {},
): Promise<TestDatabase> {
  const db = await createEmptyDatabase(provider);
  await applyMigrations(db);
  const target = resolveDatabase({ DATABASE_URL: db.url }).runtime;
  const prisma = createPrismaClient(target, providerClient(provider));
  await assertDatabaseReady(prisma, target);
  return {
    ...db,
    target,
    prisma,
    sessionStorage: createSessionStorage(sessionStorage, prisma),
    async close() {
      await prisma.$disconnect();
      await db.drop();
    },
  };
}
