/**
 * The plan pages' work against Shopify: list, read, create, update and delete
 * the app's selling plan groups through the gateway. Shopify is the only store
 * of plans; nothing is kept locally.
 */
import { AdminApiError, type AdminGateway } from "../shopify/admin-gateway.server";
import { SELLING_PLAN_GROUP_CREATE_MUTATION } from "./graphql/SellingPlanGroupCreateMutation";
import { SELLING_PLAN_GROUP_DELETE_MUTATION } from "./graphql/SellingPlanGroupDeleteMutation";
import { SELLING_PLAN_GROUP_QUERY } from "./graphql/SellingPlanGroupQuery";
import { SELLING_PLAN_GROUPS_QUERY } from "./graphql/SellingPlanGroupsQuery";
import { SELLING_PLAN_GROUP_UPDATE_MUTATION } from "./graphql/SellingPlanGroupUpdateMutation";
import { SHOP_CURRENCY_QUERY } from "./graphql/ShopCurrencyQuery";
import { planSummary, type PlanProduct } from "./plan-display";
import {
  existingPlanIds,
  newPlanForm,
  optionsFromPlans,
  planFormFromGroup,
  resourceChanges,
  sellingPlanGroupInput,
  updateUserErrors,
  userErrorFields,
  type PlanFieldErrors,
  type PlanForm,
} from "./plan-form";

export const PLANS_PER_PAGE = 25;

export interface PlanRow {
  id: string;
  name: string;
  merchantCode: string;
  products: number;
  variants: number;
  /** "Deliver every 2 weeks: 10% off", one per plan. */
  deliveries: string[];
}

/** A page of the app's plans, newest first, with Shopify's cursors for the pages around it. */
export async function listPlans(gateway: AdminGateway, page: { after?: string | null; before?: string | null }) {
  const variables = page.before ? { last: PLANS_PER_PAGE, before: page.before } : { first: PLANS_PER_PAGE, after: page.after ?? null };
  const data = await gateway.request(SELLING_PLAN_GROUPS_QUERY, variables);
  const currencyCode = data.shop.currencyCode;
  const rows: PlanRow[] = data.sellingPlanGroups.nodes.map((group) => {
    const { discountType, options } = optionsFromPlans(group.sellingPlans.nodes);
    return {
      id: group.id,
      name: group.name,
      merchantCode: group.merchantCode,
      products: group.productsCount?.count ?? 0,
      variants: group.productVariantsCount?.count ?? 0,
      deliveries: planSummary(discountType, options, currencyCode),
    };
  });
  return { rows, pageInfo: data.sellingPlanGroups.pageInfo };
}

export interface LoadedPlan {
  form: PlanForm;
  products: PlanProduct[];
  currencyCode: string;
}

/** One of the app's plans as the form edits it, or null when Shopify has no such group (or it is another app's). */
export async function loadPlan(gateway: AdminGateway, id: string): Promise<LoadedPlan | null> {
  const data = await gateway.request(SELLING_PLAN_GROUP_QUERY, { id });
  const group = data.sellingPlanGroup;
  if (!group) return null;
  const products: PlanProduct[] = group.products.nodes.map((product) => ({ id: product.id, title: product.title, variants: null }));
  for (const variant of group.productVariants.nodes) {
    let product = products.find((candidate) => candidate.id === variant.product.id && candidate.variants);
    if (!product) products.push((product = { id: variant.product.id, title: variant.product.title, variants: [] }));
    product.variants!.push({ id: variant.id, title: variant.title });
  }
  return {
    form: planFormFromGroup(group),
    products,
    currencyCode: data.shop.currencyCode,
  };
}

/** What the form starts with for a new plan. */
export async function newPlan(gateway: AdminGateway): Promise<LoadedPlan> {
  const { shop } = await gateway.request(SHOP_CURRENCY_QUERY);
  return {
    form: newPlanForm(),
    products: [],
    currencyCode: shop.currencyCode,
  };
}

export type SaveResult = { ok: true; id: string } | { ok: false; errors: PlanFieldErrors };

/** Creates a plan; Shopify's refusals come back at the form's fields. */
export async function createPlan(gateway: AdminGateway, form: PlanForm): Promise<SaveResult> {
  const data = await gateway.request(SELLING_PLAN_GROUP_CREATE_MUTATION, {
    input: sellingPlanGroupInput(form),
    resources: { productIds: form.productIds, productVariantIds: form.variantIds },
  });
  const payload = data.sellingPlanGroupCreate;
  if (payload?.sellingPlanGroup && payload.userErrors.length === 0) return { ok: true, id: payload.sellingPlanGroup.id };
  return { ok: false, errors: userErrorFields(form, payload?.userErrors ?? [{ message: "Shopify did not create the plan" }]) };
}

/**
 * Saves the form over a plan: its plans are updated, created and deleted to
 * match, and products and variants added and removed, in one request.
 */
export async function updatePlan(gateway: AdminGateway, id: string, form: PlanForm): Promise<SaveResult> {
  const current = await loadPlan(gateway, id);
  if (!current) return { ok: false, errors: { form: "This plan no longer exists" } };
  const data = await gateway.request(SELLING_PLAN_GROUP_UPDATE_MUTATION, {
    id,
    input: sellingPlanGroupInput(form, existingPlanIds(current.form)),
    ...resourceChanges(current.form, form),
  });
  const userErrors = updateUserErrors(data);
  return userErrors.length === 0 ? { ok: true, id } : { ok: false, errors: userErrorFields(form, userErrors) };
}

export interface DeleteOutcome {
  id: string;
  deleted: boolean;
  message?: string;
}

/** Deletes each plan on its own: one refusal does not stop the others. */
export async function deletePlans(gateway: AdminGateway, ids: readonly string[]): Promise<DeleteOutcome[]> {
  const outcomes: DeleteOutcome[] = [];
  for (const id of ids) {
    try {
      const payload = (await gateway.request(SELLING_PLAN_GROUP_DELETE_MUTATION, { id })).sellingPlanGroupDelete;
      const refused = payload?.userErrors.map((error) => error.message).join("; ");
      outcomes.push(payload?.deletedSellingPlanGroupId ? { id, deleted: true } : { id, deleted: false, message: refused || "Shopify did not delete the plan" });
    } catch (error) {
      if (!(error instanceof AdminApiError)) throw error;
      outcomes.push({ id, deleted: false, message: error.message });
    }
  }
  return outcomes;
}
