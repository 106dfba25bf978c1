/**
 * One tick in a process of its own, sending through SMTP_URL, on the
 * PostgreSQL database in DATABASE_URL at TICK_AT, with its own Admin API
 * simulator: tests/integration/notifications.test.ts kills it with SIGKILL
 * while the SMTP server holds its message.
 */
import { resolveDatabase } from "../../app/db/database-url.server";
import { createPrismaClient } from "../../app/db/database.server";
import { createMailer } from "../../app/notifications/mailer.server";
import { runTick } from "../../app/scheduler/tick.server";
import { startAdminApiSimulator } from "../../simulator/node";
import { testEngineDeps } from "./engine";
import { providerClient } from "./prisma-clients";

const env = process.env;
const simulator = startAdminApiSimulator({ apiKey: "key", apiSecret: "secret" });
const prisma = createPrismaClient(resolveDatabase(env).runtime, providerClient("postgresql"));
const deps = testEngineDeps(prisma, () => {}, createMailer({ transport: "smtp", smtpUrl: env.SMTP_URL }, () => {}));
const summary = await runTick(deps, { now: new Date(env.TICK_AT!) });
console.log(JSON.stringify(summary));
await prisma.$disconnect();
simulator.close();
