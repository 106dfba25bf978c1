import type { Prisma } from "@prisma/client";
import { shopTimeZone } from "../billing/billing-schedule.server";
import { dunningEmails, type DunningStep } from "./dunning-emails";
import { readNotificationSettings } from "./notification-settings.server";
import { queueEmail } from "./outbox.server";

/** Queues the emails a dunning step causes (dunningEmails), through the step's own transaction. */
export async function queueDunningEmails(
  tx: Pick<Prisma.TransactionClient, "emailOutbox" | "notificationSettings" | "billingSchedule">,
  shop: string,
  step: DunningStep,
  now: Date,
): Promise<void> {
  const { inventoryNotices } = await readNotificationSettings(tx, shop);
  for (const email of dunningEmails(step, { inventoryNotices, timeZone: await shopTimeZone(tx, shop), now })) {
    await queueEmail(tx, { shop, ...email });
  }
}
