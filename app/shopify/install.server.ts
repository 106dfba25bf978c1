import type { PrismaClient } from "@prisma/client";
import { ensureBillingSchedule } from "../billing/billing-schedule.server";
import { ensureDunningSettings } from "../dunning/settings.server";
import type { AdminGateway } from "./admin-gateway.server";

/**
 * What an install (or reinstall) sets up for a shop: its billing schedule in
 * the shop's own time zone, and its dunning settings with the defaults.
 */
export async function completeInstall(prisma: PrismaClient, admin: AdminGateway, shop: string): Promise<void> {
  const timezone = await admin.shopTimezone();
  await ensureBillingSchedule(prisma, shop, { timezone });
  await ensureDunningSettings(prisma, shop);
}
