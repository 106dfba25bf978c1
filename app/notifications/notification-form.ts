import { z } from "zod";
import { EMAIL_KINDS, INVENTORY_NOTICE_FREQUENCIES, kindField } from "./email-kinds";
import type { NotificationPreferences } from "./notification-settings.server";

export { kindField };

// What a mail server takes: one address, no display name, within RFC 5321's 254 characters.
const address = (label: string) =>
  z
    .string()
    .trim()
    .max(254, { error: `${label} is too long` })
    .regex(/^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/, { error: `${label} must be one email address, like help@yourshop.com` })
    .nullable();

const schema = z.object({
  replyTo: address("Reply-to address"),
  merchantEmail: address("Your notification address"),
  inventoryNotices: z.enum(INVENTORY_NOTICE_FREQUENCIES, { error: "Choose immediately or weekly" }),
});

export type NotificationField = keyof z.infer<typeof schema>;
export type NotificationFieldErrors = Partial<Record<NotificationField, string>>;
export type NotificationFormResult = { ok: true; preferences: NotificationPreferences } | { ok: false; fieldErrors: NotificationFieldErrors };

/** The Settings page's notifications form, validated; an empty address means "the shop's own". */
export function parseNotificationForm(form: FormData): NotificationFormResult {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" && value.trim() !== "" ? value : null;
  };
  const result = schema.safeParse({
    replyTo: text("replyTo"),
    merchantEmail: text("merchantEmail"),
    inventoryNotices: text("inventoryNotices") ?? "",
  });
  if (!result.success) {
    const fieldErrors: NotificationFieldErrors = {};
    for (const issue of result.error.issues) fieldErrors[issue.path[0] as NotificationField] ??= issue.message;
    return { ok: false, fieldErrors };
  }
  // A checkbox posts its value when checked and nothing at all when not.
  const disabledKinds = EMAIL_KINDS.filter((kind) => form.get(kindField(kind)) !== "on" && form.get(kindField(kind)) !== "true");
  return { ok: true, preferences: { ...result.data, disabledKinds } };
}
