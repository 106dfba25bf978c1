/**
 * Several processes (an app instance, a worker, a CLI) writing one SQLite
 * file at the same moment: without WAL, the busy timeout and IMMEDIATE
 * transactions (app/db/adapter.server.ts) some of them fail with
 * SQLITE_BUSY "database is locked".
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/databases";

const run = promisify(execFile);
const WRITERS = 4;
const ROUNDS = 40;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase("sqlite");
});
afterAll(async () => {
  await db.close();
});

it("lets concurrent writer processes all succeed, with upserts still single", async () => {
  const script = path.resolve(import.meta.dirname, "../support/sqlite-writer.ts");
  const results = await Promise.allSettled(
    Array.from({ length: WRITERS }, (_, worker) =>
      run(process.execPath, ["--import", "tsx", script, db.url, String(worker), String(ROUNDS)], {
        cwd: path.resolve(import.meta.dirname, "../.."),
      }),
    ),
  );
  const failures = results.flatMap((result) =>
    result.status === "rejected" ? [String((result.reason as { stderr?: string }).stderr ?? result.reason)] : [],
  );
  expect(failures).toEqual([]);

  expect(await db.prisma.session.count()).toBe(WRITERS * ROUNDS);
  expect(await db.prisma.billingSchedule.count()).toBe(5);
  expect(await db.prisma.dunningTracker.count()).toBe(5);
  const [{ journal_mode }] = await db.prisma.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
  expect(journal_mode).toBe("wal");
});
