/**
 * The contract edit form: line quantities and prices, lines removed and
 * products added, and the delivery frequency. Parsing (zod, errors at the fields) and the draft changes a
 * valid form asks for are pure; contract-edit.server.ts runs them through
 * Shopify's draft workflow.
 */
import { z } from "zod";
import { INTERVALS, type Interval } from "../plans/plan-display";
import { productLabel } from "./contract-display";

export const MAX_QUANTITY = 1_000_000;
export const MAX_INTERVAL_COUNT: Record<Interval, number> = { WEEK: 104, MONTH: 36, YEAR: 5 };

export interface EditableLine {
  id: string;
  quantity: number;
  /** Price per unit, a decimal string in the contract's currency. */
  price: string;
}

/** A line of the form: the contract's line as the merchant wants it, or removed. */
export interface FormLine extends EditableLine {
  remove: boolean;
}

/** A product variant the merchant adds (chosen with the resource picker), at the price they set. */
export interface AddedLine {
  variantId: string;
  quantity: number;
  price: string;
}

export interface ContractEditForm {
  lines: FormLine[];
  added: AddedLine[];
  interval: Interval;
  intervalCount: number;
}

export type EditFieldErrors = Record<string, string>;

const price = z
  .string()
  .trim()
  .regex(/^\d{1,9}(\.\d{1,2})?$/, "Enter a price such as 12.50")
  .transform((value) => Number(value).toFixed(2));

const quantity = z.coerce
  .number({ error: "Enter a whole number" })
  .int("Enter a whole number")
  .min(1, "At least 1; remove the product instead")
  .max(MAX_QUANTITY, `At most ${MAX_QUANTITY.toLocaleString("en-US")}`);

const line = z.object({
  id: z.string().regex(/^gid:\/\/shopify\/SubscriptionLine\/[\w-]+$/, "Unknown line"),
  quantity,
  price,
  remove: z.boolean(),
});

const added = z.object({
  variantId: z.string().regex(/^gid:\/\/shopify\/ProductVariant\/\d+$/, "Choose a product"),
  quantity,
  price,
});

/** A contract holds at most this many lines: the contract page reads the first 50. */
export const MAX_LINES = 50;

const form = z
  .object({
    lines: z.array(line).max(MAX_LINES),
    added: z.array(added).max(MAX_LINES),
    interval: z.enum(INTERVALS, { error: "Choose weeks, months or years" }),
    intervalCount: z.coerce.number({ error: "Enter a whole number" }).int("Enter a whole number").min(1, "At least 1"),
  })
  .superRefine((value, context) => {
    const max = MAX_INTERVAL_COUNT[value.interval];
    if (value.intervalCount > max) context.addIssue({ code: "custom", path: ["intervalCount"], message: `At most ${max}` });
    const kept = value.lines.filter((candidate) => !candidate.remove).length + value.added.length;
    if (kept === 0) context.addIssue({ code: "custom", path: ["lines"], message: "A contract needs at least one product: cancel the contract instead" });
    if (kept > MAX_LINES) context.addIssue({ code: "custom", path: ["lines"], message: `A contract can have at most ${MAX_LINES} products` });
    value.added.forEach((candidate, index) => {
      if (value.added.findIndex((other) => other.variantId === candidate.variantId) < index) {
        context.addIssue({ code: "custom", path: ["added", index, "variantId"], message: "Added twice: set the quantity instead" });
      }
    });
  });

export type ParsedEditForm = { ok: true; form: ContractEditForm } | { ok: false; errors: EditFieldErrors };

/** Rows of `prefix[N].field` fields, in index order (at most 100 rows: two digits). */
function rows(formData: FormData, prefix: string, fields: readonly string[]): Array<Record<string, string>> {
  const found: Array<Record<string, string>> = [];
  const pattern = new RegExp(`^${prefix}\\[(\\d{1,2})\\]\\.(${fields.join("|")})$`);
  for (const [key, value] of formData.entries()) {
    const match = pattern.exec(key);
    if (!match || typeof value !== "string") continue;
    const index = Number(match[1]);
    found[index] = { ...found[index], [match[2]]: value };
  }
  return found.filter(Boolean);
}

/**
 * Reads `lines[N].id|quantity|price|remove`, `added[N].variantId|quantity|price`,
 * `interval` and `intervalCount`; errors are keyed by field name (`lines[0].price`).
 */
