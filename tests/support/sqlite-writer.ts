/**
 * A separate process that writes to a SQLite database through the app's
 * wiring (tests/integration/sqlite-concurrency.test.ts starts several).
 * Usage: node --import tsx tests/support/sqlite-writer.ts <DATABASE_URL> <worker> <rounds>
 */
import { Session } from "@shopify/shopify-api";
import { createPrismaClient, createSessionStorage } from "../../app/db/database.server";
import { resolveDatabase } from "../../app/db/database-url.server";
import { ensureBillingSchedule } from "../../app/billing/billing-schedule.server";
import { findOrCreateDunningTracker } from "../../app/dunning/tracker.server";
import { providerClient } from "./prisma-clients";

const [url, worker, rounds] = process.argv.slice(2);
const target = resolveDatabase({ DATABASE_URL: url }).runtime;
const prisma = createPrismaClient(target, providerClient("sqlite"));
const sessions = createSessionStorage("prisma", prisma);

for (let i = 0; i < Number(rounds); i++) {
  const shop = `shop-${i % 5}.myshopify.com`;
  await ensureBillingSchedule(prisma, shop, { timezone: "Europe/Berlin" });
  await findOrCreateDunningTracker(prisma, {
    shop,
    contractId: "gid://shopify/SubscriptionContract/1",
    billingCycleIndex: i % 5,
    failureReason: "card_declined",
  });
  await sessions.storeSession(
    new Session({ id: `offline_${worker}_${i}`, shop, state: "s", isOnline: false, accessToken: "t" }),
  );
}
await prisma.$disconnect();
