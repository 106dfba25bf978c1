import type { BillingSchedule, PrismaClient } from "@prisma/client";
import { retryOnUniqueViolation } from "../db/unique-violation.server";

/**
 * The shop's schedule after an install: created with the shop's time zone,
 * or on a reinstall reactivated with the merchant's chosen hour and time zone
 * kept (both are settings the merchant may have changed since the first install).
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
      update: { active: true },
    }),
  );
}
