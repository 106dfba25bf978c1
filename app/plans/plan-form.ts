/**
 * The plan form as pure functions: what the merchant submitted (validated
 * with zod, errors at the fields they belong to), what Shopify is asked to do
 * with it (selling plan group input, products to add and remove), the form
 * a group stands for, and Shopify's userErrors mapped back to the form's fields.
 *
 * Shared: the app's plan pages (app/routes/app.plans.$id.tsx through
 * plans.server.ts) and the purchase-options admin extension
 * (extensions/purchase-options) both import this module, so a plan is
 * validated and written the same way wherever the merchant edits it. Keep it
 * free of server-only imports: the extension bundles it for the browser.
 */
// A namespace import, not `{ z }`: bundlers then keep only the parts of zod used here (the extension
// bundle must stay under Shopify's 64 KB; `{ z }` brings every locale of zod along, ~90 KB compressed).
import * as z from "zod";
import type { SellingPlanGroupInput, SellingPlanGroupQuery, SellingPlanGroupUpdateMutation, SellingPlanInput } from "../shopify/generated/admin.generated";
import { DISCOUNT_TYPES, INTERVALS, planName, deliveryLabel, type DeliveryOption, type DiscountType, type Interval } from "./plan-display";

/** The group's one option name; each plan's option value is its delivery label. */
export const GROUP_OPTION = "Delivery frequency";
/** Shopify's limit of plans in a group (SELLING_PLAN_COUNT_UPPER_BOUND). */
export const MAX_DELIVERY_OPTIONS = 31;
/** The longest intervals offered: a subscription that delivers less often than this is a different product. */
export const MAX_FREQUENCY: Record<Interval, number> = { WEEK: 104, MONTH: 36, YEAR: 5 };
const MAX_AMOUNT = 1_000_000;

export interface PlanForm {
  name: string;
  merchantCode: string;
  discountType: DiscountType;
  options: DeliveryOption[];
  /** Products offered with all their variants. */
  productIds: string[];
  /** Variants offered on their own (App Store requirement 5.4.19). */
  variantIds: string[];
}

export type PlanFieldErrors = Record<string, string>;

/** What the form starts with for a new plan, on the plan page and in the product page's extension. */
export function newPlanForm(): PlanForm {
  return {
    name: "Subscribe and save",
    merchantCode: "",
    discountType: "PERCENTAGE",
    options: [{ frequency: 1, interval: "MONTH", discount: 10 }],
    productIds: [],
    variantIds: [],
  };
}

const gid = (type: string) => z.string().regex(new RegExp(`^gid://shopify/${type}/\\d+$`), `must be a ${type} id`);
const text = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .max(255, `Keep ${label} under 255 characters`);
const number = z.union([z.number(), z.string().trim().min(1)]).pipe(z.coerce.number({ error: "Enter a number" }));

const optionSchema = z.object({
  id: gid("SellingPlan").optional(),
  frequency: number.pipe(z.number().int("Enter a whole number").min(1, "Deliver at least every 1")),
  interval: z.enum(INTERVALS, { error: "Choose weeks, months or years" }),
  discount: z.union([z.literal(""), z.null(), number]).transform((value) => (value === "" || value === null ? null : value)),
});

const formSchema = z.object({
  name: text("the name buyers see"),
  merchantCode: text("an internal name"),
  discountType: z.enum(DISCOUNT_TYPES, { error: "Choose a discount type" }),
  options: z
    .array(optionSchema)
    .min(1, "Add at least one delivery option")
    .max(MAX_DELIVERY_OPTIONS, `A plan can have at most ${MAX_DELIVERY_OPTIONS} delivery options`),
  productIds: z.array(gid("Product")).default([]),
  variantIds: z.array(gid("ProductVariant")).default([]),
});

/** The rules zod's shapes cannot say: per-interval limits, discounts that fit their type, unique options. */
function checkOptions(form: PlanForm): PlanFieldErrors {
  const errors: PlanFieldErrors = {};
  const seen = new Map<string, number>();
  form.options.forEach((option, index) => {
    const max = MAX_FREQUENCY[option.interval];
    if (option.frequency > max) errors[`options.${index}.frequency`] = `At most every ${max} ${option.interval.toLowerCase()}s`;
    const key = `${option.frequency} ${option.interval}`;
    if (seen.has(key)) errors[`options.${index}.frequency`] = `Option ${seen.get(key)! + 1} already says "${deliveryLabel(option)}"`;
    else seen.set(key, index);
    const discountError = checkDiscount(form.discountType, option.discount);
    if (discountError) errors[`options.${index}.discount`] = discountError;
  });
  return errors;
}

