/**
 * /healthz's decision (app/db/health.server.ts) on every provider: up only
 * when the database answers and every migration of the provider's history is
 * applied; 503 (without details) for an empty database, a history with a
 * migration not applied yet, and a database that does not answer.
 */
import { spawnSync } from "node:child_process";
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkHealth, healthResponse, historyFor, migrationsApplied } from "../../app/db/health.server";
import { resolveDatabase } from "../../app/db/database-url.server";
import { createPrismaClient } from "../../app/db/database.server";
import { createEmptyDatabase, type EmptyDatabase } from "../support/databases";
import { providerClient } from "../support/prisma-clients";
import { providerCases } from "../support/providers";

describe("migrationsApplied", () => {
  it.each([
    [["a", "b"], ["a", "b"], true],
    [["a", "b"], ["b", "a", "c"], true],
    [["a", "b"], ["a"], false],
    [["a"], [], false],
    [[], [], true],
  ])("history %j, applied %j → %s", (history, applied, expected) => expect(migrationsApplied(history, applied)).toBe(expected));
});

describe("healthResponse", () => {
  it.each([
    ["ok", 200, "ok"],
    ["migrations-pending", 503, "unavailable"],
    ["database-unavailable", 503, "unavailable"],
  ] as const)("%s → %i %s", (health, status, body) => expect(healthResponse(health)).toEqual({ status, body }));
});

/** `prisma migrate deploy`, as `npm run setup` runs it: the CLI fills _prisma_migrations, which the check reads. */
function migrateDeploy(url: string): void {
  const result = spawnSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url, DIRECT_URL: "" }, encoding: "utf8", timeout: 60_000 });
  if (result.status !== 0) throw new Error(`prisma migrate deploy failed: ${result.stdout}${result.stderr}`);
}

describe.each(providerCases())("the health check on $provider", ({ provider, available }) => {
  const it_ = it.skipIf(!available);
  // The WebAssembly schema engine has no MySQL connector and the native one cannot be downloaded
  // here (ADR 003), so on MySQL only the not-migrated case runs.
  const itMigrated = it.skipIf(!available || provider === "mysql");
  let db: EmptyDatabase;
  let prisma: PrismaClient;
  const history = historyFor(provider);

  beforeAll(async () => {
    if (!available) return;
    db = await createEmptyDatabase(provider);
    prisma = createPrismaClient(resolveDatabase({ DATABASE_URL: db.url }).runtime, providerClient(provider));
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.drop();
  });

  it_("reads the provider's migration history from prisma/<provider>/migrations", () => {
    expect(history.length).toBeGreaterThan(0);
    expect(history).toContain("20261124000000_contracts");
  });

  it_("is not ok on a database nothing was applied to", async () => {
    expect(await checkHealth(prisma, history)).toBe("migrations-pending");
  });

  itMigrated("is ok once prisma migrate deploy has applied the history, and not while a newer migration is pending", async () => {
    migrateDeploy(db.url);
    expect(await checkHealth(prisma, history)).toBe("ok");
    expect(await checkHealth(prisma, [...history, "29991231000000_next"])).toBe("migrations-pending");
  }, 90_000);
});

describe("the health check without a database", () => {
  it("is database-unavailable when PostgreSQL does not answer", async () => {
    const prisma = createPrismaClient(resolveDatabase({ DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2" }).runtime, providerClient("postgresql"));
    try {
      expect(await checkHealth(prisma, ["a"])).toBe("database-unavailable");
    } finally {
      await prisma.$disconnect();
    }
  });
});
