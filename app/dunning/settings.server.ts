import type { DunningSettings, PrismaClient } from "@prisma/client";
import { retryOnUniqueViolation } from "../db/unique-violation.server";

/** The shop's dunning rules, created with the defaults on first use. */
export function ensureDunningSettings(prisma: PrismaClient, shop: string): Promise<DunningSettings> {
  return retryOnUniqueViolation(() =>
    prisma.dunningSettings.upsert({ where: { shop }, create: { shop }, update: {} }),
  );
}
