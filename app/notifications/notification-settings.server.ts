import type { NotificationSettings, PrismaClient } from "@prisma/client";
import { INVENTORY_NOTICE_FREQUENCIES, type EmailKind, type InventoryNoticeFrequency } from "./email-kinds";

export interface NotificationPreferences {
  disabledKinds: EmailKind[];
  replyTo: string | null;
  merchantEmail: string | null;
  inventoryNotices: InventoryNoticeFrequency;
}

/** A shop that never saved the section: every email on, replies to the shop's contact email, merchant emails to its account email. */
export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferences = {
  disabledKinds: [],
  replyTo: null,
  merchantEmail: null,
  inventoryNotices: "immediately",
};

export function preferencesFrom(row: Pick<NotificationSettings, "disabledKinds" | "replyTo" | "merchantEmail" | "inventoryNotices"> | null): NotificationPreferences {
  if (!row) return DEFAULT_NOTIFICATION_PREFERENCES;
  return {
    disabledKinds: row.disabledKinds.split(",").filter(Boolean) as EmailKind[],
    replyTo: row.replyTo,
    merchantEmail: row.merchantEmail,
    inventoryNotices: (INVENTORY_NOTICE_FREQUENCIES as readonly string[]).includes(row.inventoryNotices)
      ? (row.inventoryNotices as InventoryNoticeFrequency)
      : "immediately",
  };
}

export async function readNotificationSettings(prisma: Pick<PrismaClient, "notificationSettings">, shop: string): Promise<NotificationPreferences> {
  return preferencesFrom(await prisma.notificationSettings.findUnique({ where: { shop } }));
}

export function isKindEnabled(preferences: NotificationPreferences, kind: EmailKind): boolean {
  return !preferences.disabledKinds.includes(kind);
}

/** Saves the Settings page's notifications section. */
export async function saveNotificationSettings(prisma: Pick<PrismaClient, "notificationSettings">, shop: string, preferences: NotificationPreferences): Promise<void> {
  const data = { ...preferences, disabledKinds: preferences.disabledKinds.join(",") };
  await prisma.notificationSettings.upsert({ where: { shop }, create: { shop, ...data }, update: data });
}
