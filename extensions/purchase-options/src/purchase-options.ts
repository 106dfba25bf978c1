/**
 * The extension's work against Shopify, through the typed client: read the
 * page's product or variant with the app's plans, read the plan being edited,
 * save the form (create or update), and add the page's resource to a plan or
 * remove it. Every document is the app's own (app/plans/graphql/*); every
 * decision is made by the pure modules (form-state.ts, membership.ts) and the
 * app's shared plan form (app/plans/plan-form.ts).
 */
import { PRODUCT_SELLING_PLAN_GROUPS_QUERY } from "../../../app/plans/graphql/ProductSellingPlanGroupsQuery";
import { PRODUCT_VARIANT_PRODUCT_QUERY } from "../../../app/plans/graphql/ProductVariantProductQuery";
import { PRODUCT_VARIANT_SELLING_PLAN_GROUPS_QUERY } from "../../../app/plans/graphql/ProductVariantSellingPlanGroupsQuery";
import { SELLING_PLAN_GROUP_ADD_PRODUCT_VARIANTS_MUTATION } from "../../../app/plans/graphql/SellingPlanGroupAddProductVariantsMutation";
import { SELLING_PLAN_GROUP_ADD_PRODUCTS_MUTATION } from "../../../app/plans/graphql/SellingPlanGroupAddProductsMutation";
import { SELLING_PLAN_GROUP_CREATE_MUTATION } from "../../../app/plans/graphql/SellingPlanGroupCreateMutation";
import { SELLING_PLAN_GROUP_QUERY } from "../../../app/plans/graphql/SellingPlanGroupQuery";
import { SELLING_PLAN_GROUP_REMOVE_PRODUCT_VARIANTS_MUTATION } from "../../../app/plans/graphql/SellingPlanGroupRemoveProductVariantsMutation";
import { SELLING_PLAN_GROUP_REMOVE_PRODUCTS_MUTATION } from "../../../app/plans/graphql/SellingPlanGroupRemoveProductsMutation";
import { SELLING_PLAN_GROUP_UPDATE_MUTATION } from "../../../app/plans/graphql/SellingPlanGroupUpdateMutation";
import { planFormFromGroup, updateUserErrors, userErrorFields, validatePlanForm, type PlanFieldErrors, type PlanForm } from "../../../app/plans/plan-form";
import type { AdminClient } from "./admin-client";
import { planFormValues, resourcesOf, saveRequest, type FormState } from "./form-state";
import { isRemoval, membershipChange, productRow, sortRows, variantRow, type GroupRow, type MembershipChange } from "./membership";
import type { Target } from "./target";

/** Groups read per request, and the most pages read: a shop with more plans than this sees the first ones by name. */
export const GROUPS_PER_PAGE = 50;
export const MAX_GROUP_PAGES = 10;

export interface PageResource {
  /** The product's title, or the variant's display name ("Coffee - 1 kg"). */
  title: string;
  currencyCode: string;
  /** The app's own plans, with how each is offered here. */
  groups: GroupRow[];
  /** More plans exist than were read. */
  truncated: boolean;
}

export type Loaded<T> = { ok: true; value: T } | { ok: false; message: string };

async function pages<Node>(read: (after: string | null) => Promise<{ nodes: Node[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }>) {
  const nodes: Node[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_GROUP_PAGES; page++) {
    const connection = await read(after);
    nodes.push(...connection.nodes);
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) return { nodes, truncated: false };
    after = connection.pageInfo.endCursor;
  }
  return { nodes, truncated: true };
}

/** The page's product or variant, and the app's plans (only the app's: the documents ask for `app_id:CURRENT`). */
export async function loadResource(client: AdminClient, target: Target): Promise<Loaded<PageResource>> {
  if (target.kind === "product") {
    let title: string | null = null;
    let currencyCode = "";
    const { nodes, truncated } = await pages(async (after) => {
      const data = await client.request(PRODUCT_SELLING_PLAN_GROUPS_QUERY, { productId: target.resourceId, first: GROUPS_PER_PAGE, after });
      title = data.product?.title ?? null;
      currencyCode = data.shop.currencyCode;
      return data.sellingPlanGroups;
    });
    if (title === null) return { ok: false, message: "This product no longer exists." };
    return { ok: true, value: { title, currencyCode, groups: sortRows(nodes.map(productRow)), truncated } };
  }
  const variant = await client.request(PRODUCT_VARIANT_PRODUCT_QUERY, { id: target.resourceId });
  const productId = variant.productVariant?.product.id;
  if (!productId) return { ok: false, message: "This variant no longer exists." };
  let title = "";
  let currencyCode = "";
  const { nodes, truncated } = await pages(async (after) => {
    const data = await client.request(PRODUCT_VARIANT_SELLING_PLAN_GROUPS_QUERY, { variantId: target.resourceId, productId, first: GROUPS_PER_PAGE, after });
    title = data.productVariant?.displayName ?? title;
    currencyCode = data.shop.currencyCode;
    return data.sellingPlanGroups;
  });
  return { ok: true, value: { title, currencyCode, groups: sortRows(nodes.map(variantRow)), truncated } };
}

