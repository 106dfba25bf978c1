/**
 * What the admin opened the extension on, from `shopify.data.selected`: a
 * product or a variant (the two targets), and the purchase option (selling
 * plan group) when the merchant opened an existing one to edit it.
 */
export type ResourceKind = "product" | "variant";

export interface Target {
  kind: ResourceKind;
  /** The product's or the variant's GID. */
  resourceId: string;
  /** The group to edit, or null to create one. */
  groupId: string | null;
}

export type TargetResult = { ok: true; target: Target } | { ok: false; reason: "nothing-selected" | "unsupported-resource" | "unsupported-purchase-option" };

const GID = /^gid:\/\/shopify\/(\w+)\/(\d+)$/;

function kindOf(id: string): ResourceKind | null {
  const type = GID.exec(id)?.[1];
  return type === "Product" ? "product" : type === "ProductVariant" ? "variant" : null;
}

/**
 * The purchase option to edit. The admin names it `sellingPlanId`; it is the
 * selling plan group's id (Shopify's reference app reads it so). A bare
 * number is taken as a group's; anything else is not something this app
 * edits.
 */
function groupIdOf(sellingPlanId: string | undefined): string | null | undefined {
  if (!sellingPlanId) return null;
  if (/^\d+$/.test(sellingPlanId)) return `gid://shopify/SellingPlanGroup/${sellingPlanId}`;
  return GID.exec(sellingPlanId)?.[1] === "SellingPlanGroup" ? sellingPlanId : undefined;
}

export function targetFrom(selected: ReadonlyArray<{ id: string; sellingPlanId?: string }> | undefined): TargetResult {
  const first = selected?.[0];
  if (!first) return { ok: false, reason: "nothing-selected" };
  const kind = kindOf(first.id);
  if (!kind) return { ok: false, reason: "unsupported-resource" };
  const groupId = groupIdOf(first.sellingPlanId);
  if (groupId === undefined) return { ok: false, reason: "unsupported-purchase-option" };
  return { ok: true, target: { kind, resourceId: first.id, groupId } };
}
