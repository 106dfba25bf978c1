/**
 * The contract edit form: line quantities and prices, and the delivery
 * frequency. Parsing (zod, errors at the fields) and the draft changes a
 * valid form asks for are pure; contract-edit.server.ts runs them through
 * Shopify's draft workflow.
 */
import { z } from "zod";
import { INTERVALS, type Interval } from "../plans/plan-display";

export const MAX_QUANTITY = 1_000_000;
export const MAX_INTERVAL_COUNT: Record<Interval, number> = { WEEK: 104, MONTH: 36, YEAR: 5 };

export interface EditableLine {
  id: string;
  quantity: number;
  /** Price per unit, a decimal string in the contract's currency. */
  price: string;
}

export interface ContractEditForm {
  lines: EditableLine[];
  interval: Interval;
  intervalCount: number;
}

export type EditFieldErrors = Record<string, string>;

const price = z
  .string()
  .trim()
  .regex(/^\d{1,9}(\.\d{1,2})?$/, "Enter a price such as 12.50")
  .transform((value) => Number(value).toFixed(2));

const line = z.object({
  id: z.string().regex(/^gid:\/\/shopify\/SubscriptionLine\/[\w-]+$/, "Unknown line"),
  quantity: z.coerce
    .number({ error: "Enter a whole number" })
    .int("Enter a whole number")
    .min(1, "At least 1; remove the product instead")
    .max(MAX_QUANTITY, `At most ${MAX_QUANTITY.toLocaleString("en-US")}`),
  price,
});

const form = z
  .object({
    lines: z.array(line).min(1, "A contract needs at least one product").max(50),
    interval: z.enum(INTERVALS, { error: "Choose weeks, months or years" }),
    intervalCount: z.coerce.number({ error: "Enter a whole number" }).int("Enter a whole number").min(1, "At least 1"),
  })
  .superRefine((value, context) => {
    const max = MAX_INTERVAL_COUNT[value.interval];
    if (value.intervalCount > max) context.addIssue({ code: "custom", path: ["intervalCount"], message: `At most ${max}` });
  });

export type ParsedEditForm = { ok: true; form: ContractEditForm } | { ok: false; errors: EditFieldErrors };

/** Reads `lines[N].id|quantity|price`, `interval` and `intervalCount`; errors are keyed by field name. */
export function parseEditForm(formData: FormData): ParsedEditForm {
  const lines: Array<Record<string, string>> = [];
  for (const [key, value] of formData.entries()) {
    const match = /^lines\[(\d{1,2})\]\.(id|quantity|price)$/.exec(key);
    if (!match || typeof value !== "string") continue;
    const index = Number(match[1]);
    lines[index] = { ...lines[index], [match[2]]: value };
  }
  const parsed = form.safeParse({
    lines: lines.filter(Boolean),
    interval: formData.get("interval"),
    intervalCount: formData.get("intervalCount"),
  });
  if (parsed.success) return { ok: true, form: parsed.data };
  const errors: EditFieldErrors = {};
  for (const issue of parsed.error.issues) {
    const [first, index, field] = issue.path;
    const key = first === "lines" && typeof index === "number" && field ? `lines[${index}].${String(field)}` : String(first ?? "form");
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

export interface DraftChanges {
  lineUpdates: Array<{ lineId: string; input: { quantity?: number; currentPrice?: string } }>;
  /** Billing and delivery together: the app bills once per delivery. */
  policy: { interval: Interval; intervalCount: number } | null;
}

/**
 * What the draft must change to match the form, compared with the contract
 * as it is. Lines not in the contract are refused by the caller; lines the
 * form leaves out are left alone.
 */
export function draftChanges(current: { lines: EditableLine[]; interval: string; intervalCount: number }, wanted: ContractEditForm): DraftChanges {
  const lineUpdates: DraftChanges["lineUpdates"] = [];
  for (const line of wanted.lines) {
    const before = current.lines.find((candidate) => candidate.id === line.id);
    if (!before) continue;
    const input: { quantity?: number; currentPrice?: string } = {};
    if (before.quantity !== line.quantity) input.quantity = line.quantity;
    if (Number(before.price).toFixed(2) !== line.price) input.currentPrice = line.price;
    if (Object.keys(input).length > 0) lineUpdates.push({ lineId: line.id, input });
  }
  const policyChanged = current.interval !== wanted.interval || current.intervalCount !== wanted.intervalCount;
  return { lineUpdates, policy: policyChanged ? { interval: wanted.interval, intervalCount: wanted.intervalCount } : null };
}

export function hasChanges(changes: DraftChanges): boolean {
  return changes.lineUpdates.length > 0 || changes.policy !== null;
}

/**
 * Maps Shopify's draft userErrors to form fields where their `field` path
 * names a line input (…, "quantity" / "currentPrice"); others go to "form".
 */
export function draftErrorField(lineIndex: number | null, error: { field?: readonly string[] | null }): string {
  const last = error.field?.[error.field.length - 1];
  if (lineIndex !== null && last === "quantity") return `lines[${lineIndex}].quantity`;
  if (lineIndex !== null && last === "currentPrice") return `lines[${lineIndex}].price`;
  if (last === "intervalCount" || last === "interval") return "intervalCount";
  return "form";
}