/**
 * The plan the merchant opened, as the form edits it. Shopify answers null
 * for a group that does not exist or that another app owns, so another app's
 * plan is never shown or changed here.
 */
export async function loadPlan(client: AdminClient, groupId: string): Promise<Loaded<PlanForm>> {
  const data = await client.request(SELLING_PLAN_GROUP_QUERY, { id: groupId });
  if (!data.sellingPlanGroup) return { ok: false, message: "This purchase option was not created by this app, or it no longer exists." };
  return { ok: true, value: planFormFromGroup(data.sellingPlanGroup) };
}

export type SaveResult = { ok: true; groupId: string } | { ok: false; errors: PlanFieldErrors };

/**
 * Validates the editor's state with the app's plan form and saves it: a new
 * plan on the page's product or variant, or the edited plan. Shopify's
 * userErrors come back at the fields they name.
 */
export async function savePlan(client: AdminClient, target: Target, state: FormState, edit: { groupId: string; current: PlanForm } | null): Promise<SaveResult> {
  const parsed = validatePlanForm(planFormValues(state, edit ? edit.current : resourcesOf(target)));
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const form = parsed.form;
  const request = saveRequest(form, edit);
  if (request.operation === "create") {
    const payload = (await client.request(SELLING_PLAN_GROUP_CREATE_MUTATION, request.variables)).sellingPlanGroupCreate;
    if (payload?.sellingPlanGroup && payload.userErrors.length === 0) return { ok: true, groupId: payload.sellingPlanGroup.id };
    return { ok: false, errors: userErrorFields(form, payload?.userErrors.length ? payload.userErrors : [{ message: "Shopify did not create the plan." }]) };
  }
  const userErrors = updateUserErrors(await client.request(SELLING_PLAN_GROUP_UPDATE_MUTATION, request.variables));
  return userErrors.length === 0 ? { ok: true, groupId: request.variables.id as string } : { ok: false, errors: userErrorFields(form, userErrors) };
}

export type ChangeResult = { ok: true; removed: boolean } | { ok: false; message: string };

async function run(client: AdminClient, change: MembershipChange) {
  switch (change.operation) {
    case "addProducts":
      return (await client.request(SELLING_PLAN_GROUP_ADD_PRODUCTS_MUTATION, change.variables)).sellingPlanGroupAddProducts?.userErrors;
    case "removeProducts":
      return (await client.request(SELLING_PLAN_GROUP_REMOVE_PRODUCTS_MUTATION, change.variables)).sellingPlanGroupRemoveProducts?.userErrors;
    case "addProductVariants":
      return (await client.request(SELLING_PLAN_GROUP_ADD_PRODUCT_VARIANTS_MUTATION, change.variables)).sellingPlanGroupAddProductVariants?.userErrors;
    case "removeProductVariants":
      return (await client.request(SELLING_PLAN_GROUP_REMOVE_PRODUCT_VARIANTS_MUTATION, change.variables)).sellingPlanGroupRemoveProductVariants?.userErrors;
  }
}

/** Adds the page's product or variant to one of the app's plans, or removes it (App Store 5.4.11). */
export async function changeMembership(client: AdminClient, target: Target, row: Pick<GroupRow, "id" | "membership">): Promise<ChangeResult> {
  const change = membershipChange(target, row);
  if (!change) return { ok: false, message: "This plan is offered on the whole product: change it on the product page." };
  const userErrors = await run(client, change);
  if (userErrors === undefined) return { ok: false, message: "Shopify did not answer the change." };
  if (userErrors.length > 0) return { ok: false, message: userErrors.map((error) => error.message).join(" ") };
  return { ok: true, removed: isRemoval(change) };
}
