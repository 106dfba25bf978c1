/**
 * The billing scheduler on PostgreSQL, side by side in one run:
 *
 * 1. Due-shop selection among 1k, 10k and 100k schedules: this project's
 *    indexed query on nextRunAt (one tick's batch of 100, and every due
 *    shop) against a full scan in the manner of Shopify's reference app:
 *    page through every active schedule 1000 at a time and keep those whose
 *    local billing hour, converted with that day's offset, is the current
 *    UTC hour (written here from its description, with luxon as it uses).
 * 2. Tick throughput against the simulator (50 ms per Admin API call): shops
 *    charged per second with 1 and 4 workers.
 *
 *   tsx bench/scheduler.bench.ts     BENCH_QUICK=1 for a short run
 */
import { performance } from "node:perf_hooks";
import type { PrismaClient } from "@prisma/client";
import { DateTime } from "luxon";
import { upcomingRun } from "../app/billing/schedule";
import { findDueSchedules } from "../app/billing/scheduled-charges.server";
import { runTick } from "../app/scheduler/tick.server";
import { startAdminApiSimulator } from "../simulator/node";
import { createTestDatabase, serviceAvailable } from "../tests/support/databases";
import { testEngineDeps } from "../tests/support/engine";

const QUICK = ["1", "true"].includes(process.env.BENCH_QUICK ?? "");
const SIZES = QUICK ? [1_000, 10_000] : [1_000, 10_000, 100_000];
const ROUNDS = QUICK ? 3 : 7;
const ZONES = ["UTC", "America/Toronto", "America/Los_Angeles", "America/Sao_Paulo", "Europe/London", "Europe/Paris", "Europe/Helsinki", "Africa/Lagos", "Asia/Dubai", "Asia/Kolkata", "Asia/Kathmandu", "Asia/Singapore", "Asia/Tokyo", "Australia/Adelaide", "Australia/Sydney", "Pacific/Auckland"];
const NOW = new Date("2026-11-21T14:00:00Z");

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Shopify's reference app: every active schedule, paged by id, filtered in memory. */
async function referenceFullScan(prisma: PrismaClient, now: Date): Promise<string[]> {
  const compareTo = DateTime.fromJSDate(now, { zone: "utc" }).startOf("hour");
  const due: string[] = [];
  let cursor: number | undefined;
  for (;;) {
    const page = await prisma.billingSchedule.findMany({
      where: { active: true },
      orderBy: { id: "asc" },
      take: 1000,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    for (const schedule of page) {
      const timeUtc = compareTo.setZone(schedule.timezone).set({ hour: schedule.hour }).startOf("hour").setZone("utc");
      if (timeUtc.equals(compareTo)) due.push(schedule.shop);
    }
    if (page.length < 1000) return due;
    cursor = page[page.length - 1].id;
  }
}

async function seed(prisma: PrismaClient, count: number, from: number): Promise<void> {
  // Schedules as the scheduler leaves them: each next run computed an hour before NOW.
  const before = new Date(NOW.getTime() - 3600_000);
  for (let start = from; start < count; start += 5000) {
    const rows = [];
    for (let i = start; i < Math.min(count, start + 5000); i++) {
      const timezone = ZONES[i % ZONES.length];
      const hour = (i * 7) % 24;
      rows.push({ shop: `bench-${i}.myshopify.com`, hour, timezone, nextRunAt: upcomingRun({ hour, timezone }, { lastRunAt: null, now: before }) });
    }
    await prisma.billingSchedule.createMany({ data: rows });
  }
  await prisma.$executeRawUnsafe('ANALYZE "BillingSchedule"');
}

async function selectionBenchmark() {
  const db = await createTestDatabase("postgresql");
  console.log(`\n## Due-shop selection, PostgreSQL, tick at ${NOW.toISOString()} (median of ${ROUNDS}, ms)\n`);
  console.log("| schedules | due (this project / reference) | this project: one batch (100) | this project: every due shop | reference: full scan | full scan / batch | full scan / every due |");
  console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  let referenceCount = 0;
  const differences: string[] = [];
  const rows: Array<{ n: number; batch: number; all: number; scan: number }> = [];
  try {
    let seeded = 0;
    for (const n of SIZES) {
      await seed(db.prisma, n, seeded);
      seeded = n;
      const batch: number[] = [];
      const all: number[] = [];
      const scan: number[] = [];
      let dueCount = 0;
      for (let round = 0; round < ROUNDS; round++) {
        // Alternate, so neither side gets a warmer cache.
        let t = performance.now();
        await findDueSchedules(db.prisma, NOW, 100);
        batch.push(performance.now() - t);
        t = performance.now();
        const ours = await findDueSchedules(db.prisma, NOW, 1_000_000);
        all.push(performance.now() - t);
        dueCount = ours.length;
        t = performance.now();
        const reference = await referenceFullScan(db.prisma, NOW);
        scan.push(performance.now() - t);
        referenceCount = reference.length;
        if (round === 0 && n === SIZES.at(-1)) {
          const theirs = new Set(reference);
          const onlyOurs = ours.filter((schedule) => !theirs.has(schedule.shop)).map((schedule) => schedule.shop);
          const zones = new Set(onlyOurs.map((shop) => ZONES[Number(/bench-(\d+)/.exec(shop)![1]) % ZONES.length]));
          if (onlyOurs.length) differences.push(`${onlyOurs.length} due shops the reference scan misses, all in ${[...zones].join(", ")}`);
        }
        if (round === 0 && Math.abs(reference.length - dueCount) > dueCount * 0.5) {
          throw new Error(`the two selections disagree: ${dueCount} due vs ${reference.length} in the reference scan`);
        }
      }
      const row = { n, batch: median(batch), all: median(all), scan: median(scan) };
      rows.push(row);
      console.log(
        `| ${n.toLocaleString("en")} | ${dueCount} / ${referenceCount} | ${row.batch.toFixed(2)} | ${row.all.toFixed(2)} | ${row.scan.toFixed(1)} | ${(row.scan / row.batch).toFixed(0)}x | ${(row.scan / row.all).toFixed(0)}x |`,
      );
    }
  } finally {
    await db.close();
  }
  if (differences.length) console.log(`\nAt ${SIZES.at(-1)!.toLocaleString("en")} schedules: ${differences.join("; ")} (its exact-hour test never matches a zone whose offset is not whole hours).`);
  const first = rows[0];
  const last = rows.at(-1)!;
  const growth = last.n / first.n;
  console.log(
    `\nFrom ${first.n.toLocaleString("en")} to ${last.n.toLocaleString("en")} schedules (${growth}x): one batch ${(last.batch / first.batch).toFixed(1)}x, every due shop ${(last.all / first.all).toFixed(1)}x, full scan ${(last.scan / first.scan).toFixed(1)}x.`,
  );
}

async function throughputBenchmark() {
  const shops = QUICK ? 40 : 200;
  const latencyMs = 50;
  const running = startAdminApiSimulator({ apiKey: "key", apiSecret: "secret", latencyMs });
  const db = await createTestDatabase("postgresql");
  const deps = testEngineDeps(db.prisma);
  console.log(`\n## Tick throughput, PostgreSQL, simulator answering in ${latencyMs} ms (${shops} due shops, median of ${ROUNDS})\n`);
  console.log("| workers | seconds | shops charged / s |");
  console.log("| ---: | ---: | ---: |");
  try {
    const names = Array.from({ length: shops }, (_, i) => `tick-${i}.myshopify.com`);
    await db.prisma.session.createMany({ data: names.map((shop) => ({ id: `offline_${shop}`, shop, state: "", accessToken: "shpat_x" })) });
    await db.prisma.billingSchedule.createMany({ data: names.map((shop) => ({ shop, nextRunAt: new Date(NOW.getTime() - 60_000) })) });
    const rates: Record<number, number> = {};
    for (const workers of [1, 4]) {
      const seconds: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        await db.prisma.billingRun.deleteMany();
        await db.prisma.billingSchedule.updateMany({ data: { nextRunAt: new Date(NOW.getTime() - 60_000), lastRunAt: null } });
        const t = performance.now();
        const summary = await runTick(deps, { now: NOW, limit: shops, concurrency: workers });
        seconds.push((performance.now() - t) / 1000);
        if (summary.charges.succeeded !== shops) throw new Error(`expected ${shops} charges, got ${JSON.stringify(summary.charges)}`);
      }
      const s = median(seconds);
      rates[workers] = shops / s;
      console.log(`| ${workers} | ${s.toFixed(2)} | ${rates[workers].toFixed(1)} |`);
    }
    console.log(`\n4 workers / 1 worker: ${(rates[4] / rates[1]).toFixed(2)}x`);
  } finally {
    await db.close();
    running.close();
  }
}

if (!(await serviceAvailable("postgresql"))) {
  console.log("scheduler benchmark: PostgreSQL is not reachable; skipped");
} else {
  await selectionBenchmark();
  await throughputBenchmark();
}