function checkDiscount(type: DiscountType, value: number | null): string | null {
  if (type === "NONE") return null;
  if (value === null) return type === "PRICE" ? "Enter the price" : "Enter the discount";
  if (value <= 0) return "Enter more than 0";
  if (type === "PERCENTAGE") return value > 100 ? "A percentage can be at most 100" : null;
  if (value > MAX_AMOUNT) return `Enter at most ${MAX_AMOUNT}`;
  return Math.abs(value * 100 - Math.round(value * 100)) > 1e-6 ? "Use at most two decimals" : null;
}

export type ParsedPlanForm = { ok: true; form: PlanForm } | { ok: false; errors: PlanFieldErrors };

/** The form as the page posts it: one `plan` field holding JSON (its delivery options are a list). */
export function parsePlanForm(formData: FormData): ParsedPlanForm {
  let raw: unknown;
  try {
    raw = JSON.parse(String(formData.get("plan") ?? ""));
  } catch {
    return { ok: false, errors: { form: "The form could not be read; reload the page and try again" } };
  }
  return validatePlanForm(raw);
}

/**
 * The form's values, as any editor holds them (numbers may still be text),
 * checked: the plan to save, or every mistake at the field it belongs to.
 */
export function validatePlanForm(raw: unknown): ParsedPlanForm {
  const errors: PlanFieldErrors = {};
  const result = formSchema.safeParse(raw);
  for (const issue of result.success ? [] : result.error.issues) errors[fieldOf(issue.path)] ??= issue.message;
  // The options' own rules whenever the options could be read, so every mistake shows at once.
  const options = formSchema.pick({ discountType: true, options: true }).safeParse(raw);
  if (options.success) {
    for (const [field, message] of Object.entries(checkOptions({ ...options.data, name: "", merchantCode: "", productIds: [], variantIds: [] }))) errors[field] ??= message;
  }
  if (!result.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const form: PlanForm = {
    ...result.data,
    options: result.data.options.map((option) => ({ ...option, discount: result.data.discountType === "NONE" ? null : option.discount })),
  };
  return { ok: true, form };
}

function fieldOf(path: ReadonlyArray<PropertyKey>): string {
  const [head, index, field] = path.map(String);
  if (head === "options" && index !== undefined) return field ? `options.${index}.${field}` : `options.${index}`;
  if (head === "productIds" || head === "variantIds") return "products";
  return head ?? "form";
}

/** A selling plan as the app's documents read it (SellingPlanGroup and SellingPlanGroups select the same fields). */
export type ShopifyPlan = NonNullable<SellingPlanGroupQuery["sellingPlanGroup"]>["sellingPlans"]["nodes"][number];

/** A plan's fixed pricing policy (the app writes at most one), or null without a discount. */
function fixedPolicy(plan: ShopifyPlan) {
  for (const policy of plan.pricingPolicies) if ("adjustmentType" in policy) return policy;
  return null;
}

/** The discount type and the delivery options the plans of a group stand for (the inverse of `sellingPlanInput`). */
export function optionsFromPlans(plans: readonly ShopifyPlan[]): { discountType: DiscountType; options: DeliveryOption[] } {
  const type = plans[0] ? fixedPolicy(plans[0])?.adjustmentType : undefined;
  const discountType = type && (DISCOUNT_TYPES as readonly string[]).includes(type) ? (type as DiscountType) : "NONE";
  const options = plans.map((plan) => {
    const value = fixedPolicy(plan)?.adjustmentValue;
    const discount = value && "percentage" in value ? value.percentage : value && "amount" in value ? Number(value.amount) : null;
    const delivery = plan.deliveryPolicy;
    return {
      id: plan.id,
      // The app creates only recurring week, month and year plans.
      frequency: "intervalCount" in delivery ? delivery.intervalCount : 1,
      interval: ("interval" in delivery ? delivery.interval : "MONTH") as Interval,
      discount: discountType === "NONE" ? null : discount,
    };
  });
  return { discountType, options };
}

/** The form a group stands for, as the SellingPlanGroup document reads it. */
export function planFormFromGroup(group: NonNullable<SellingPlanGroupQuery["sellingPlanGroup"]>): PlanForm {
  return {
    name: group.name,
    merchantCode: group.merchantCode,
    ...optionsFromPlans(group.sellingPlans.nodes),
    productIds: group.products.nodes.map((product) => product.id),
    variantIds: group.productVariants.nodes.map((variant) => variant.id),
  };
}

/** The ids of the plans a group has now: an update deletes those the form no longer has. */
export function existingPlanIds(form: Pick<PlanForm, "options">): string[] {
  return form.options.flatMap((option) => (option.id ? [option.id] : []));
}

function pricingPolicies(discountType: DiscountType, discount: number | null): SellingPlanInput["pricingPolicies"] {
  if (discountType === "NONE" || discount === null) return [];
  const adjustmentValue = discountType === "PERCENTAGE" ? { percentage: discount } : { fixedValue: discount.toFixed(2) };
  return [{ fixed: { adjustmentType: discountType, adjustmentValue } }];
}

/** One selling plan per delivery option: billed and delivered at the same interval (pay per delivery). */
export function sellingPlanInput(option: DeliveryOption, discountType: DiscountType, position: number): SellingPlanInput {
  const cycle = { interval: option.interval, intervalCount: option.frequency };
  return {
    ...(option.id ? { id: option.id } : {}),
    name: planName(option, discountType),
    options: [deliveryLabel(option)],
    position,
    category: "SUBSCRIPTION",
    billingPolicy: { recurring: cycle },
    deliveryPolicy: { recurring: cycle },
    pricingPolicies: pricingPolicies(discountType, option.discount),
  };
}

/**
 * The group input for a create (`existingPlanIds` empty) or an update: plans
 * the form kept are updated by id, new ones created, the others deleted.
 */
export function sellingPlanGroupInput(form: PlanForm, existingPlanIds: readonly string[] = []): SellingPlanGroupInput {
  const plans = form.options.map((option, index) => sellingPlanInput(option, form.discountType, index + 1));
  const kept = new Set(form.options.flatMap((option) => (option.id ? [option.id] : [])));
  return {
    name: form.name,
    merchantCode: form.merchantCode,
    options: [GROUP_OPTION],
    sellingPlansToCreate: plans.filter((plan) => !plan.id),
    ...(existingPlanIds.length > 0
      ? {
          sellingPlansToUpdate: plans.filter((plan) => plan.id),
          sellingPlansToDelete: existingPlanIds.filter((id) => !kept.has(id)),
        }
      : {}),
  };
}

/** Products and variants to add and remove to go from what the group has to what the form says. */
export function resourceChanges(current: Pick<PlanForm, "productIds" | "variantIds">, wanted: Pick<PlanForm, "productIds" | "variantIds">) {
  const added = (from: string[], to: string[]) => to.filter((id) => !from.includes(id));
  return {
    productIdsToAdd: added(current.productIds, wanted.productIds),
    productIdsToRemove: added(wanted.productIds, current.productIds),
    variantIdsToAdd: added(current.variantIds, wanted.variantIds),
    variantIdsToRemove: added(wanted.variantIds, current.variantIds),
  };
}

/** Every userError of the SellingPlanGroupUpdate document: the group's own and each product and variant change's. */
export function updateUserErrors(data: SellingPlanGroupUpdateMutation) {
  return [
    data.sellingPlanGroupUpdate?.userErrors,
    data.sellingPlanGroupAddProducts?.userErrors,
    data.sellingPlanGroupRemoveProducts?.userErrors,
    data.sellingPlanGroupAddProductVariants?.userErrors,
    data.sellingPlanGroupRemoveProductVariants?.userErrors,
  ].flatMap((errors) => errors ?? []);
}

/**
 * Shopify's userErrors at the form's fields: `["input","name"]` is the name,
 * `["input","sellingPlansToCreate","1",...]` the second new option, and so on.
 * Anything else is shown for the whole form.
 */
export function userErrorFields(form: PlanForm, userErrors: ReadonlyArray<{ field?: readonly string[] | null; message: string }>): PlanFieldErrors {
  const created = form.options.flatMap((option, index) => (option.id ? [] : [index]));
  const updated = form.options.flatMap((option, index) => (option.id ? [index] : []));
  const errors: PlanFieldErrors = {};
  for (const { field, message } of userErrors) {
    const [, list, position] = (field ?? []).map(String);
    const path = (field ?? []).join(".");
    let key = "form";
    if (path === "input.name") key = "name";
    else if (path === "input.merchantCode") key = "merchantCode";
    else if (list === "sellingPlansToCreate" && created[Number(position)] !== undefined) key = `options.${created[Number(position)]}`;
    else if (list === "sellingPlansToUpdate" && updated[Number(position)] !== undefined) key = `options.${updated[Number(position)]}`;
    else if (/productIds|productVariantIds|resources/.test(path)) key = "products";
    errors[key] = errors[key] ? `${errors[key]} ${message}` : message;
  }
  return errors;
}
