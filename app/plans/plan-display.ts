/**
 * How a plan reads to the merchant and to the buyer: delivery labels, the
 * discount, the summary. No zod here: the plan pages import this in the browser.
 */
export const INTERVALS = ["WEEK", "MONTH", "YEAR"] as const;
export type Interval = (typeof INTERVALS)[number];

/** What each delivery's price is: the product's, a percentage off, an amount off, or a set price. */
export const DISCOUNT_TYPES = ["NONE", "PERCENTAGE", "FIXED_AMOUNT", "PRICE"] as const;
export type DiscountType = (typeof DISCOUNT_TYPES)[number];

export const DISCOUNT_TYPE_LABELS: Record<DiscountType, string> = {
  NONE: "No discount",
  PERCENTAGE: "Percentage off",
  FIXED_AMOUNT: "Amount off",
  PRICE: "Fixed price",
};

export interface DeliveryOption {
  /** The selling plan's id when it exists in Shopify; absent for an option added in the form. */
  id?: string;
  frequency: number;
  interval: Interval;
  /** Percent, amount off or price, in the shop's currency; null without a discount. */
  discount: number | null;
}

const UNIT: Record<Interval, [string, string]> = { WEEK: ["week", "weeks"], MONTH: ["month", "months"], YEAR: ["year", "years"] };

/** "Deliver every week", "Deliver every 2 months": the option buyers pick, and the plan's option value. */
export function deliveryLabel({ frequency, interval }: Pick<DeliveryOption, "frequency" | "interval">): string {
  const [one, many] = UNIT[interval];
  return frequency === 1 ? `Deliver every ${one}` : `Deliver every ${frequency} ${many}`;
}

/**
 * The plan's name, shown to buyers at checkout and in their account. Only a
 * percentage goes into it: Shopify does not convert names between currencies,
 * so amounts stay out (App Store requirement 5.4.14).
 */
export function planName(option: Pick<DeliveryOption, "frequency" | "interval" | "discount">, discountType: DiscountType): string {
  const label = deliveryLabel(option);
  return discountType === "PERCENTAGE" && option.discount ? `${label}, ${formatPercent(option.discount)} off` : label;
}

function formatPercent(value: number): string {
  return `${Number(value.toFixed(2))}%`;
}

/** What the buyer pays per delivery, in words: "10% off", "$5.00 off", "$25.00 per delivery", "full price". */
export function discountText(discountType: DiscountType, discount: number | null, currencyCode: string): string {
  if (discountType === "NONE" || discount === null) return "full price";
  if (discountType === "PERCENTAGE") return `${formatPercent(discount)} off`;
  const money = new Intl.NumberFormat("en-US", { style: "currency", currency: currencyCode }).format(discount);
  return discountType === "FIXED_AMOUNT" ? `${money} off` : `${money} per delivery`;
}

/** One line per delivery option, as the buyer will see the choice on the product page. */
export function planSummary(discountType: DiscountType, options: DeliveryOption[], currencyCode: string): string[] {
  return options.map((option) => `${deliveryLabel(option)}: ${discountText(discountType, option.discount, currencyCode)}`);
}

/** The numeric part of a GID, for URLs: gid://shopify/SellingPlanGroup/12 -> "12". */
export function numericId(gid: string): string {
  return gid.slice(gid.lastIndexOf("/") + 1);
}

/** A product the plan is offered on: with all its variants (`variants` null), or only those listed. */
export interface PlanProduct {
  id: string;
  title: string;
  variants: Array<{ id: string; title: string }> | null;
}

/** What the resource picker returns for a product: the variants the merchant ticked, and how many it has. */
export interface PickedProduct {
  id: string;
  title: string;
  totalVariants: number;
  variants: Array<{ id?: string; title?: string }>;
}

/** The picker's selection as the plan's products: a product with every variant ticked is offered whole. */
export function productsFromPicker(selection: readonly PickedProduct[]): PlanProduct[] {
  return selection.map((product) => {
    const variants = product.variants.filter((variant): variant is { id: string; title?: string } => Boolean(variant.id));
    const whole = variants.length === 0 || variants.length >= product.totalVariants;
    return { id: product.id, title: product.title, variants: whole ? null : variants.map((variant) => ({ id: variant.id, title: variant.title ?? "" })) };
  });
}

/** The picker's preselection for the plan's products (variant-level where only some are offered). */
export function pickerSelectionIds(products: readonly PlanProduct[]) {
  return products.map((product) => (product.variants ? { id: product.id, variants: product.variants.map((variant) => ({ id: variant.id })) } : { id: product.id }));
}

/** The ids Shopify stores: whole products, and variants offered on their own. */
export function resourceIds(products: readonly PlanProduct[]): { productIds: string[]; variantIds: string[] } {
  return {
    productIds: products.filter((product) => !product.variants).map((product) => product.id),
    variantIds: products.flatMap((product) => (product.variants ?? []).map((variant) => variant.id)),
  };
}
