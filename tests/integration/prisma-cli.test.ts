/**
 * `npm run setup` and the guard rails around it, run as a user runs them:
 * real commands in child processes against real databases.
 *
 * The cases of each provider run concurrently, each with its own database.
 * What they share is the app's one generated client (node_modules/.prisma):
 * `npm run setup` and `prisma generate` write it for the URL's provider and a
 * booting app reads it, so those steps take turns through `generatedClient`.
 * At the end the client is generated again for the developer's own
 * DATABASE_URL, unless it already is.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma } from "@prisma/client";
import { afterAll, describe, inject, it } from "vitest";
import { resolveDatabase, type Provider } from "../../app/db/database-url.server";
import { withPgNameAsText } from "../../prisma/migrate-adapter";
import { applyMigrations, createEmptyDatabase, SERVER_URLS, withPg, type EmptyDatabase } from "../support/databases";

const ROOT = path.resolve(import.meta.dirname, "../..");
const pgAvailable = inject("availableProviders").includes("postgresql");

type Result = {
  code: number;
  output: string;
  /** How long the process stayed alive after its last output. */
  idleBeforeExitMs: number;
};

/** Runs a command with the given DATABASE_URL (and nothing from the developer's .env). */
function run(command: string, args: string[], env: Record<string, string>): Promise<Result> {
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
  for (const key of ["DIRECT_URL", "SESSION_STORAGE", "ALLOW_MEMORY_SESSION_STORAGE"]) {
    if (!(key in env)) delete childEnv[key];
  }
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env: childEnv as NodeJS.ProcessEnv, timeout: 60_000 });
    let output = "";
    let lastOutputAt = performance.now();
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      lastOutputAt = performance.now();
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", (error) => resolve({ code: 1, output: `${output}${error.message}`, idleBeforeExitMs: 0 }));
    child.on("close", (code) =>
      resolve({ code: code ?? 1, output, idleBeforeExitMs: performance.now() - lastOutputAt }),
    );
  });
}

const CLIENT_SCHEMA = path.join(ROOT, "node_modules/.prisma/client/schema.prisma");

/** The provider node_modules/.prisma/client is generated for, if any. */
function generatedFor(): string | undefined {
  if (!existsSync(CLIENT_SCHEMA)) return undefined;
  return /datasource\s+\w+\s*\{[^}]*?\bprovider\s*=\s*"(\w+)"/.exec(readFileSync(CLIENT_SCHEMA, "utf8"))?.[1];
}

/**
 * Turns at the generated client. Any number of cases may generate it for one
 * provider at once (they write the same files), or boot the app with it once
 * it is generated for their provider; but nothing boots while it is being
 * written, and it is never written for two providers at once.
 */
const generatedClient = {
  holders: 0,
  heldFor: "",
  waiting: [] as (() => void)[],

  async hold<T>(use: "generate" | "boot", provider: Provider, work: () => Promise<T>): Promise<T> {
    const key = `${use} ${provider}`;
    while (this.holders > 0 && this.heldFor !== key) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.holders++;
    this.heldFor = key;
    try {
      return await work();
    } finally {
      if (--this.holders === 0) for (const wake of this.waiting.splice(0)) wake();
    }
  },
};

/** What `prisma generate` needs to generate the client for a provider (it connects to nothing). */
const GENERATE_URL: Record<"sqlite" | "postgresql", string> = { sqlite: "", postgresql: SERVER_URLS.postgresql };

const setup = (db: EmptyDatabase) =>
  generatedClient.hold("generate", db.provider, () => run("npm", ["run", "setup"], { DATABASE_URL: db.url }));
const generateClientFor = (db: EmptyDatabase) =>
  generatedClient.hold("generate", db.provider, () => run("npx", ["prisma", "generate"], { DATABASE_URL: db.url }));

/**
 * Starts app/db/client.server.ts the way the server does at boot, with the
 * app's client generated for `client` (generated first if it is not).
 */
