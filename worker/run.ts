/**
 * `npm run worker`: a billing worker process on PostgreSQL (pg-boss).
 * Run as many as the load needs; set BILLING_SCHEDULER=pg-boss on the web
 * servers so they leave ticking to the workers. Stops cleanly on SIGTERM.
 */
import { resolveDatabase } from "../app/db/database-url.server";
import { readDatabaseEnv, readWorkerEnv } from "../app/env.server";

const databaseEnv = readDatabaseEnv();
const { PGBOSS_DATABASE_URL, WORKER_CONCURRENCY } = readWorkerEnv();
const database = resolveDatabase(databaseEnv).runtime;
if (database.provider !== "postgresql") {
  console.error(`npm run worker needs PostgreSQL (pg-boss); DATABASE_URL is ${database.provider}. Use BILLING_SCHEDULER=in-process or cron instead.`);
  process.exit(1);
}

// Only now: loading the app connects to the database and checks its tables.
const { engineDeps } = await import("../app/scheduler/app-deps.server");
const { startBillingWorker } = await import("../app/scheduler/pg-boss.server");

const boss = await startBillingWorker(engineDeps, {
  // PostgreSQL (checked above), so DATABASE_URL is set.
  connectionString: PGBOSS_DATABASE_URL ?? databaseEnv.DIRECT_URL ?? databaseEnv.DATABASE_URL!,
  concurrency: WORKER_CONCURRENCY,
});
engineDeps.log("info", "billing worker started", {});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    await boss.stop({ graceful: true, timeout: 30_000 });
    await engineDeps.prisma.$disconnect();
    process.exit(0);
  });
}
