import type { PrismaClient } from "@prisma/client";
import { upcomingRun } from "../billing/schedule";
import { ensureDunningSettings } from "../dunning/settings.server";
import type { FinalAction, Settings } from "./settings-form";

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
    reactivateAfterRecovery: dunning.reactivateAfterRecovery,
  };
}

/**
 * Saves both halves together, so a failure leaves the previous settings
 * whole. The next run is computed from the last run as read; if a run
 * finishes in between, the save is redone from the new last run.
 */
export async function saveSettings(prisma: PrismaClient, shop: string, settings: Settings, now = new Date()): Promise<void> {
  const { hour, timezone, active, ...dunning } = settings;
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await prisma.billingSchedule.findUnique({ where: { shop }, select: { lastRunAt: true } });
    const nextRunAt = upcomingRun({ hour, timezone }, { lastRunAt: current?.lastRunAt ?? null, now });
    const saved = await prisma.$transaction(async (tx) => {
      if (current) {
        const { count } = await tx.billingSchedule.updateMany({
          where: { shop, lastRunAt: current.lastRunAt },
          data: { hour, timezone, active, nextRunAt },
        });
        if (count === 0) return false;
      } else {
        await tx.billingSchedule.create({ data: { shop, hour, timezone, active, nextRunAt } });
      }
      await tx.dunningSettings.upsert({ where: { shop }, create: { shop, ...dunning }, update: dunning });
      return true;
    });
    if (saved) return;
  }
  throw new Error(`Could not save the settings of ${shop}: its schedule kept changing`);
}
