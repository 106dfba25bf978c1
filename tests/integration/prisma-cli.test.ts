/**
 * `npm run setup` and the guard rails around it, run as a user runs them:
 * real commands in child processes against real databases.
 *
 * `npm run setup` generates the app's own Prisma client (node_modules/.prisma)
 * for the URL's provider, so the tests here run in order and the client is
 * generated again for the developer's own DATABASE_URL at the end.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma } from "@prisma/client";
import { afterAll, describe, expect, inject, it } from "vitest";
import { withPgNameAsText } from "../../prisma/migrate-adapter";
import { applyMigrations, createEmptyDatabase, SERVER_URLS, withPg, type EmptyDatabase } from "../support/databases";

const ROOT = path.resolve(import.meta.dirname, "../..");
const exec = promisify(execFile);
const pgAvailable = inject("availableProviders").includes("postgresql");

type Result = { code: number; output: string };

/** Runs a command with the given DATABASE_URL (and nothing from the developer's .env). */
async function run(command: string, args: string[], env: Record<string, string>): Promise<Result> {
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
  for (const key of ["DIRECT_URL", "SESSION_STORAGE", "ALLOW_MEMORY_SESSION_STORAGE"]) {
    if (!(key in env)) delete childEnv[key];
  }
  try {
    const { stdout, stderr } = await exec(command, args, {
      cwd: ROOT,
      env: childEnv as NodeJS.ProcessEnv,
      timeout: 60_000,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code: typeof code === "number" ? code : 1, output: `${stdout}${stderr}` };
  }
}

const setup = (url: string) => run("npm", ["run", "setup"], { DATABASE_URL: url });
const generateClientFor = (url: string) => run("npx", ["prisma", "generate"], { DATABASE_URL: url });

/** Starts app/db/client.server.ts the way the server does at boot. */
const boot = (env: Record<string, string>) =>
  run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", "await import('./app/db/client.server.ts')"], env);

const created: EmptyDatabase[] = [];
async function emptyDatabase(provider: "sqlite" | "postgresql") {
  const db = await createEmptyDatabase(provider);
  created.push(db);
  return db;
}

async function tableNames(url: string): Promise<string[]> {
  const { rows } = await withPg(
    (client) =>
      client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
      ),
    url,
  );
  return rows.map((row) => row.table_name);
}

afterAll(async () => {
  // Leave the app's client generated for the developer's own database.
  await run("npx", ["prisma", "generate"], process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {});
  for (const db of created) await db.drop();
}, 120_000);

