import { describe, expect, it } from "vitest";
import { targetFrom, type TargetResult } from "./target";

const PRODUCT = "gid://shopify/Product/1";
const VARIANT = "gid://shopify/ProductVariant/11";
const GROUP = "gid://shopify/SellingPlanGroup/7";

describe("targetFrom (shopify.data.selected)", () => {
  it.each<[string, Parameters<typeof targetFrom>[0], TargetResult]>([
    ["a product page: create", [{ id: PRODUCT }], { ok: true, target: { kind: "product", resourceId: PRODUCT, groupId: null } }],
    ["a variant page: create (5.4.19)", [{ id: VARIANT }], { ok: true, target: { kind: "variant", resourceId: VARIANT, groupId: null } }],
    ["a product's purchase option: edit", [{ id: PRODUCT, sellingPlanId: GROUP }], { ok: true, target: { kind: "product", resourceId: PRODUCT, groupId: GROUP } }],
    ["a variant's purchase option: edit", [{ id: VARIANT, sellingPlanId: GROUP }], { ok: true, target: { kind: "variant", resourceId: VARIANT, groupId: GROUP } }],
    ["a bare numeric purchase option", [{ id: PRODUCT, sellingPlanId: "7" }], { ok: true, target: { kind: "product", resourceId: PRODUCT, groupId: GROUP } }],
    ["an empty sellingPlanId: create", [{ id: PRODUCT, sellingPlanId: "" }], { ok: true, target: { kind: "product", resourceId: PRODUCT, groupId: null } }],
    ["the first of several selected", [{ id: VARIANT }, { id: PRODUCT }], { ok: true, target: { kind: "variant", resourceId: VARIANT, groupId: null } }],
    ["nothing selected", [], { ok: false, reason: "nothing-selected" }],
    ["no data at all", undefined, { ok: false, reason: "nothing-selected" }],
    ["a collection", [{ id: "gid://shopify/Collection/3" }], { ok: false, reason: "unsupported-resource" }],
    ["not a GID", [{ id: "1" }], { ok: false, reason: "unsupported-resource" }],
    ["a selling plan (not a group) id", [{ id: PRODUCT, sellingPlanId: "gid://shopify/SellingPlan/5" }], { ok: false, reason: "unsupported-purchase-option" }],
  ])("%s", (_case, selected, expected) => {
    expect(targetFrom(selected)).toEqual(expected);
  });
});
