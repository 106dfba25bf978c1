/**
 * The plan editor's state and what saving it means, as pure functions. The
 * fields hold text (what the merchant typed); the app's shared plan form
 * (app/plans/plan-form.ts) validates it and builds Shopify's input, exactly
 * as the app's plan page does.
 */
import { INTERVALS, type DeliveryOption, type DiscountType, type Interval } from "../../../app/plans/plan-display";
import { existingPlanIds, MAX_DELIVERY_OPTIONS, MAX_FREQUENCY, resourceChanges, sellingPlanGroupInput, type PlanForm } from "../../../app/plans/plan-form";
import type { SellingPlanGroupCreateMutationVariables, SellingPlanGroupUpdateMutationVariables } from "../../../app/shopify/generated/admin.generated";
import type { Target } from "./target";

export interface OptionRow {
  /** Stable across edits, for rendering lists: the plan's id, or a made-up one for a new row. */
  key: string;
  /** The selling plan's id when the row stands for an existing plan. */
  id?: string;
  frequency: string;
  interval: Interval;
  discount: string;
}

export interface FormState {
  name: string;
  merchantCode: string;
  discountType: DiscountType;
  options: OptionRow[];
}

let newRows = 0;
const newKey = () => `new-${++newRows}`;

function rowOf(option: DeliveryOption): OptionRow {
  return {
    key: option.id ?? newKey(),
    ...(option.id ? { id: option.id } : {}),
    frequency: String(option.frequency),
    interval: option.interval,
    discount: option.discount === null ? "" : String(option.discount),
  };
}

/** The editor's state for a plan (a new one from `newPlanForm()`, or one read from Shopify). */
export function formStateFromPlan(form: Pick<PlanForm, "name" | "merchantCode" | "discountType" | "options">): FormState {
  return { name: form.name, merchantCode: form.merchantCode, discountType: form.discountType, options: form.options.map(rowOf) };
}

/** The products and variants a new plan is created on: the one the extension was opened on. */
export function resourcesOf(target: Target): Pick<PlanForm, "productIds" | "variantIds"> {
  return target.kind === "product" ? { productIds: [target.resourceId], variantIds: [] } : { productIds: [], variantIds: [target.resourceId] };
}

/** The values to validate (`validatePlanForm`), in the shape the app's plan page posts. */
export function planFormValues(state: FormState, resources: Pick<PlanForm, "productIds" | "variantIds">) {
  return {
    name: state.name,
    merchantCode: state.merchantCode,
    discountType: state.discountType,
    options: state.options.map(({ id, frequency, interval, discount }) => ({ ...(id ? { id } : {}), frequency, interval, discount })),
    productIds: resources.productIds,
    variantIds: resources.variantIds,
  };
}

export const canAddOption = (state: FormState) => state.options.length < MAX_DELIVERY_OPTIONS;
export const canRemoveOption = (state: FormState) => state.options.length > 1;

/**
 * A new delivery option: the first of every 1, 2, 3... months, weeks, years
 * the plan does not offer yet, with the discount of the last option, so a
 * click never makes a duplicate.
 */
export function addOption(state: FormState): FormState {
  if (!canAddOption(state)) return state;
  const taken = new Set(state.options.map((row) => `${Number(row.frequency)} ${row.interval}`));
  const order: Interval[] = ["MONTH", ...INTERVALS.filter((interval) => interval !== "MONTH")];
  let next: { frequency: number; interval: Interval } = { frequency: 1, interval: "MONTH" };
  search: for (const interval of order) {
    for (let frequency = 1; frequency <= MAX_FREQUENCY[interval]; frequency++) {
      if (!taken.has(`${frequency} ${interval}`)) {
        next = { frequency, interval };
        break search;
      }
    }
  }
  const discount = state.options.at(-1)?.discount ?? "";
  return { ...state, options: [...state.options, { key: newKey(), frequency: String(next.frequency), interval: next.interval, discount }] };
}

export function removeOption(state: FormState, key: string): FormState {
  if (!canRemoveOption(state)) return state;
  return { ...state, options: state.options.filter((row) => row.key !== key) };
}

export function updateOption(state: FormState, key: string, change: Partial<Omit<OptionRow, "key" | "id">>): FormState {
  return { ...state, options: state.options.map((row) => (row.key === key ? { ...row, ...change } : row)) };
}

/** Which mutation saving runs, with its variables: both are the app's own documents. */
export type SaveRequest =
  | { operation: "create"; variables: SellingPlanGroupCreateMutationVariables }
  | { operation: "update"; variables: SellingPlanGroupUpdateMutationVariables };

/**
 * Saving a valid form: a new group on the extension's product or variant, or
 * an update of the group being edited (`current`, as read when the extension
 * opened) whose plans are updated, created and deleted to match. An edit
 * changes the plans, not where the group is offered: no products or variants
 * are added or removed (the list below the form does that).
 */
export function saveRequest(form: PlanForm, edit: { groupId: string; current: PlanForm } | null): SaveRequest {
  if (!edit) {
    return {
      operation: "create",
      variables: { input: sellingPlanGroupInput(form), resources: { productIds: form.productIds, productVariantIds: form.variantIds } },
    };
  }
  return {
    operation: "update",
    variables: {
      id: edit.groupId,
      input: sellingPlanGroupInput(form, existingPlanIds(edit.current)),
      ...resourceChanges(edit.current, edit.current),
    },
  };
}
