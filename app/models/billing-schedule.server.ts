import type { BillingSchedule, PrismaClient } from "@prisma/client";
import { retryOnUniqueViolation } from "../db/unique-violation.server";

/**
 * The shop's schedule after an install: created with the shop's time zone,
 * or on a reinstall reactivated with the merchant's chosen hour kept.
 */
export function ensureBillingSchedule(
  prisma: PrismaClient,
  shop: string,
  { timezone }: { timezone: string },
): Promise<BillingSchedule> {
  return retryOnUniqueViolation(() =>
    prisma.billingSchedule.upsert({
      where: { shop },
      create: { shop, timezone },
      update: { timezone, active: true },
    }),
  );
}
