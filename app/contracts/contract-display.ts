/**
 * How contracts read to the merchant: status badges, delivery frequency,
 * money, line summaries and links into the Shopify admin. No server imports:
 * the contract pages use this in the browser.
 */
import { numericId } from "../plans/plan-display";

export { numericId };

export type ContractStatus = "ACTIVE" | "PAUSED" | "CANCELLED" | "EXPIRED" | "FAILED";
export type BadgeTone = "success" | "attention" | "critical" | "info" | undefined;

const STATUS: Record<ContractStatus, { label: string; tone: BadgeTone }> = {
  ACTIVE: { label: "Active", tone: "success" },
  PAUSED: { label: "Paused", tone: "attention" },
  CANCELLED: { label: "Cancelled", tone: undefined },
  EXPIRED: { label: "Expired", tone: undefined },
  FAILED: { label: "Failed", tone: "critical" },
};

export function statusBadge(status: string): { label: string; tone: BadgeTone } {
  return STATUS[status as ContractStatus] ?? { label: status, tone: "info" };
}

const UNIT: Record<string, [string, string]> = { DAY: ["day", "days"], WEEK: ["week", "weeks"], MONTH: ["month", "months"], YEAR: ["year", "years"] };

/** "Every week", "Every 2 months". */
export function frequencyLabel(policy: { interval: string; intervalCount: number }): string {
  const [one, many] = UNIT[policy.interval] ?? [policy.interval.toLowerCase(), policy.interval.toLowerCase()];
  return policy.intervalCount === 1 ? `Every ${one}` : `Every ${policy.intervalCount} ${many}`;
}

/** "$14.00" in the contract's currency; Shopify's amounts are decimal strings. */
export function formatMoney(amount: string | number, currencyCode: string): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: currencyCode }).format(Number(amount));
}

/** Sum of decimal strings, in cents to avoid floating-point drift. */
export function sumAmounts(amounts: ReadonlyArray<string | number>): string {
  const cents = amounts.reduce<number>((total, amount) => total + Math.round(Number(amount) * 100), 0);
  return (cents / 100).toFixed(2);
}

export interface LineLike {
  title: string;
  variantTitle?: string | null;
  quantity: number;
}

/** "House Blend Coffee (250 g) × 2", with "+ 2 more" when a contract has more lines than one. */
export function linesSummary(lines: readonly LineLike[], total = lines.length): string {
  if (lines.length === 0) return "No products";
  const first = lineLabel(lines[0]);
  return total > 1 ? `${first} + ${total - 1} more` : first;
}

export function lineLabel(line: LineLike): string {
  return `${productLabel(line)} × ${line.quantity}`;
}

/** "House Blend Coffee (250 g)"; a single-variant product's "Default Title" is left out. */
export function productLabel(line: Pick<LineLike, "title" | "variantTitle">): string {
  const variant = line.variantTitle && line.variantTitle !== "Default Title" ? ` (${line.variantTitle})` : "";
  return `${line.title}${variant}`;
}

/** Links into the Shopify admin from an embedded page (App Store 5.4.12 and 5.4.15). */
export function adminUrl(kind: "customers" | "orders" | "products", gid: string): string {
  return `shopify:admin/${kind}/${numericId(gid)}`;
}

/** "Jan 5, 2027" in the merchant's browser locale. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  return new Date(iso).toLocaleDateString("en-US", { year: "numeric", month: "short", day: "numeric" });
}
