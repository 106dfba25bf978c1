import type { PrismaClient } from "@prisma/client";
import { COMPLETED_REASONS } from "../app/dunning/tracker-status";
import { ensureDunningSettings } from "../app/dunning/settings.server";
import { saveSettings } from "../app/settings/settings.server";
import { DEFAULT_DUNNING_RULES } from "../app/settings/settings-form";
import { queueEmail } from "../app/notifications/outbox.server";

const FAILURES = ["CARD_DECLINED", "INSUFFICIENT_FUNDS", "EXPIRED_PAYMENT_METHOD", "INSUFFICIENT_INVENTORY"];
const OUTCOMES: Array<string | null> = [
  null,
  COMPLETED_REASONS.PAYMENT_SUCCEEDED,
  null,
  COMPLETED_REASONS.FINAL_ACTION_CANCEL,
  COMPLETED_REASONS.PAYMENT_SUCCEEDED,
  COMPLETED_REASONS.FINAL_ACTION_PAUSE,
];
export const DEMO_TRACKER_COUNT = 45;

/**
 * The demo shop as an install would leave it, plus a history of dunning
 * trackers. Leaves an existing demo shop alone, so changes made in the demo
 * survive a restart.
 */
export async function seedDemoShop(prisma: PrismaClient, shop: string, { scopes }: { scopes: string }): Promise<void> {
  const day = 24 * 3600 * 1000;
  const now = Date.now();
  await prisma.session.upsert({
    where: { id: `offline_${shop}` },
    // The scope too: a demo database from before the app needed a scope would otherwise be sent to the grant screen.
    update: { expires: new Date(now + day), scope: scopes },
    create: {
      id: `offline_${shop}`,
      shop,
      state: "",
      isOnline: false,
      scope: scopes,
      accessToken: "shpat_demo",
      expires: new Date(now + day),
      refreshToken: "shprt_demo",
      refreshTokenExpires: new Date(now + 30 * day),
    },
  });
  if (!(await prisma.billingSchedule.findUnique({ where: { shop } }))) {
    await saveSettings(prisma, shop, {
      hour: 9,
      timezone: "America/Toronto",
      active: true,
      ...DEFAULT_DUNNING_RULES,
    });
  }
  await ensureDunningSettings(prisma, shop);
  await seedDemoEmails(prisma, shop, now);
  if ((await prisma.dunningTracker.count({ where: { shop } })) > 0) return;
  await prisma.dunningTracker.createMany({
    data: Array.from({ length: DEMO_TRACKER_COUNT }, (_, i) => {
      const reason = OUTCOMES[i % OUTCOMES.length];
      const createdAt = new Date(now - (DEMO_TRACKER_COUNT - i) * day);
      return {
        shop,
        contractId: `gid://shopify/SubscriptionContract/${1001 + i}`,
        billingCycleIndex: 1 + (i % 12),
        failureReason: FAILURES[i % FAILURES.length],
        createdAt,
        completedAt: reason ? new Date(Math.min(createdAt.getTime() + 3 * day, now)) : null,
        completedReason: reason,
        // Open trackers wait for their next retry, in the coming week.
        nextAttemptAt: reason ? null : new Date(now + (1 + (i % 7)) * day),
      };
    }),
  });
}

/**
 * A few emails in the outbox, as the demo contracts' events would have
 * queued them, so the first billing tick sends them to the demo's mail server
 * (/__demo/emails). Once: an existing outbox is left alone.
 */
async function seedDemoEmails(prisma: PrismaClient, shop: string, now: number): Promise<void> {
  if ((await prisma.emailOutbox.count({ where: { shop } })) > 0) return;
  const contract = (n: number) => `gid://shopify/SubscriptionContract/${n}`;
  const inThreeDays = new Date(now + 3 * 24 * 3600 * 1000).toISOString();
  const emails = [
    { eventKey: "demo:created", kind: "subscription-created", contractId: contract(1001) },
    { eventKey: "demo:paused", kind: "subscription-paused", contractId: contract(1002) },
    { eventKey: "demo:failed", kind: "payment-failed", contractId: contract(1003), data: { cycleIndex: 4, date: inThreeDays, failureReason: "CARD_DECLINED" } },
    { eventKey: "demo:last", kind: "payment-final-attempt", contractId: contract(1005), data: { cycleIndex: 6, date: inThreeDays, finalAction: "cancel" } },
    { eventKey: "demo:final", kind: "merchant-payment-failure", contractId: contract(1004), data: { cycleIndex: 4, finalAction: "cancel", failureReason: "INSUFFICIENT_FUNDS" } },
  ] as const;
  for (const email of emails) await queueEmail(prisma, { shop, ...email });
}