async function boot(client: "sqlite" | "postgresql", env: Record<string, string>): Promise<Result> {
  for (;;) {
    const started = await generatedClient.hold("boot", client, async () =>
      generatedFor() === client
        ? run(
            process.execPath,
            ["--import", "tsx", "--input-type=module", "-e", "await import('./app/db/client.server.ts')"],
            env,
          )
        : undefined,
    );
    if (started) return started;
    await generatedClient.hold("generate", client, () =>
      run("npx", ["prisma", "generate"], { DATABASE_URL: GENERATE_URL[client] }),
    );
  }
}

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

/** The provider the developer's own client is for, when that is clear (no .env to consult). */
function developersProvider(): string | undefined {
  if (existsSync(path.join(ROOT, ".env"))) return undefined;
  try {
    return resolveDatabase({ DATABASE_URL: process.env.DATABASE_URL }).migrations.provider;
  } catch {
    return undefined;
  }
}

afterAll(async () => {
  // Leave the app's client generated for the developer's own database.
  const own = developersProvider();
  if (!own || generatedFor() !== own) {
    await run("npx", ["prisma", "generate"], process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {});
  }
  await Promise.all(created.map((db) => db.drop()));
}, 120_000);

/** Prisma's notice when a schema url is set next to prisma.config.ts's driver adapter (prisma/schemas.ts). */
const UNUSED_URL_WARNING = "will NOT be used";
/** With Prisma's schema engine holding the process after its work (prisma/migrate-adapter.ts) this was 10 s. */
const MAX_IDLE_BEFORE_EXIT_MS = 5_000;

// Tests within a block run concurrently; the PostgreSQL block runs first, then the SQLite one.
describe.skipIf(!pgAvailable)("npm run setup, PostgreSQL", { timeout: 60_000 }, () => {
  it.concurrent("creates the tables in an empty PostgreSQL database, and a second run changes nothing", async ({ expect }) => {
    const db = await emptyDatabase("postgresql");
    const first = await setup(db);
    expect(first.output).toContain("20261121000000_init");
    expect(first.code).toBe(0);
    expect(first.output).not.toContain(UNUSED_URL_WARNING);
    expect(first.idleBeforeExitMs, "`npm run setup` stayed alive after its work").toBeLessThan(MAX_IDLE_BEFORE_EXIT_MS);
    const models = Prisma.dmmf.datamodel.models.map((model) => model.name);
    expect(await tableNames(db.url)).toEqual([...models, "_prisma_migrations"].sort());

    const second = await setup(db);
    expect(second.code).toBe(0);
    expect(second.output).toContain("No pending migrations to apply");
    expect(second.idleBeforeExitMs, "`npm run setup` stayed alive after its work").toBeLessThan(MAX_IDLE_BEFORE_EXIT_MS);

    const status = await run("npx", ["prisma", "migrate", "status"], { DATABASE_URL: db.url });
    expect(status.output).toContain("Database schema is up to date");
    expect(status.code).toBe(0);
  });

  it.concurrent("stops at boot with a redacted URL when a PostgreSQL database has no tables", async ({ expect }) => {
    const db = await emptyDatabase("postgresql");
    expect((await generateClientFor(db)).code).toBe(0);
    const url = new URL(db.url);
    url.password = "s3cret";
    const started = await boot("postgresql", { DATABASE_URL: url.toString() });
    expect(started.code).not.toBe(0);
    expect(started.output).toContain("The Session table does not exist");
    expect(started.output).toContain("npm run setup");
    expect(started.output).toContain(":***@");
    expect(started.output).not.toContain("s3cret");
  });

  it.concurrent("says which provider the client was generated for when DATABASE_URL changed", async ({ expect }) => {
    // The client is generated for PostgreSQL; then the URL is changed to SQLite.
    const server = await emptyDatabase("postgresql");
    expect((await generateClientFor(server)).code).toBe(0);
    const db = await emptyDatabase("sqlite");
    await applyMigrations(db);
    const started = await boot("postgresql", { DATABASE_URL: db.url });
    expect(started.code).not.toBe(0);
    expect(started.output).toContain("Prisma Client was generated for postgresql");
    expect(started.output).toContain("is a sqlite database");
    expect(started.output).toContain("npm run setup");
  });

  it.concurrent("refuses a database migrated from another history", async ({ expect }) => {
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

    const result = await setup(db);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("20240530213853_create_session_table");
    expect(result.output).toContain("prisma/postgresql/migrations");
    expect(await tableNames(db.url)).toEqual(["_prisma_migrations"]);
  });
});

