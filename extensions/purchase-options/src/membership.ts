/**
 * The app's plans as the product or variant page sees them, and what adding
 * the page's product or variant to one, or removing it, asks Shopify to do
 * (App Store 5.4.6 and 5.4.11; variant level, 5.4.19). Pure: the data layer
 * runs the mutation this module picks.
 */
import type {
  ProductSellingPlanGroupsQuery,
  ProductVariantSellingPlanGroupsQuery,
  SellingPlanGroupAddProductsMutationVariables,
  SellingPlanGroupAddProductVariantsMutationVariables,
  SellingPlanGroupRemoveProductsMutationVariables,
  SellingPlanGroupRemoveProductVariantsMutationVariables,
} from "../../../app/shopify/generated/admin.generated";
import type { Target } from "./target";

/**
 * How a plan is offered on the page's resource.
 * - `product`: on the whole product (product page).
 * - `some-variants`: on some of the product's variants only (product page).
 * - `variant`: on this variant itself (variant page).
 * - `through-product`: on the variant's whole product (variant page).
 * - `none`: not offered here.
 */
export type Membership = "product" | "some-variants" | "variant" | "through-product" | "none";

export interface GroupRow {
  id: string;
  /** What buyers see. */
  name: string;
  /** The merchant's internal name. */
  merchantCode: string;
  summary: string | null;
  membership: Membership;
  /** Variants of the product the plan is offered on (product page, `some-variants`). */
  variantCount: number;
}

type ProductGroup = ProductSellingPlanGroupsQuery["sellingPlanGroups"]["nodes"][number];
type VariantGroup = ProductVariantSellingPlanGroupsQuery["sellingPlanGroups"]["nodes"][number];

export function productRow(group: ProductGroup): GroupRow {
  const variantCount = group.productVariantsCount?.count ?? 0;
  const membership: Membership = group.appliesToProduct ? "product" : variantCount > 0 ? "some-variants" : "none";
  return { id: group.id, name: group.name, merchantCode: group.merchantCode, summary: group.summary, membership, variantCount };
}

export function variantRow(group: VariantGroup): GroupRow {
  const membership: Membership = group.appliesToProductVariant ? "variant" : group.appliesToProduct ? "through-product" : "none";
  return { id: group.id, name: group.name, merchantCode: group.merchantCode, summary: group.summary, membership, variantCount: 0 };
}

/** Plans offered here first (the merchant looks for what to remove there), then the others, each by name as Shopify sorted them. */
export function sortRows(rows: readonly GroupRow[]): GroupRow[] {
  const offered = (row: GroupRow) => (row.membership === "none" ? 1 : 0);
  return rows.map((row, index) => ({ row, index })).sort((a, b) => offered(a.row) - offered(b.row) || a.index - b.index).map(({ row }) => row);
}

export type MembershipChange =
  | { operation: "addProducts"; variables: SellingPlanGroupAddProductsMutationVariables }
  | { operation: "removeProducts"; variables: SellingPlanGroupRemoveProductsMutationVariables }
  | { operation: "addProductVariants"; variables: SellingPlanGroupAddProductVariantsMutationVariables }
  | { operation: "removeProductVariants"; variables: SellingPlanGroupRemoveProductVariantsMutationVariables };

/**
 * The one change the row's button makes, or null when there is none to make
 * from this page:
 * - product page: a plan on the whole product is removed from it; any other
 *   (none, or only some variants) is added for the whole product.
 * - variant page: a plan on the variant is removed from it, a plan not here is
 *   added for this variant alone; a plan on the whole product is changed on
 *   the product page (removing one variant from a whole-product plan is not a
 *   change Shopify can make).
 */
export function membershipChange(target: Pick<Target, "kind" | "resourceId">, row: Pick<GroupRow, "id" | "membership">): MembershipChange | null {
  const id = row.id;
  if (target.kind === "product") {
    if (row.membership === "product") return { operation: "removeProducts", variables: { id, productIds: [target.resourceId] } };
    if (row.membership === "none" || row.membership === "some-variants") return { operation: "addProducts", variables: { id, productIds: [target.resourceId] } };
    return null;
  }
  if (row.membership === "variant") return { operation: "removeProductVariants", variables: { id, productVariantIds: [target.resourceId] } };
  if (row.membership === "none") return { operation: "addProductVariants", variables: { id, productVariantIds: [target.resourceId] } };
  return null;
}

export const isRemoval = (change: MembershipChange) => change.operation === "removeProducts" || change.operation === "removeProductVariants";
