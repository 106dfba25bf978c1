import { describe, expect, it } from "vitest";
import { isRemoval, membershipChange, productRow, sortRows, variantRow, type GroupRow, type Membership, type MembershipChange } from "./membership";

const PRODUCT = "gid://shopify/Product/1";
const VARIANT = "gid://shopify/ProductVariant/11";
const GROUP = "gid://shopify/SellingPlanGroup/7";
const base = { id: GROUP, name: "Subscribe and save", merchantCode: "Coffee", summary: null };

describe("how a plan is offered on the page's resource", () => {
  it.each<[string, { appliesToProduct: boolean; variants: number }, Membership, number]>([
    ["the whole product", { appliesToProduct: true, variants: 0 }, "product", 0],
    ["the whole product and some variants besides", { appliesToProduct: true, variants: 2 }, "product", 2],
    ["some variants only", { appliesToProduct: false, variants: 2 }, "some-variants", 2],
    ["not at all", { appliesToProduct: false, variants: 0 }, "none", 0],
  ])("product page: %s", (_case, { appliesToProduct, variants }, membership, variantCount) => {
    expect(productRow({ ...base, appliesToProduct, productVariantsCount: { count: variants } })).toEqual({ ...base, membership, variantCount });
  });

  it("product page: a missing variant count is none", () => {
    expect(productRow({ ...base, appliesToProduct: false, productVariantsCount: null }).membership).toBe("none");
  });

  it.each<[string, { appliesToProduct: boolean; appliesToProductVariant: boolean }, Membership]>([
    ["this variant", { appliesToProduct: false, appliesToProductVariant: true }, "variant"],
    ["this variant and its whole product", { appliesToProduct: true, appliesToProductVariant: true }, "variant"],
    ["its whole product", { appliesToProduct: true, appliesToProductVariant: false }, "through-product"],
    ["not at all", { appliesToProduct: false, appliesToProductVariant: false }, "none"],
  ])("variant page: %s", (_case, flags, membership) => {
    expect(variantRow({ ...base, ...flags }).membership).toBe(membership);
  });
});

describe("membershipChange: the one mutation a row's button runs", () => {
  const product = { kind: "product" as const, resourceId: PRODUCT };
  const variant = { kind: "variant" as const, resourceId: VARIANT };
  it.each<[string, typeof product | typeof variant, Membership, MembershipChange | null]>([
    ["product page, on the product: remove it (5.4.11)", product, "product", { operation: "removeProducts", variables: { id: GROUP, productIds: [PRODUCT] } }],
    ["product page, not offered: add the product (5.4.6)", product, "none", { operation: "addProducts", variables: { id: GROUP, productIds: [PRODUCT] } }],
    ["product page, some variants: offer the whole product", product, "some-variants", { operation: "addProducts", variables: { id: GROUP, productIds: [PRODUCT] } }],
    ["variant page, on the variant: remove the variant (5.4.11, 5.4.19)", variant, "variant", { operation: "removeProductVariants", variables: { id: GROUP, productVariantIds: [VARIANT] } }],
    ["variant page, not offered: add the variant alone (5.4.19)", variant, "none", { operation: "addProductVariants", variables: { id: GROUP, productVariantIds: [VARIANT] } }],
    ["variant page, on the whole product: nothing to do here", variant, "through-product", null],
  ])("%s", (_case, target, membership, expected) => {
    expect(membershipChange(target, { id: GROUP, membership })).toEqual(expected);
  });

  it.each<[MembershipChange["operation"], boolean]>([
    ["addProducts", false],
    ["addProductVariants", false],
    ["removeProducts", true],
    ["removeProductVariants", true],
  ])("%s is a removal: %s", (operation, removal) => {
    expect(isRemoval({ operation, variables: { id: GROUP } } as MembershipChange)).toBe(removal);
  });
});

describe("sortRows", () => {
  it("lists the plans offered here first, keeping Shopify's order within each", () => {
    const row = (id: string, membership: Membership): GroupRow => ({ ...base, id, membership, variantCount: 0 });
    const rows = [row("a", "none"), row("b", "product"), row("c", "none"), row("d", "some-variants")];
    expect(sortRows(rows).map((r) => r.id)).toEqual(["b", "d", "a", "c"]);
  });
});