describe("npm run setup, SQLite", { timeout: 60_000 }, () => {
  it.concurrent("creates the tables in an empty SQLite file, and a second run changes nothing", async ({ expect }) => {
    const db = await emptyDatabase("sqlite");
    const first = await setup(db);
    expect(first.output).toContain("20261121000000_init");
    expect(first.output).toContain("20261122000000_app_surface");
    expect(first.code).toBe(0);
    expect(first.output).not.toContain(UNUSED_URL_WARNING);

    const second = await setup(db);
    expect(second.code).toBe(0);
    expect(second.output).toContain("No pending migrations to apply");

    const started = await boot("sqlite", { DATABASE_URL: db.url, NODE_ENV: "production" });
    expect(started.output).toBe("");
    expect(started.code).toBe(0);
  });

  it.concurrent("refuses memory session storage in production, saying why", async ({ expect }) => {
    const db = await emptyDatabase("sqlite");
    expect((await setup(db)).code).toBe(0);
    const started = await boot("sqlite", { DATABASE_URL: db.url, NODE_ENV: "production", SESSION_STORAGE: "memory" });
    expect(started.code).not.toBe(0);
    expect(started.output).toContain("SESSION_STORAGE=memory refused in production");
    expect(started.output).toContain("lost on every restart");

    const allowed = await boot("sqlite", {
      DATABASE_URL: db.url,
      NODE_ENV: "production",
      SESSION_STORAGE: "memory",
      ALLOW_MEMORY_SESSION_STORAGE: "true",
    });
    expect(allowed.code).toBe(0);
  });

  it.concurrent("stops the app at boot, naming `npm run setup`, when the tables are missing", async ({ expect }) => {
    const db = await emptyDatabase("sqlite");
    const started = await boot("sqlite", { DATABASE_URL: db.url });
    expect(started.code).not.toBe(0);
    expect(started.output).toContain("The Session table does not exist");
    expect(started.output).toContain("npm run setup");
    expect(started.output).toContain(db.url.replace("file:", ""));
  });

  it.concurrent("names the variable and the problem for a malformed DATABASE_URL", async ({ expect }) => {
    // The configuration refuses the URL before anything is generated.
    const result = await run("npm", ["run", "setup"], { DATABASE_URL: "postgres://user:s3cret@db.example.com:5432" });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("names no database");
    expect(result.output).not.toContain("s3cret");
  });
});

describe.skipIf(!pgAvailable)("the PostgreSQL `name` shim of the migrate CLI", () => {
  const query = { sql: "SELECT 'Session'::name AS table_name", args: [], argTypes: [] };

  it("is still needed: adapter-pg cannot read `name` columns (prisma/orm#27403)", async ({ expect }) => {
    // When this fails, upstream reads `name` itself: delete withPgNameAsText.
    const adapter = await new PrismaPg({ connectionString: SERVER_URLS.postgresql }).connect();
    try {
      await expect(adapter.queryRaw(query)).rejects.toThrow(/UnsupportedNativeDataType|name/);
    } finally {
      await adapter.dispose();
    }
  });

  it("reads `name` columns as text", async ({ expect }) => {
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
