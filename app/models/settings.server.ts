import type { PrismaClient } from "@prisma/client";
import { upcomingRun } from "../billing/schedule";
import { ensureDunningSettings } from "./dunning-settings.server";
import type { FinalAction, Settings } from "../settings/settings-form";

/** The Settings page's values: the billing schedule and the dunning rules (defaults until saved). */
export async function loadSettings(prisma: PrismaClient, shop: string): Promise<Settings | null> {
  const [schedule, saved] = await Promise.all([
    prisma.billingSchedule.findUnique({ where: { shop } }),
    prisma.dunningSettings.findUnique({ where: { shop } }),
  ]);
  if (!schedule) return null;
  // Created with the schema's defaults by the install; this covers shops installed before the model existed.
  const dunning = saved ?? (await ensureDunningSettings(prisma, shop));
  return {
    hour: schedule.hour,
    timezone: schedule.timezone,
    active: schedule.active,
    retryAttempts: dunning.retryAttempts,
    daysBetweenRetryAttempts: dunning.daysBetweenRetryAttempts,
    onFailure: dunning.onFailure as FinalAction,
    inventoryRetryAttempts: dunning.inventoryRetryAttempts,
    inventoryDaysBetweenRetryAttempts: dunning.inventoryDaysBetweenRetryAttempts,
    inventoryOnFailure: dunning.inventoryOnFailure as FinalAction,
  };
}

/** Saves both halves together, so a failure leaves the previous settings whole. */
export async function saveSettings(prisma: PrismaClient, shop: string, settings: Settings, now = new Date()): Promise<void> {
  const { hour, timezone, active, ...dunning } = settings;
  const current = await prisma.billingSchedule.findUnique({ where: { shop }, select: { lastRunAt: true } });
  const nextRunAt = upcomingRun({ hour, timezone }, { lastRunAt: current?.lastRunAt ?? null, now });
  await prisma.$transaction([
    prisma.billingSchedule.upsert({
      where: { shop },
      create: { shop, hour, timezone, active, nextRunAt },
      update: { hour, timezone, active, nextRunAt },
    }),
    prisma.dunningSettings.upsert({ where: { shop }, create: { shop, ...dunning }, update: dunning }),
  ]);
}