describe.sequential("npm run setup", () => {
  it("creates the tables in an empty SQLite file, and a second run changes nothing", async () => {
    const db = await emptyDatabase("sqlite");
    const first = await setup(db.url);
    expect(first.output).toContain("20261121000000_init");
    expect(first.output).toContain("20261122000000_app_surface");
    expect(first.code).toBe(0);

    const second = await setup(db.url);
    expect(second.code).toBe(0);
    expect(second.output).toContain("No pending migrations to apply");

    const started = await boot({ DATABASE_URL: db.url, NODE_ENV: "production" });
    expect(started.output).toBe("");
    expect(started.code).toBe(0);
  });

  it("stops the app at boot, naming `npm run setup`, when the tables are missing", async () => {
    const db = await emptyDatabase("sqlite");
    const started = await boot({ DATABASE_URL: db.url });
    expect(started.code).not.toBe(0);
    expect(started.output).toContain("The Session table does not exist");
    expect(started.output).toContain("npm run setup");
    expect(started.output).toContain(db.url.replace("file:", ""));
  });

  it("refuses memory session storage in production, saying why", async () => {
    const db = await emptyDatabase("sqlite");
    expect((await setup(db.url)).code).toBe(0);
    const started = await boot({ DATABASE_URL: db.url, NODE_ENV: "production", SESSION_STORAGE: "memory" });
    expect(started.code).not.toBe(0);
    expect(started.output).toContain("SESSION_STORAGE=memory refused in production");
    expect(started.output).toContain("lost on every restart");

    const allowed = await boot({
      DATABASE_URL: db.url,
      NODE_ENV: "production",
      SESSION_STORAGE: "memory",
      ALLOW_MEMORY_SESSION_STORAGE: "true",
    });
    expect(allowed.code).toBe(0);
  });

  it("names the variable and the problem for a malformed DATABASE_URL", async () => {
    const result = await setup("postgres://user:s3cret@db.example.com:5432");
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("names no database");
    expect(result.output).not.toContain("s3cret");
  });

  it.skipIf(!pgAvailable)("creates the tables in an empty PostgreSQL database, and a second run changes nothing", async () => {
    const db = await emptyDatabase("postgresql");
    const first = await setup(db.url);
    expect(first.output).toContain("20261121000000_init");
    expect(first.code).toBe(0);
    const models = Prisma.dmmf.datamodel.models.map((model) => model.name);
    expect(await tableNames(db.url)).toEqual([...models, "_prisma_migrations"].sort());

    const second = await setup(db.url);
    expect(second.code).toBe(0);
    expect(second.output).toContain("No pending migrations to apply");

    const status = await run("npx", ["prisma", "migrate", "status"], { DATABASE_URL: db.url });
    expect(status.output).toContain("Database schema is up to date");
    expect(status.code).toBe(0);
  });

  it.skipIf(!pgAvailable)("stops at boot with a redacted URL when a PostgreSQL database has no tables", async () => {
    const db = await emptyDatabase("postgresql");
    expect((await generateClientFor(db.url)).code).toBe(0);
    const url = new URL(db.url);
    url.password = "s3cret";
    const started = await boot({ DATABASE_URL: url.toString() });
    expect(started.code).not.toBe(0);
    expect(started.output).toContain("The Session table does not exist");
    expect(started.output).toContain("npm run setup");
    expect(started.output).toContain(":***@");
    expect(started.output).not.toContain("s3cret");
  });

  it.skipIf(!pgAvailable)("says which provider the client was generated for when DATABASE_URL changed", async () => {
    // The client is generated for PostgreSQL; then the URL is changed to SQLite.
    const server = await emptyDatabase("postgresql");
    expect((await generateClientFor(server.url)).code).toBe(0);
    const db = await emptyDatabase("sqlite");
    await applyMigrations(db);
    const started = await boot({ DATABASE_URL: db.url });
    expect(started.code).not.toBe(0);
    expect(started.output).toContain("Prisma Client was generated for postgresql");
    expect(started.output).toContain("is a sqlite database");
    expect(started.output).toContain("npm run setup");
  });

  it.skipIf(!pgAvailable)("refuses a database migrated from another history", async () => {
    const db = await emptyDatabase("postgresql");
    // What Shopify's template (or the SQLite history) leaves behind.
    await withPg(async (client) => {
      await client.query(`CREATE TABLE "_prisma_migrations" (
      id VARCHAR(36) PRIMARY KEY, checksum VARCHAR(64) NOT NULL, finished_at TIMESTAMPTZ,
      migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMPTZ,
      started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0)`);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
       VALUES ('1', 'x', now(), '20240530213853_create_session_table', 1)`,
      );
    }, db.url);

    const result = await setup(db.url);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("20240530213853_create_session_table");
    expect(result.output).toContain("prisma/postgresql/migrations");
    expect(await tableNames(db.url)).toEqual(["_prisma_migrations"]);
  });
});

describe.skipIf(!pgAvailable)("the PostgreSQL `name` shim of the migrate CLI", () => {
  const query = { sql: "SELECT 'Session'::name AS table_name", args: [], argTypes: [] };

  it("is still needed: adapter-pg cannot read `name` columns (prisma/orm#27403)", async () => {
    // When this fails, upstream reads `name` itself: delete withPgNameAsText.
    const adapter = await new PrismaPg({ connectionString: SERVER_URLS.postgresql }).connect();
    try {
      await expect(adapter.queryRaw(query)).rejects.toThrow(/UnsupportedNativeDataType|name/);
    } finally {
      await adapter.dispose();
    }
  });

  it("reads `name` columns as text", async () => {
    const factory = withPgNameAsText(new PrismaPg({ connectionString: SERVER_URLS.postgresql }));
    const adapter = await factory.connect();
    try {
      const result = await adapter.queryRaw(query);
      expect(result.rows).toEqual([["Session"]]);
    } finally {
      await adapter.dispose();
    }
  });
});
