import { z } from "zod";
import { FINAL_ACTIONS } from "./final-actions";
import { isValidTimeZone } from "./time-zones";

export { FINAL_ACTIONS, type FinalAction } from "./final-actions";

function wholeNumber(label: string, min: number, max: number) {
  const message = `${label} must be a whole number from ${min} to ${max}`;
  return z.coerce
    .number({ error: message })
    .int({ error: message })
    .min(min, { error: message })
    .max(max, { error: message });
}

const finalAction = z.enum(FINAL_ACTIONS, { error: "Choose cancel, pause or skip" });

export const settingsSchema = z.object({
  hour: wholeNumber("Billing hour", 0, 23),
  timezone: z.string().refine(isValidTimeZone, { error: "Choose a time zone from the list" }),
  active: z.boolean(),
  retryAttempts: wholeNumber("Retry attempts", 0, 10),
  daysBetweenRetryAttempts: wholeNumber("Days between retries", 1, 14),
  onFailure: finalAction,
  inventoryRetryAttempts: wholeNumber("Inventory retry attempts", 0, 10),
  inventoryDaysBetweenRetryAttempts: wholeNumber("Days between inventory retries", 1, 14),
  inventoryOnFailure: finalAction,
  // Resume a contract the dunning ladder paused when a later payment of it succeeds.
  reactivateAfterRecovery: z.boolean(),
});

export type Settings = z.infer<typeof settingsSchema>;

/** A new shop's dunning rules: the DunningSettings column defaults in prisma/models.prisma (a test keeps them equal). */
export const DEFAULT_DUNNING_RULES = {
  retryAttempts: 3,
  daysBetweenRetryAttempts: 7,
  onFailure: "cancel",
  inventoryRetryAttempts: 5,
  inventoryDaysBetweenRetryAttempts: 1,
  inventoryOnFailure: "skip",
  reactivateAfterRecovery: false,
} as const satisfies Partial<Settings>;
export type SettingsField = keyof Settings;
export type FieldErrors = Partial<Record<SettingsField, string>>;

export type SettingsFormResult = { ok: true; settings: Settings } | { ok: false; fieldErrors: FieldErrors };

/** The Settings form's fields, validated; errors are keyed by field so the page shows each at its input. */
export function parseSettingsForm(form: FormData): SettingsFormResult {
  const text = (name: SettingsField) => {
    const value = form.get(name);
    // An empty number field is missing, not zero.
    return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
  };
  // A checkbox posts its value when checked and nothing at all when not.
  const checked = (name: SettingsField) => form.get(name) === "on" || form.get(name) === "true";
  const result = settingsSchema.safeParse({
    hour: text("hour"),
    timezone: text("timezone") ?? "",
    active: checked("active"),
    retryAttempts: text("retryAttempts"),
    daysBetweenRetryAttempts: text("daysBetweenRetryAttempts"),
    onFailure: text("onFailure"),
    inventoryRetryAttempts: text("inventoryRetryAttempts"),
    inventoryDaysBetweenRetryAttempts: text("inventoryDaysBetweenRetryAttempts"),
    inventoryOnFailure: text("inventoryOnFailure"),
    reactivateAfterRecovery: checked("reactivateAfterRecovery"),
  });
  if (result.success) return { ok: true, settings: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as SettingsField;
    fieldErrors[field] ??= issue.message;
  }
  return { ok: false, fieldErrors };
}
