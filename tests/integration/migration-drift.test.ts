/**
 * Each provider's migration history must build exactly the schema that
 * prisma/models.prisma describes. For SQLite and PostgreSQL two databases are
 * compared by introspection: one built from the checked-in history, one from
 * the SQL Prisma derives from the schema (`migrate diff --from-empty`).
 * MySQL is checked against the model itself in mysql-migrations.test.ts.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { createClient } from "@libsql/client";
import { afterAll, describe, expect, it } from "vitest";
import { PROVIDERS } from "../../app/db/database-url.server";
import { composeSchema, schemaPath } from "../../prisma/schemas";
import { applyMigrations, createEmptyDatabase, withPg, type EmptyDatabase } from "../support/databases";
import { providerCases } from "../support/providers";

const ROOT = path.resolve(import.meta.dirname, "../..");
const exec = promisify(execFile);

it.each(PROVIDERS)("prisma/%s/schema.prisma is composed from prisma/models.prisma", (provider) => {
  expect(readFileSync(schemaPath(provider), "utf8"), "run `npm run db:schemas`").toBe(composeSchema(provider));
});

async function schemaSql(provider: "sqlite" | "postgresql"): Promise<string> {
  const { stdout } = await exec(
    path.join(ROOT, "node_modules/.bin/prisma"),
    ["migrate", "diff", "--from-empty", "--to-schema-datamodel", schemaPath(provider), "--script"],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: "" } },
  );
  return stdout;
}

async function describeSqlite(url: string) {
  const client = createClient({ url });
  try {
    const tables = await client.execute(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != '_prisma_migrations' ORDER BY name",
    );
    const shape: Record<string, unknown> = {};
    for (const { name } of tables.rows) {
      const columns = await client.execute(`PRAGMA table_info("${name}")`);
      const indexes = await client.execute(`PRAGMA index_list("${name}")`);
      const indexShapes = [];
      for (const index of indexes.rows) {
        const cols = await client.execute(`PRAGMA index_info("${index.name}")`);
        indexShapes.push({ name: index.name, unique: index.unique, columns: cols.rows.map((c) => c.name) });
      }
      shape[String(name)] = {
        // By name: a migration appends new columns, a fresh schema lists them in model order.
        columns: columns.rows
          .map(({ name, type, notnull, dflt_value, pk }) => ({ name, type, notnull, dflt_value, pk }))
          .sort((a, b) => String(a.name).localeCompare(String(b.name))),
        indexes: indexShapes.sort((a, b) => String(a.name).localeCompare(String(b.name))),
      };
    }
    return shape;
  } finally {
    client.close();
  }
}

function describePostgres(url: string) {
  return withPg(async (client) => {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default, character_maximum_length, datetime_precision
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name != '_prisma_migrations'
        ORDER BY table_name, column_name`,
    );
    const indexes = await client.query(
      `SELECT tablename, indexname, indexdef FROM pg_indexes
        WHERE schemaname = 'public' AND tablename != '_prisma_migrations' ORDER BY tablename, indexname`,
    );
    return { columns: columns.rows, indexes: indexes.rows };
  }, url);
}

const created: EmptyDatabase[] = [];
afterAll(async () => {
  for (const db of created) await db.drop();
});

describe.each(providerCases().filter(({ provider }) => provider !== "mysql"))(
  "the $provider history",
  ({ provider, available }) => {
    it.skipIf(!available)("builds the same tables, columns and indexes as the schema", async () => {
      const p = provider as "sqlite" | "postgresql";
      const fromHistory = await createEmptyDatabase(p);
      const fromSchema = await createEmptyDatabase(p);
      created.push(fromHistory, fromSchema);

      await applyMigrations(fromHistory);
      const sql = await schemaSql(p);
      if (p === "sqlite") {
        const client = createClient({ url: fromSchema.url });
        await client.executeMultiple(sql);
        client.close();
      } else {
        await withPg((client) => client.query(sql), fromSchema.url);
      }

      const describeDb = p === "sqlite" ? describeSqlite : describePostgres;
      const expected = await describeDb(fromSchema.url);
      expect(JSON.stringify(expected).length).toBeGreaterThan(100);
      expect(await describeDb(fromHistory.url), "a migration is missing: see README, Changing the data model").toEqual(
        expected,
      );
    });
  },
);
