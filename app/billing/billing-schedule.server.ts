import type { BillingSchedule, PrismaClient } from "@prisma/client";
import { upcomingRun } from "./schedule";
import { retryOnUniqueViolation } from "../db/unique-violation.server";

/**
 * The shop's schedule after an install: created with the shop's time zone,
 * or on a reinstall reactivated with the merchant's chosen hour and time zone
 * kept (both are settings the merchant may have changed since the first install).
 */
export async function ensureBillingSchedule(
  prisma: PrismaClient,
  shop: string,
  { timezone }: { timezone: string },
  now = new Date(),
): Promise<BillingSchedule> {
  const schedule = await retryOnUniqueViolation(() =>
    prisma.billingSchedule.upsert({
      where: { shop },
      create: { shop, timezone },
      update: { active: true },
    }),
  );
  const next = upcomingRun(schedule, { lastRunAt: schedule.lastRunAt, now });
  if (schedule.nextRunAt?.getTime() === next.getTime()) return schedule;
  return prisma.billingSchedule.update({ where: { shop }, data: { nextRunAt: next } });
}

/** The shop's IANA time zone as its schedule keeps it (the one it is billed and emailed in); UTC for a shop without one. */
export async function shopTimeZone(db: Pick<PrismaClient, "billingSchedule">, shop: string): Promise<string> {
  const schedule = await db.billingSchedule.findUnique({ where: { shop }, select: { timezone: true } });
  return schedule?.timezone ?? "UTC";
}
