/**
 * Several engine processes on one PostgreSQL database: two tick runners at
 * the same moment, and two pg-boss workers. Every due shop is charged
 * exactly once, counted from the simulators' journals of every process.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendTick } from "../../app/scheduler/pg-boss.server";
import type { RecordedCall } from "../../simulator/admin-api";
import { createTestDatabase, type TestDatabase } from "../support/databases";
import { providerCases } from "../support/providers";

const ROOT = path.resolve(import.meta.dirname, "../..");
const postgres = providerCases().find(({ provider }) => provider === "postgresql")!;
const BULK = "SubscriptionBillingCycleBulkCharge";

function startProcess(env: Record<string, string>): { child: ChildProcess; output: Promise<string>; ready: Promise<void> } {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "tests/support/engine-process.ts")], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "silent", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  let markReady: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout!.on("data", (chunk: Buffer) => {
    out += chunk;
    if (out.includes("ready")) markReady();
  });
  child.stderr!.on("data", (chunk: Buffer) => (err += chunk));
  const output = new Promise<string>((resolve, reject) =>
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`engine process exited ${code}: ${err}`)))),
  );
  return { child, output, ready };
}

function journal(file: string): RecordedCall[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8").trim().split("\n").filter(Boolean).map((line) => JSON.parse(line) as RecordedCall);
}

function chargesPerShop(calls: RecordedCall[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of calls) if (call.operationName === BULK) counts.set(call.shop, (counts.get(call.shop) ?? 0) + 1);
  return counts;
}

async function seedDueShops(db: TestDatabase, count: number, dueAt: Date): Promise<string[]> {
  const shops = Array.from({ length: count }, (_, i) => `multi-${i}.myshopify.com`);
  await db.prisma.session.createMany({ data: shops.map((shop) => ({ id: `offline_${shop}`, shop, state: "", accessToken: "shpat_x" })) });
  await db.prisma.billingSchedule.createMany({ data: shops.map((shop, i) => ({ shop, timezone: ["UTC", "Asia/Kathmandu", "America/Toronto"][i % 3], nextRunAt: dueAt })) });
  return shops;
}

describe.skipIf(!postgres.available)("several engine processes on PostgreSQL", () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase("postgresql");
    dir = mkdtempSync(path.join(tmpdir(), "engine-journal-"));
  });
  afterAll(() => db?.close());

  it("two tick runners started at the same moment charge every due shop exactly once", async () => {
    const tickAt = new Date("2026-11-21T12:00:00Z");
    const shops = await seedDueShops(db, 120, new Date("2026-11-21T11:00:00Z"));
    const startAt = String(Date.now() + 3000);
    const env = { DATABASE_URL: db.url, ENGINE_MODE: "tick-runner", START_AT: startAt, TICK_AT: tickAt.toISOString() };
    const runners = ["a", "b"].map((name) => startProcess({ ...env, SHOPIFY_SIMULATOR_JOURNAL: path.join(dir, `ticks-${name}.jsonl`) }));
    const claimed = (await Promise.all(runners.map((runner) => runner.output))).map((out) => (JSON.parse(out) as { claimed: number }).claimed);

    const counts = chargesPerShop([...journal(path.join(dir, "ticks-a.jsonl")), ...journal(path.join(dir, "ticks-b.jsonl"))]);
    expect(counts.size).toBe(shops.length);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    expect(claimed[0] + claimed[1]).toBe(shops.length);
    expect(await db.prisma.billingRun.count({ where: { status: "succeeded", attempts: 1 } })).toBe(shops.length);
    await db.prisma.billingRun.deleteMany();
    await db.prisma.billingSchedule.deleteMany();
    await db.prisma.session.deleteMany();
  }, 60_000);

  it("two pg-boss workers charge every due shop exactly once, even when the tick is sent twice", async () => {
    const shops = await seedDueShops(db, 80, new Date(Date.now() - 60_000));
    const workers = ["a", "b"].map((name) =>
      startProcess({ DATABASE_URL: db.url, ENGINE_MODE: "worker", SHOPIFY_SIMULATOR_JOURNAL: path.join(dir, `worker-${name}.jsonl`) }),
    );
    await Promise.all(workers.map((worker) => worker.ready));

    const boss = new PgBoss({ connectionString: db.url, max: 1 });
    await boss.start();
    try {
      await sendTick(boss);
      await sendTick(boss);
      await expect
        .poll(() => db.prisma.billingRun.count({ where: { status: "succeeded" } }), { timeout: 40_000, interval: 250 })
        .toBe(shops.length);
    } finally {
      await boss.stop({ graceful: false });
      for (const worker of workers) worker.child.kill("SIGTERM");
      await Promise.all(workers.map((worker) => worker.output));
    }

    const perWorker = ["a", "b"].map((name) => chargesPerShop(journal(path.join(dir, `worker-${name}.jsonl`))));
    const counts = chargesPerShop([...journal(path.join(dir, "worker-a.jsonl")), ...journal(path.join(dir, "worker-b.jsonl"))]);
    expect(counts.size).toBe(shops.length);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    // Both processes took part.
    expect(perWorker.every((calls) => calls.size > 0)).toBe(true);
  }, 90_000);
});
