/**
 * One engine process for the multi-process tests, on the PostgreSQL database
 * in DATABASE_URL, with its own Admin API simulator journaling every call to
 * SHOPIFY_SIMULATOR_JOURNAL.
 *   ENGINE_MODE=tick-runner  ticks (at TICK_AT) from START_AT until nothing is due, then exits
 *   ENGINE_MODE=worker       a pg-boss billing worker until SIGTERM
 */
import { setTimeout as sleep } from "node:timers/promises";
import { resolveDatabase } from "../../app/db/database-url.server";
import { createPrismaClient } from "../../app/db/database.server";
import { startBillingWorker } from "../../app/scheduler/pg-boss.server";
import { runTick } from "../../app/scheduler/tick.server";
import { startAdminApiSimulator } from "../../simulator/node";
import { testEngineDeps } from "./engine";
import { providerClient } from "./prisma-clients";

const env = process.env;
const simulator = startAdminApiSimulator({ apiKey: "key", apiSecret: "secret", journalPath: env.SHOPIFY_SIMULATOR_JOURNAL, latencyMs: 5 });
const prisma = createPrismaClient(resolveDatabase(env).runtime, providerClient("postgresql"));
const deps = testEngineDeps(prisma);

if (env.ENGINE_MODE === "tick-runner") {
  await sleep(Math.max(0, Number(env.START_AT) - Date.now()));
  let claimed = 0;
  for (let idle = 0; idle < 2; ) {
    const summary = await runTick(deps, { now: new Date(env.TICK_AT!), limit: 10, concurrency: 4 });
    claimed += summary.claimed;
    idle = summary.claimed === 0 ? idle + 1 : 0;
  }
  console.log(JSON.stringify({ claimed }));
  await prisma.$disconnect();
  simulator.close();
} else {
  const boss = await startBillingWorker(deps, { connectionString: env.DATABASE_URL!, tickCron: null, pollingIntervalSeconds: 0.5, concurrency: 4 });
  console.log("ready");
  process.on("SIGTERM", async () => {
    await boss.stop({ graceful: true, timeout: 10_000 });
    await prisma.$disconnect();
    simulator.close();
    process.exit(0);
  });
}