export function parseEditForm(formData: FormData): ParsedEditForm {
  const parsed = form.safeParse({
    lines: rows(formData, "lines", ["id", "quantity", "price", "remove"]).map((row) => ({ ...row, remove: row.remove === "on" || row.remove === "true" })),
    added: rows(formData, "added", ["variantId", "quantity", "price"]),
    interval: formData.get("interval"),
    intervalCount: formData.get("intervalCount"),
  });
  if (parsed.success) return { ok: true, form: parsed.data };
  const errors: EditFieldErrors = {};
  for (const issue of parsed.error.issues) {
    const [first, index, field] = issue.path;
    const key = (first === "lines" || first === "added") && typeof index === "number" && field ? `${first}[${index}].${String(field)}` : String(first ?? "form");
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

export interface DraftChanges {
  lineRemovals: string[];
  lineUpdates: Array<{ lineId: string; input: { quantity?: number; currentPrice?: string } }>;
  /** `index` is the row in the form's `added`, for errors at its fields. */
  lineAdds: Array<{ index: number; input: { productVariantId: string; quantity: number; currentPrice: string } }>;
  /** Billing and delivery together: the app bills once per delivery. */
  policy: { interval: Interval; intervalCount: number } | null;
}

/**
 * What the draft must change to match the form, compared with the contract
 * as it is. Lines not in the contract are refused by the caller; lines the
 * form leaves out are left alone; a removed line is removed, not updated.
 */
export function draftChanges(current: { lines: EditableLine[]; interval: string; intervalCount: number }, wanted: ContractEditForm): DraftChanges {
  const lineUpdates: DraftChanges["lineUpdates"] = [];
  const lineRemovals: string[] = [];
  for (const line of wanted.lines) {
    const before = current.lines.find((candidate) => candidate.id === line.id);
    if (!before) continue;
    if (line.remove) {
      lineRemovals.push(line.id);
      continue;
    }
    const input: { quantity?: number; currentPrice?: string } = {};
    if (before.quantity !== line.quantity) input.quantity = line.quantity;
    if (Number(before.price).toFixed(2) !== line.price) input.currentPrice = line.price;
    if (Object.keys(input).length > 0) lineUpdates.push({ lineId: line.id, input });
  }
  const lineAdds = wanted.added.map((line, index) => ({ index, input: { productVariantId: line.variantId, quantity: line.quantity, currentPrice: line.price } }));
  const policyChanged = current.interval !== wanted.interval || current.intervalCount !== wanted.intervalCount;
  return { lineRemovals, lineUpdates, lineAdds, policy: policyChanged ? { interval: wanted.interval, intervalCount: wanted.intervalCount } : null };
}

export function hasChanges(changes: DraftChanges): boolean {
  return changes.lineRemovals.length > 0 || changes.lineUpdates.length > 0 || changes.lineAdds.length > 0 || changes.policy !== null;
}

/**
 * Errors for added products the contract already has: the merchant changes
 * that line's quantity instead of billing the same variant on two lines.
 * Removed lines do not count, so a line can be swapped for a fresh one.
 */
export function addedLineConflicts(current: ReadonlyArray<{ id: string; variantId: string | null }>, wanted: ContractEditForm): EditFieldErrors {
  const kept = new Set(current.filter((line) => !wanted.lines.some((candidate) => candidate.id === line.id && candidate.remove)).map((line) => line.variantId));
  const errors: EditFieldErrors = {};
  wanted.added.forEach((line, index) => {
    if (kept.has(line.variantId)) errors[`added[${index}].variantId`] = "Already in the contract: change its quantity instead";
  });
  return errors;
}

/** A variant as App Bridge's resource picker returns it with `type: "variant"` (the fields used here). */
export interface PickedVariant {
  id: string;
  title?: string;
  displayName?: string;
  price?: string | null;
  product?: { title?: string };
}

/** A product row the merchant is adding: the form's strings, and a label to show. */
export interface AddedRow {
  variantId: string;
  label: string;
  quantity: string;
  price: string;
}

/**
 * The picker's variants as rows to add, one of each, at the variant's price
 * and quantity 1; variants already being added are left out.
 */
export function rowsFromPicker(selection: readonly PickedVariant[], adding: readonly AddedRow[]): AddedRow[] {
  const rows: AddedRow[] = [];
  for (const variant of selection) {
    if (adding.some((row) => row.variantId === variant.id) || rows.some((row) => row.variantId === variant.id)) continue;
    const label = variant.product?.title ? productLabel({ title: variant.product.title, variantTitle: variant.title ?? null }) : (variant.displayName ?? variant.id);
    const price = variant.price && /^\d+(\.\d+)?$/.test(variant.price) ? Number(variant.price).toFixed(2) : "";
    rows.push({ variantId: variant.id, label, quantity: "1", price });
  }
  return rows;
}

/**
 * Maps Shopify's draft userErrors to form fields where their `field` path
 * names a line input (…, "quantity" / "currentPrice" / "productVariantId")
 * and the step was about one row (`lines[2]`, `added[0]`); others go to "form".
 */
export function draftErrorField(row: string | null, error: { field?: readonly string[] | null }): string {
  const last = error.field?.[error.field.length - 1];
  if (row !== null && last === "quantity") return `${row}.quantity`;
  if (row !== null && last === "currentPrice") return `${row}.price`;
  if (row !== null && last === "productVariantId") return `${row}.variantId`;
  if (last === "intervalCount" || last === "interval") return "intervalCount";
  return "form";
}
