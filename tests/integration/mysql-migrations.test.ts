/**
 * Prisma's WebAssembly schema engine has no MySQL connector, so the MySQL
 * history cannot be generated or applied by Prisma here. This applies the
 * checked-in SQL to MariaDB and checks, by introspection, every table,
 * column type, nullability, default and index against the model as Prisma
 * itself reads it (getDMMF of prisma/mysql/schema.prisma).
 */
import { readFileSync } from "node:fs";
import internals from "@prisma/internals";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { schemaPath } from "../../prisma/schemas";
import { applyMigrations, createEmptyDatabase, withMariadb, type EmptyDatabase } from "../support/databases";

const available = inject("availableProviders").includes("mysql");

type Column = { table: string; name: string; type: string; nullable: boolean; default: string | null; autoIncrement: boolean };
type Index = { table: string; name: string; unique: boolean; columns: string[] };

/** What MariaDB should report for each field of the model, in Prisma's MySQL mapping. */
async function expectedShape(): Promise<{ columns: Column[]; indexes: Index[] }> {
  const dmmf = await internals.getDMMF({ datamodel: readFileSync(schemaPath("mysql"), "utf8") });
  const columns: Column[] = [];
  for (const model of dmmf.datamodel.models) {
    for (const field of model.fields) {
      const [native, nativeArgs] = field.nativeType ?? [];
      const type =
        native === "Text"
          ? "text"
          : native === "VarChar"
            ? `varchar(${nativeArgs?.[0] ?? 191})`
            : ({ String: "varchar(191)", Int: "int(11)", BigInt: "bigint(20)", Boolean: "tinyint(1)", DateTime: "datetime(3)" } as Record<string, string>)[field.type as string];
      if (!type) throw new Error(`No MySQL mapping in this test for ${model.name}.${field.name}: ${String(field.type)}`);
      const def = field.default as unknown;
      const isFunction = typeof def === "object" && def !== null && "name" in def;
      const autoIncrement = isFunction && (def as { name: string }).name === "autoincrement";
      let expectedDefault: string | null = null;
      if (isFunction && (def as { name: string }).name === "now") expectedDefault = "current_timestamp(3)";
      else if (typeof def === "boolean") expectedDefault = def ? "1" : "0";
      else if (typeof def === "number") expectedDefault = String(def);
      else if (typeof def === "string") expectedDefault = `'${def}'`;
      columns.push({ table: model.name, name: field.name, type, nullable: !field.isRequired, default: expectedDefault, autoIncrement });
    }
  }
  const indexes: Index[] = dmmf.datamodel.indexes.map((index) => {
    const fields = index.fields.map((f) => f.name);
    const name =
      index.type === "id"
        ? "PRIMARY"
        : (index.dbName ?? `${index.model}_${fields.join("_")}_${index.type === "unique" ? "key" : "idx"}`);
    return { table: index.model, name, unique: index.type !== "normal", columns: fields };
  });
  return { columns: sortColumns(columns), indexes: sortIndexes(indexes) };
}

const sortColumns = (c: Column[]) => c.sort((a, b) => `${a.table}.${a.name}`.localeCompare(`${b.table}.${b.name}`));
const sortIndexes = (i: Index[]) => i.sort((a, b) => `${a.table}.${a.name}`.localeCompare(`${b.table}.${b.name}`));

let db: EmptyDatabase;
beforeAll(async () => {
  if (!available) return;
  db = await createEmptyDatabase("mysql");
  await applyMigrations(db);
});
afterAll(async () => {
  if (available) await db.drop();
});

it.skipIf(!available)("the checked-in MySQL history matches the model in MariaDB", async () => {
  const schema = new URL(db.url).pathname.slice(1);
  await withMariadb(async (conn) => {
    const columnRows: Record<string, string | null>[] = await conn.query(
      `SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA FROM information_schema.COLUMNS
        WHERE TABLE_SCHEMA = ? AND TABLE_NAME != '_prisma_migrations'`,
      [schema],
    );
    const indexRows: { TABLE_NAME: string; INDEX_NAME: string; NON_UNIQUE: number | bigint; COLUMN_NAME: string }[] =
      await conn.query(
        `SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME FROM information_schema.STATISTICS
          WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`,
        [schema],
      );
    const columns = sortColumns(
      columnRows.map((row) => ({
        table: row.TABLE_NAME!,
        name: row.COLUMN_NAME!,
        type: row.COLUMN_TYPE!,
        nullable: row.IS_NULLABLE === "YES",
        // MariaDB reports "NULL" for a nullable column without a default.
        default: row.COLUMN_DEFAULT === "NULL" ? null : row.COLUMN_DEFAULT,
        autoIncrement: (row.EXTRA ?? "").includes("auto_increment"),
      })),
    );
    const byName = new Map<string, Index>();
    for (const row of indexRows) {
      const key = `${row.TABLE_NAME}.${row.INDEX_NAME}`;
      const index = byName.get(key) ?? { table: row.TABLE_NAME, name: row.INDEX_NAME, unique: Number(row.NON_UNIQUE) === 0, columns: [] };
      index.columns.push(row.COLUMN_NAME);
      byName.set(key, index);
    }

    const expected = await expectedShape();
    expect(expected.columns.length).toBeGreaterThan(20);
    expect(columns).toEqual(expected.columns);
    expect(sortIndexes([...byName.values()])).toEqual(expected.indexes);

    const [{ collation }] = await conn.query(
      "SELECT TABLE_COLLATION AS collation FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'Session'",
      [schema],
    );
    expect(collation).toBe("utf8mb4_unicode_ci");
  }, db.url);
});
