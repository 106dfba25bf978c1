import type { PrismaClient } from "@prisma/client";
import { formatHour, formatInZone } from "../billing/schedule";
import { countDunningTrackers } from "../dunning/tracker-list.server";

/**
 * What the Dashboard shows, with every time already written in the shop's
 * zone (server-side, so the merchant's browser zone cannot change it).
 */
export async function loadDashboard(prisma: PrismaClient, shop: string, now = new Date()) {
  const [schedule, trackers] = await Promise.all([
    prisma.billingSchedule.findUnique({ where: { shop } }),
    countDunningTrackers(prisma, shop),
  ]);
  return {
    shop,
    trackers,
    schedule: schedule && {
      active: schedule.active,
      timezone: schedule.timezone,
      billingTime: formatHour(schedule.hour),
      shopTimeNow: formatInZone(now, schedule.timezone),
      nextRun: schedule.active && schedule.nextRunAt ? formatInZone(schedule.nextRunAt, schedule.timezone) : null,
      lastRun: schedule.lastRunAt ? formatInZone(schedule.lastRunAt, schedule.timezone) : null,
      // "succeeded" | "failed" | "retrying" (still due: tried again shortly)
      lastRunOutcome: schedule.lastRunOutcome,
      lastRunError: schedule.lastRunError,
    },
  };
}

export type Dashboard = Awaited<ReturnType<typeof loadDashboard>>;
