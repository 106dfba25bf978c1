/**
 * Products, variants and selling plan groups ("purchase options") as Shopify
 * keeps them, enough to answer the plan pages, the resource picker's
 * follow-up lookups and the purchase-options admin extension.
 *
 * - Every shop starts, on first use, with the demo catalogue
 *   (simulator/catalogue.ts) or with `startingCatalogue` if a test sets it;
 *   `setCatalogue(shop, [])` empties one shop's, `addProduct` adds to it.
 *   With `demoGroups` (SHOPIFY_SIMULATOR_DEMO=1, set by the demo) each shop
 *   also starts with two plan groups on some of those products.
 * - Groups belong to the app that created it. Every request comes from the
 *   app under test, `gid://shopify/App/1` (SIMULATED_APP_ID); `addGroup(shop,
 *   {ownerAppId})` adds another app's, which Shopify hides from this app.
 * - Create and update are checked the way Shopify checks them (see
 *   `draftGroup`), and a refused mutation changes nothing.
 *
 * Modelled: recurring billing and delivery policies (fixed ones, for
 * deferred purchase options, are refused with INVALID_INPUT), fixed and
 * recurring pricing policies, products and variants added directly to a
 * group. Not modelled: translations, metafields (mocked), inventory
 * policies beyond `reserve`, the search terms `delivery_frequency` and
 * `percentage_off` (ignored, as Shopify ignores unknown terms), `OR`.
 */
import { isObjectType } from "graphql";
import { ShopifyGraphqlError, type AdminApiSimulator, type UserError } from "./admin-api";
import { DEMO_CATALOGUE, type CatalogueProduct, type CatalogueVariant } from "./catalogue";
import { adminSchema } from "./schema";

/** The app every simulated request comes from (Shopify's `app_id:CURRENT`). */
export const SIMULATED_APP_ID = "gid://shopify/App/1";

/** Shopify's limits (SellingPlanGroupUserErrorCode). */
export const MAX_PLANS_PER_GROUP = 31;
export const MAX_PRICING_POLICIES_PER_PLAN = 2;

export type SellingPlanInterval = "DAY" | "WEEK" | "MONTH" | "YEAR";
export type AdjustmentType = "PERCENTAGE" | "FIXED_AMOUNT" | "PRICE";

export interface SimulatedAnchor {
  type: "WEEKDAY" | "MONTHDAY" | "YEARDAY";
  day: number;
  month: number | null;
  cutoffDay: number | null;
}

export interface SimulatedRecurringPolicy {
  interval: SellingPlanInterval;
  intervalCount: number;
  anchors: SimulatedAnchor[];
}

export interface SimulatedBillingPolicy extends SimulatedRecurringPolicy {
  minCycles: number | null;
  maxCycles: number | null;
}

export interface SimulatedDeliveryPolicy extends SimulatedRecurringPolicy {
  cutoff: number | null;
  preAnchorBehavior: "ASAP" | "NEXT";
}

export interface SimulatedPricingPolicy {
  kind: "fixed" | "recurring";
  adjustmentType: AdjustmentType;
  /** PERCENTAGE: the percentage off. */
  percentage: number | null;
  /** FIXED_AMOUNT (amount off) or PRICE (the new price): a decimal string in the shop's currency. */
  amount: string | null;
  /** Recurring policies: the cycle they apply from. */
  afterCycle: number | null;
}

export interface SimulatedPlan {
  id: string;
  name: string;
  description: string | null;
  options: string[];
  position: number | null;
  category: "SUBSCRIPTION" | "PRE_ORDER" | "TRY_BEFORE_YOU_BUY" | "OTHER" | null;
  createdAt: string;
  billingPolicy: SimulatedBillingPolicy;
  deliveryPolicy: SimulatedDeliveryPolicy;
  pricingPolicies: SimulatedPricingPolicy[];
  inventoryReserve: "ON_FULFILLMENT" | "ON_SALE" | null;
}

export interface SimulatedGroup {
  id: string;
  shop: string;
  /** The app that created it (a `gid://shopify/App/<n>`); not `appId`, which is a free string. */
  ownerAppId: string;
  name: string;
  merchantCode: string;
  description: string | null;
  options: string[];
  position: number | null;
  appId: string | null;
  createdAt: string;
  updatedAt: string;
  plans: SimulatedPlan[];
  /** Products and variants added to the group directly, in the order they were added. */
  productIds: string[];
  productVariantIds: string[];
}

// --- Inputs, as the Admin API receives them (null and absent both mean "not given") ---

type Maybe<T> = T | null | undefined;

export interface SellingPlanInput {
  id?: Maybe<string>;
  name?: Maybe<string>;
  description?: Maybe<string>;
  options?: Maybe<string[]>;
  position?: Maybe<number>;
  category?: Maybe<SimulatedPlan["category"]>;
  billingPolicy?: Maybe<{ recurring?: Maybe<RecurringBillingInput>; fixed?: Maybe<object> }>;
  deliveryPolicy?: Maybe<{ recurring?: Maybe<RecurringDeliveryInput>; fixed?: Maybe<object> }>;
  pricingPolicies?: Maybe<PricingPolicyInput[]>;
  inventoryPolicy?: Maybe<{ reserve?: Maybe<"ON_FULFILLMENT" | "ON_SALE"> }>;
  metafields?: Maybe<unknown[]>;
}

interface AnchorInput {
  type?: Maybe<SimulatedAnchor["type"]>;
  day?: Maybe<number>;
  month?: Maybe<number>;
  cutoffDay?: Maybe<number>;
}

interface RecurringBillingInput {
  interval?: Maybe<SellingPlanInterval>;
  intervalCount?: Maybe<number>;
  anchors?: Maybe<AnchorInput[]>;
  minCycles?: Maybe<number>;
  maxCycles?: Maybe<number>;
}

interface RecurringDeliveryInput {
  interval?: Maybe<SellingPlanInterval>;
  intervalCount?: Maybe<number>;
  anchors?: Maybe<AnchorInput[]>;
  cutoff?: Maybe<number>;
  intent?: Maybe<"FULFILLMENT_BEGIN">;
  preAnchorBehavior?: Maybe<"ASAP" | "NEXT">;
}

interface PricingValueInput {
  percentage?: Maybe<number>;
  fixedValue?: Maybe<string | number>;
}

interface PricingPolicyInput {
  fixed?: Maybe<{ adjustmentType?: Maybe<AdjustmentType>; adjustmentValue?: Maybe<PricingValueInput>; id?: Maybe<string> }>;
  recurring?: Maybe<{ adjustmentType?: Maybe<AdjustmentType>; adjustmentValue?: Maybe<PricingValueInput>; afterCycle: number; id?: Maybe<string> }>;
}

export interface SellingPlanGroupInput {
  name?: Maybe<string>;
  merchantCode?: Maybe<string>;
  description?: Maybe<string>;
  options?: Maybe<string[]>;
  position?: Maybe<number>;
  appId?: Maybe<string>;
  sellingPlansToCreate?: Maybe<SellingPlanInput[]>;
  sellingPlansToUpdate?: Maybe<SellingPlanInput[]>;
  sellingPlansToDelete?: Maybe<string[]>;
}

interface ResourceInput {
  productIds?: Maybe<string[]>;
  productVariantIds?: Maybe<string[]>;
}

/** A product to add to a shop's catalogue; IDs are made up when left out. */
export interface NewProduct {
  id?: string;
  title: string;
  handle?: string;
  variants: Array<{ id?: string; title: string; price: string }>;
}

export interface NewGroup extends SellingPlanGroupInput {
  /** Defaults to the app under test (SIMULATED_APP_ID). */
  ownerAppId?: string;
  createdAt?: string | Date;
  productIds?: string[];
  productVariantIds?: string[];
}

type GroupError = UserError & { field: string[] | null; code: string };

export class PlansState {
  /** Shopify's clock for createdAt and updatedAt. */
  now: () => number = () => Date.now();
  /** What a shop's catalogue is on its first use (deep-copied). */
  startingCatalogue: readonly CatalogueProduct[] = DEMO_CATALOGUE;
  /** Every shop starts with the two demo plan groups too (SHOPIFY_SIMULATOR_DEMO). */
  demoGroups: boolean;
  readonly groups = new Map<string, SimulatedGroup>();
  private readonly catalogues = new Map<string, Map<string, CatalogueProduct>>();
  private nextGroup = 1;
  private nextPlan = 1;
  private nextProduct = 1001;
  private nextVariant = 1001;

  constructor({ demoGroups = false }: { demoGroups?: boolean } = {}) {
    this.demoGroups = demoGroups;
  }

  /** Forget every shop's catalogue and groups, and start IDs again from 1; shops start again from `startingCatalogue` (and the demo groups). */
  reset(): void {
    this.groups.clear();
    this.catalogues.clear();
    this.nextGroup = this.nextPlan = 1;
    this.nextProduct = this.nextVariant = 1001;
  }

  // --- Catalogue --------------------------------------------------------------

  /** The shop's products, in ID order. */
  products(shop: string): CatalogueProduct[] {
    return [...this.catalogue(shop).values()].sort((a, b) => numericId(a.id) - numericId(b.id));
  }

  /** Replaces the shop's catalogue (`[]` for none); groups keep their IDs, and unknown ones stop being listed. */
  setCatalogue(shop: string, products: readonly CatalogueProduct[]): void {
    this.catalogue(shop);
    this.catalogues.set(shop, new Map(products.map((product) => [product.id, copyProduct(product)])));
  }

  addProduct(shop: string, product: NewProduct): CatalogueProduct {
    const added: CatalogueProduct = {
      id: product.id ?? `gid://shopify/Product/${this.nextProduct++}`,
      title: product.title,
      handle: product.handle ?? handleize(product.title),
      variants: product.variants.map((variant) => ({
        id: variant.id ?? `gid://shopify/ProductVariant/${this.nextVariant++}`,
        title: variant.title,
        price: variant.price,
      })),
    };
    this.catalogue(shop).set(added.id, added);
    return added;
  }

  product(shop: string, id: string): CatalogueProduct | undefined {
    return this.catalogue(shop).get(id);
  }

  variant(shop: string, id: string): { product: CatalogueProduct; variant: CatalogueVariant } | undefined {
    for (const product of this.catalogue(shop).values()) {
      const variant = product.variants.find((candidate) => candidate.id === id);
      if (variant) return { product, variant };
    }
    return undefined;
  }

  private catalogue(shop: string): Map<string, CatalogueProduct> {
    let catalogue = this.catalogues.get(shop);
    if (!catalogue) {
      catalogue = new Map(this.startingCatalogue.map((product) => [product.id, copyProduct(product)]));
      this.catalogues.set(shop, catalogue);
      if (this.demoGroups) for (const group of demoGroups()) this.addGroup(shop, group);
    }
    return catalogue;
  }

  // --- Groups -----------------------------------------------------------------

  /**
   * Adds a group as if its owner app had created it, checked like
   * `sellingPlanGroupCreate` (throws on what Shopify would refuse).
   */
  addGroup(shop: string, spec: NewGroup): SimulatedGroup {
    const { ownerAppId = SIMULATED_APP_ID, createdAt, productIds, productVariantIds, ...input } = spec;
    const result = this.draftGroup(shop, undefined, input, { productIds, productVariantIds });
    if ("errors" in result) throw new Error(`addGroup: ${result.errors.map((error) => `${error.code} at ${error.field?.join(".")}: ${error.message}`).join("; ")}`);
    const group = result.commit(ownerAppId);
    if (createdAt) group.createdAt = group.updatedAt = new Date(createdAt).toISOString();
    return group;
  }

  /** The shop's groups of every app, in ID order. */
  groupsOf(shop: string): SimulatedGroup[] {
    this.catalogue(shop);
    return [...this.groups.values()].filter((group) => group.shop === shop).sort((a, b) => numericId(a.id) - numericId(b.id));
  }

  /** A group this app may see and change: Shopify answers another app's as if it did not exist. */
  private ownGroup(shop: string, id: unknown): SimulatedGroup | undefined {
    this.catalogue(shop);
    const group = this.groups.get(String(id));
    return group && group.shop === shop && group.ownerAppId === SIMULATED_APP_ID ? group : undefined;
  }

  /**
   * Applies a create or update input to a copy of the group, collecting every
   * userError Shopify would give; `commit` stores the result.
   */
  private draftGroup(
    shop: string,
    existing: SimulatedGroup | undefined,
    input: SellingPlanGroupInput,
    resources: ResourceInput = {},
  ): { errors: GroupError[] } | { commit: (ownerAppId?: string) => SimulatedGroup; deletedPlanIds: string[] } {
    const errors: GroupError[] = [];
    const refuse = (field: string[] | null, code: string, message: string) => void errors.push({ field, code, message });

    for (const key of ["name", "merchantCode"] as const) {
      const given = input[key];
      if (existing ? given !== undefined && given !== null && isBlank(given) : isBlank(given)) {
        refuse(["input", key], "BLANK", `${key === "name" ? "Name" : "Merchant code"} can't be blank`);
      }
    }
    const groupOptions = input.options ?? existing?.options ?? [];
    if (groupOptions.some(isBlank)) refuse(["input", "options"], "BLANK", "Options can't be blank");

    type Draft = Omit<SimulatedPlan, "id" | "createdAt"> & { id: string | null; createdAt: string | null; path: string[] | null };
    const plans: Draft[] = (existing?.plans ?? []).map((plan) => ({ ...structuredClone(plan), path: null }));
    const deletedPlanIds: string[] = [];

    (input.sellingPlansToDelete ?? []).forEach((id, i) => {
      const index = plans.findIndex((plan) => plan.id === id);
      if (index < 0) return refuse(["input", "sellingPlansToDelete", String(i)], "PLAN_DOES_NOT_EXIST", `Selling plan ${id} does not exist in this group`);
      deletedPlanIds.push(id);
      plans.splice(index, 1);
    });
    (input.sellingPlansToUpdate ?? []).forEach((planInput, i) => {
      const path = ["input", "sellingPlansToUpdate", String(i)];
      if (!planInput.id) return refuse([...path, "id"], "PLAN_ID_MUST_BE_SPECIFIED_TO_UPDATE", "Selling plan ID must be specified to update");
      const index = plans.findIndex((plan) => plan.id === planInput.id);
      if (index < 0) return refuse([...path, "id"], "PLAN_DOES_NOT_EXIST", `Selling plan ${planInput.id} does not exist in this group`);
      const built = buildPlan(planInput, path, plans[index], refuse);
      if (built) plans[index] = { ...built, id: plans[index].id, createdAt: plans[index].createdAt, path };
    });
    (input.sellingPlansToCreate ?? []).forEach((planInput, i) => {
      const path = ["input", "sellingPlansToCreate", String(i)];
      const built = buildPlan(planInput, path, undefined, refuse);
      if (built) plans.push({ ...built, id: null, createdAt: null, path });
    });

    if (plans.length > MAX_PLANS_PER_GROUP) {
      refuse(["input", "sellingPlansToCreate"], "SELLING_PLAN_COUNT_UPPER_BOUND", `A selling plan group can't have more than ${MAX_PLANS_PER_GROUP} selling plans`);
    }
    // Liquid tells plans apart by their options, and the admin by their names.
    for (const [key, code, what] of [
      [(plan: Draft) => JSON.stringify(plan.options.map((option) => option.trim().toLowerCase())), "SELLING_PLAN_DUPLICATE_OPTIONS", "options"],
      [(plan: Draft) => plan.name.trim().toLowerCase(), "SELLING_PLAN_DUPLICATE_NAME", "name"],
    ] as const) {
      const seen = new Map<string, Draft>();
      for (const plan of plans) {
        const first = seen.get(key(plan));
        if (!first) {
          seen.set(key(plan), plan);
          continue;
        }
        const path = plan.path ?? first.path;
        if (path) refuse([...path, what], code, `Selling plans in a group must have different ${what}`);
      }
    }
    const optionsChanged = input.options !== undefined && input.options !== null;
    for (const plan of plans) {
      if (!plan.path && !optionsChanged) continue;
      const path = plan.path ? [...plan.path, "options"] : ["input", "options"];
      const count = plan.options.length;
      if (count >= 2 && groupOptions.length < 2) refuse(path, "SELLING_PLAN_MISSING_OPTION2_LABEL_ON_PARENT_GROUP", "The group has no label for option 2");
      if (count >= 3 && groupOptions.length < 3) refuse(path, "SELLING_PLAN_MISSING_OPTION3_LABEL_ON_PARENT_GROUP", "The group has no label for option 3");
      if (groupOptions.length >= 2 && count < 2) refuse(path, "SELLING_PLAN_OPTION2_REQUIRED_AS_DEFINED_ON_PARENT_GROUP", "Option 2 is required, as the group defines it");
      if (groupOptions.length >= 3 && count < 3) refuse(path, "SELLING_PLAN_OPTION3_REQUIRED_AS_DEFINED_ON_PARENT_GROUP", "Option 3 is required, as the group defines it");
    }

    const productIds = resources.productIds ?? [];
    const productVariantIds = resources.productVariantIds ?? [];
    const unknownProducts = productIds.filter((id) => !this.product(shop, id));
    const unknownVariants = productVariantIds.filter((id) => !this.variant(shop, id));
    if (unknownProducts.length > 0) refuse(["resources", "productIds"], "RESOURCE_LIST_CONTAINS_INVALID_IDS", `Invalid product IDs: ${unknownProducts.join(", ")}`);
    if (unknownVariants.length > 0) refuse(["resources", "productVariantIds"], "RESOURCE_LIST_CONTAINS_INVALID_IDS", `Invalid product variant IDs: ${unknownVariants.join(", ")}`);

    if (errors.length > 0) return { errors };
    return {
      deletedPlanIds,
      commit: (ownerAppId = SIMULATED_APP_ID) => {
        const now = new Date(this.now()).toISOString();
        const group: SimulatedGroup = existing ?? {
          id: `gid://shopify/SellingPlanGroup/${this.nextGroup++}`,
          shop,
          ownerAppId,
          name: "",
          merchantCode: "",
          description: null,
          options: [],
          position: null,
          appId: null,
          createdAt: now,
          updatedAt: now,
          plans: [],
          productIds: [],
          productVariantIds: [],
        };
        group.name = input.name ?? group.name;
        group.merchantCode = input.merchantCode ?? group.merchantCode;
        if (input.description !== undefined) group.description = input.description;
        if (input.position !== undefined) group.position = input.position;
        if (input.appId !== undefined) group.appId = input.appId;
        group.options = [...groupOptions];
        group.plans = plans.map(({ path: _path, ...plan }) => ({
          ...plan,
          id: plan.id ?? `gid://shopify/SellingPlan/${this.nextPlan++}`,
          createdAt: plan.createdAt ?? now,
        }));
        addUnique(group.productIds, productIds);
        addUnique(group.productVariantIds, productVariantIds);
        group.updatedAt = now;
        this.groups.set(group.id, group);
        return group;
      },
    };
  }

  // --- The Admin API ------------------------------------------------------------

  /** Answers the Admin API root fields for products, variants and selling plan groups, from this state. */
  install(simulator: AdminApiSimulator): void {
    simulator.onQuery("sellingPlanGroups", (args, { shop }) => {
      this.catalogue(shop.domain);
      const terms = parseSearch(args.query);
      const appTerm = terms.find((term) => term.field === "app_id");
      const owner = appTerm?.value.toUpperCase() ?? "CURRENT";
      const groups = [...this.groups.values()].filter((group) => {
        if (group.shop !== shop.domain) return false;
        if (owner === "CURRENT" && group.ownerAppId !== SIMULATED_APP_ID) return false;
        if (owner !== "CURRENT" && owner !== "ALL" && group.ownerAppId !== `gid://shopify/App/${owner}`) return false;
        return terms.every((term) => term.field === "app_id" || groupMatches(group, term) !== term.negated);
      });
      const sortKey = String(args.sortKey ?? "ID");
      const sortValue = (group: SimulatedGroup): string | number =>
        sortKey === "NAME" ? group.name.toLowerCase() : sortKey === "CREATED_AT" ? group.createdAt : sortKey === "UPDATED_AT" ? group.updatedAt : numericId(group.id);
      return connection(groups, args, (group) => ({ last_id: numericId(group.id), last_value: sortValue(group) }), (group) => this.groupObject(group, shop.currencyCode));
    });

    // Shopify answers another app's group by ID only to an app with access to it; this app has none, so null.
    simulator.onQuery("sellingPlanGroup", (args, { shop }) => {
      const group = this.ownGroup(shop.domain, args.id);
      return group ? this.groupObject(group, shop.currencyCode) : null;
    });

    simulator.onQuery("product", (args, { shop }) => {
      const product = this.product(shop.domain, String(args.id));
      return product ? this.productObject(shop.domain, product, shop.currencyCode) : null;
    });

    simulator.onQuery("productVariant", (args, { shop }) => {
      const found = this.variant(shop.domain, String(args.id));
      return found ? this.variantObject(shop.domain, found.product, found.variant, shop.currencyCode) : null;
    });

    simulator.onQuery("products", (args, { shop }) => {
      const terms = parseSearch(args.query);
      const products = this.products(shop.domain).filter((product) => terms.every((term) => productMatches(product, term) !== term.negated));
      const byTitle = args.sortKey === "TITLE";
      return connection(
        products,
        args,
        (product) => ({ last_id: numericId(product.id), last_value: byTitle ? product.title.toLowerCase() : numericId(product.id) }),
        (product) => this.productObject(shop.domain, product, shop.currencyCode),
      );
    });

    const node = (shop: { domain: string; currencyCode: string }, id: string): unknown => {
      const type = /^gid:\/\/shopify\/(\w+)\//.exec(id)?.[1];
      if (type === "Product") {
        const product = this.product(shop.domain, id);
        return product ? this.productObject(shop.domain, product, shop.currencyCode) : null;
      }
      if (type === "ProductVariant") {
        const found = this.variant(shop.domain, id);
        return found ? this.variantObject(shop.domain, found.product, found.variant, shop.currencyCode) : null;
      }
      if (type === "SellingPlanGroup") {
        const group = this.ownGroup(shop.domain, id);
        return group ? this.groupObject(group, shop.currencyCode) : null;
      }
      if (type === "SellingPlan") {
        this.catalogue(shop.domain);
        for (const group of this.groups.values()) {
          const plan = group.plans.find((candidate) => candidate.id === id);
          if (plan) return this.ownGroup(shop.domain, group.id) ? planObject(plan, shop.currencyCode) : null;
        }
        return null;
      }
      // Types modelled elsewhere or not at all: schema-shaped mock values, as before.
      const objectType = type ? adminSchema().schema.getType(type) : undefined;
      return isObjectType(objectType) && objectType.getInterfaces().some((candidate) => candidate.name === "Node") ? { __typename: type, id } : null;
    };
    simulator.onQuery("node", (args, { shop }) => node(shop, String(args.id)));
    simulator.onQuery("nodes", (args, { shop }) => (args.ids as string[]).map((id) => node(shop, id)));

    simulator.onMutation("sellingPlanGroupCreate", (args, { shop }) => {
      this.catalogue(shop.domain);
      const result = this.draftGroup(shop.domain, undefined, args.input as SellingPlanGroupInput, (args.resources ?? {}) as ResourceInput);
      if ("errors" in result) return { sellingPlanGroup: null, userErrors: result.errors };
      return { sellingPlanGroup: this.groupObject(result.commit(), shop.currencyCode), userErrors: [] };
    });

    simulator.onMutation("sellingPlanGroupUpdate", (args, { shop }) => {
      const group = this.ownGroup(shop.domain, args.id);
      if (!group) return { deletedSellingPlanIds: null, sellingPlanGroup: null, userErrors: [groupMissing(args.id)] };
      const result = this.draftGroup(shop.domain, group, args.input as SellingPlanGroupInput);
      if ("errors" in result) return { deletedSellingPlanIds: null, sellingPlanGroup: null, userErrors: result.errors };
      return { deletedSellingPlanIds: result.deletedPlanIds, sellingPlanGroup: this.groupObject(result.commit(), shop.currencyCode), userErrors: [] };
    });

    simulator.onMutation("sellingPlanGroupDelete", (args, { shop }) => {
      const group = this.ownGroup(shop.domain, args.id);
      if (!group) return { deletedSellingPlanGroupId: null, userErrors: [groupMissing(args.id)] };
      this.groups.delete(group.id);
      return { deletedSellingPlanGroupId: group.id, userErrors: [] };
    });

    // The group's side: add or remove products or variants by ID.
    const changeResources = (
      kind: "productIds" | "productVariantIds",
      change: "add" | "remove",
      args: Record<string, unknown>,
      shop: { domain: string; currencyCode: string },
    ) => {
      const group = this.ownGroup(shop.domain, args.id);
      const ids = (args[kind] ?? []) as string[];
      const answer = (userErrors: GroupError[], removed?: string[]) =>
        change === "add"
          ? { sellingPlanGroup: userErrors.length === 0 && group ? this.groupObject(group, shop.currencyCode) : null, userErrors }
          : { [kind === "productIds" ? "removedProductIds" : "removedProductVariantIds"]: userErrors.length === 0 ? removed : null, userErrors };
      if (!group) return answer([groupMissing(args.id)]);
      const exists = (id: string) => (kind === "productIds" ? this.product(shop.domain, id) : this.variant(shop.domain, id));
      const unknown = ids.filter((id) => !exists(id));
      if (unknown.length > 0) {
        const what = kind === "productIds" ? "product" : "product variant";
        return answer([{ field: [kind], code: "RESOURCE_LIST_CONTAINS_INVALID_IDS", message: `Invalid ${what} IDs: ${unknown.join(", ")}` }]);
      }
      const list = group[kind];
      if (change === "add") {
        addUnique(list, ids);
        group.updatedAt = new Date(this.now()).toISOString();
        return answer([]);
      }
      const removed = ids.filter((id, i) => list.includes(id) && ids.indexOf(id) === i);
      group[kind] = list.filter((id) => !removed.includes(id));
      if (removed.length > 0) group.updatedAt = new Date(this.now()).toISOString();
      return answer([], removed);
    };
    simulator.onMutation("sellingPlanGroupAddProducts", (args, { shop }) => changeResources("productIds", "add", args, shop));
    simulator.onMutation("sellingPlanGroupRemoveProducts", (args, { shop }) => changeResources("productIds", "remove", args, shop));
    simulator.onMutation("sellingPlanGroupAddProductVariants", (args, { shop }) => changeResources("productVariantIds", "add", args, shop));
    simulator.onMutation("sellingPlanGroupRemoveProductVariants", (args, { shop }) => changeResources("productVariantIds", "remove", args, shop));

    // The product's side (the purchase-options admin extension): join or leave groups by their IDs.
    const joinOrLeave = (kind: "product" | "productVariant", change: "join" | "leave", args: Record<string, unknown>, shop: { domain: string; currencyCode: string }) => {
      const id = String(args.id);
      const found = kind === "product" ? this.product(shop.domain, id) : this.variant(shop.domain, id);
      const refused = (error: GroupError) => ({ [kind]: null, userErrors: [error] });
      if (!found) {
        return refused(
          kind === "product"
            ? { field: ["id"], code: "PRODUCT_DOES_NOT_EXIST", message: "Product does not exist" }
            : { field: ["id"], code: "PRODUCT_VARIANT_DOES_NOT_EXIST", message: "Product variant does not exist" },
        );
      }
      const groupIds = args.sellingPlanGroupIds as string[];
      const groups = groupIds.map((groupId) => this.ownGroup(shop.domain, groupId));
      const missing = groupIds.filter((_groupId, i) => !groups[i]);
      if (missing.length > 0) return refused({ field: ["sellingPlanGroupIds"], code: "GROUP_DOES_NOT_EXIST", message: `Selling plan groups do not exist: ${missing.join(", ")}` });
      const list = kind === "product" ? "productIds" : "productVariantIds";
      for (const group of groups as SimulatedGroup[]) {
        if (change === "join") addUnique(group[list], [id]);
        else group[list] = group[list].filter((candidate) => candidate !== id);
        group.updatedAt = new Date(this.now()).toISOString();
      }
      if ("variant" in found) return { productVariant: this.variantObject(shop.domain, found.product, found.variant, shop.currencyCode), userErrors: [] };
      return { product: this.productObject(shop.domain, found, shop.currencyCode), userErrors: [] };
    };
    simulator.onMutation("productJoinSellingPlanGroups", (args, { shop }) => joinOrLeave("product", "join", args, shop));
    simulator.onMutation("productLeaveSellingPlanGroups", (args, { shop }) => joinOrLeave("product", "leave", args, shop));
    simulator.onMutation("productVariantJoinSellingPlanGroups", (args, { shop }) => joinOrLeave("productVariant", "join", args, shop));
    simulator.onMutation("productVariantLeaveSellingPlanGroups", (args, { shop }) => joinOrLeave("productVariant", "leave", args, shop));
  }

  // --- Answers: plain data, with functions for fields that take arguments ------------

  private groupObject(group: SimulatedGroup, currencyCode: string) {
    const shop = group.shop;
    const products = () => sortById(group.productIds.map((id) => this.product(shop, id)).filter((product) => product !== undefined));
    const variants = (productId?: unknown) =>
      sortById(
        group.productVariantIds
          .map((id) => this.variant(shop, id))
          .filter((found) => found !== undefined && (productId === undefined || productId === null || found.product.id === productId)) as Array<{ product: CatalogueProduct; variant: CatalogueVariant }>,
        (found) => found.variant.id,
      );
    const plans = [...group.plans].sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity) || numericId(a.id) - numericId(b.id));
    return {
      __typename: "SellingPlanGroup",
      id: group.id,
      name: group.name,
      merchantCode: group.merchantCode,
      description: group.description,
      options: group.options,
      position: group.position,
      appId: group.appId,
      summary: summarize(group, currencyCode),
      createdAt: group.createdAt,
      translations: [],
      sellingPlans: (args: Record<string, unknown>) =>
        connection(plans, args, (plan) => ({ last_id: numericId(plan.id), last_value: plan.position ?? Number.MAX_SAFE_INTEGER }), (plan) => planObject(plan, currencyCode)),
      products: (args: Record<string, unknown>) =>
        connection(products(), args, (product) => ({ last_id: numericId(product.id), last_value: numericId(product.id) }), (product) => this.productObject(shop, product, currencyCode)),
      productsCount: count(products().length),
      productVariants: (args: Record<string, unknown>) =>
        connection(
          variants(args.productId),
          args,
          (found) => ({ last_id: numericId(found.variant.id), last_value: numericId(found.variant.id) }),
          (found) => this.variantObject(shop, found.product, found.variant, currencyCode),
        ),
      productVariantsCount: (args: Record<string, unknown>) => count(variants(args.productId).length),
      appliesToProduct: (args: Record<string, unknown>) => group.productIds.includes(String(args.productId)),
      appliesToProductVariant: (args: Record<string, unknown>) => group.productVariantIds.includes(String(args.productVariantId)),
      appliesToProductVariants: (args: Record<string, unknown>) => variants(args.productId).length > 0,
    };
  }

  /** This app's groups on the product, directly or through its variants, or on the variant, directly or through its product. */
  private groupsOn(shop: string, product: CatalogueProduct, variant?: CatalogueVariant): SimulatedGroup[] {
    return this.groupsOf(shop).filter(
      (group) =>
        group.ownerAppId === SIMULATED_APP_ID &&
        (group.productIds.includes(product.id) ||
          (variant ? group.productVariantIds.includes(variant.id) : product.variants.some((candidate) => group.productVariantIds.includes(candidate.id)))),
    );
  }

  private productObject(shop: string, product: CatalogueProduct, currencyCode: string): Record<string, unknown> {
    const variants = () => product.variants.map((variant) => ({ product, variant }));
    return {
      __typename: "Product",
      id: product.id,
      title: product.title,
      handle: product.handle,
      status: "ACTIVE",
      totalVariants: product.variants.length,
      variantsCount: count(product.variants.length),
      hasOnlyDefaultVariant: product.variants.length === 1 && product.variants[0].title === "Default Title",
      featuredImage: null,
      featuredMedia: null,
      variants: (args: Record<string, unknown>) =>
        connection(
          sortById(variants(), (found) => found.variant.id),
          args,
          (found) => ({ last_id: numericId(found.variant.id), last_value: numericId(found.variant.id) }),
          (found) => this.variantObject(shop, found.product, found.variant, currencyCode),
        ),
      sellingPlanGroups: (args: Record<string, unknown>) => this.groupConnection(this.groupsOn(shop, product), args, currencyCode),
      sellingPlanGroupsCount: count(this.groupsOn(shop, product).length),
      sellingPlanGroupCount: this.groupsOn(shop, product).length,
    };
  }

  private variantObject(shop: string, product: CatalogueProduct, variant: CatalogueVariant, currencyCode: string): Record<string, unknown> {
    return {
      __typename: "ProductVariant",
      id: variant.id,
      title: variant.title,
      displayName: `${product.title} - ${variant.title}`,
      price: variant.price,
      compareAtPrice: null,
      image: null,
      product: this.productObject(shop, product, currencyCode),
      sellingPlanGroups: (args: Record<string, unknown>) => this.groupConnection(this.groupsOn(shop, product, variant), args, currencyCode),
      sellingPlanGroupsCount: count(this.groupsOn(shop, product, variant).length),
      sellingPlanGroupCount: this.groupsOn(shop, product, variant).length,
    };
  }

  private groupConnection(groups: SimulatedGroup[], args: Record<string, unknown>, currencyCode: string) {
    return connection(groups, args, (group) => ({ last_id: numericId(group.id), last_value: numericId(group.id) }), (group) => this.groupObject(group, currencyCode));
  }
}

// --- Plans --------------------------------------------------------------------

type Refuse = (field: string[] | null, code: string, message: string) => void;

/** A plan from its input (merged over `base` for an update), or null after refusing it. */
function buildPlan(
  input: SellingPlanInput,
  path: string[],
  base: Omit<SimulatedPlan, "id" | "createdAt"> | undefined,
  refuse: Refuse,
): Omit<SimulatedPlan, "id" | "createdAt"> | null {
  let ok = true;
  const fail: Refuse = (field, code, message) => {
    ok = false;
    refuse(field, code, message);
  };
  const name = input.name ?? base?.name ?? "";
  if (isBlank(name)) fail([...path, "name"], "BLANK", "Name can't be blank");
  const options = input.options ?? base?.options ?? [];
  if (options.length === 0 || options.some(isBlank)) fail([...path, "options"], "BLANK", "Options can't be blank");

  const kindOf = (policy: SellingPlanInput["billingPolicy"] | SellingPlanInput["deliveryPolicy"]) =>
    policy?.fixed && !policy.recurring ? "fixed" : policy?.recurring && !policy.fixed ? "recurring" : null;
  const billingKind = kindOf(input.billingPolicy) ?? (base ? "recurring" : null);
  const deliveryKind = kindOf(input.deliveryPolicy) ?? (base ? "recurring" : null);
  if (billingKind && deliveryKind && billingKind !== deliveryKind) {
    fail([...path, "deliveryPolicy"], "BILLING_AND_DELIVERY_POLICY_TYPES_MUST_BE_THE_SAME", "Billing and delivery policies must both be fixed or both be recurring");
    return null;
  }
  const billing = recurringPolicy("billing", input.billingPolicy, base?.billingPolicy, [...path, "billingPolicy"], fail);
  const delivery = recurringPolicy("delivery", input.deliveryPolicy, base?.deliveryPolicy, [...path, "deliveryPolicy"], fail);
  let billingPolicy: SimulatedBillingPolicy | null = null;
  let deliveryPolicy: SimulatedDeliveryPolicy | null = null;
  if (billing) {
    const given: RecurringBillingInput = input.billingPolicy?.recurring ?? {};
    billingPolicy = {
      ...billing,
      minCycles: given.minCycles !== undefined ? given.minCycles : (base?.billingPolicy.minCycles ?? null),
      maxCycles: given.maxCycles !== undefined ? given.maxCycles : (base?.billingPolicy.maxCycles ?? null),
    };
    const { minCycles, maxCycles } = billingPolicy;
    if (minCycles !== null && minCycles < 1) fail([...path, "billingPolicy", "recurring", "minCycles"], "GREATER_THAN_OR_EQUAL_TO", "Min cycles must be greater than or equal to 1");
    if (maxCycles !== null && maxCycles < 1) fail([...path, "billingPolicy", "recurring", "maxCycles"], "GREATER_THAN_OR_EQUAL_TO", "Max cycles must be greater than or equal to 1");
    if (minCycles !== null && maxCycles !== null && maxCycles < minCycles) {
      fail([...path, "billingPolicy", "recurring", "maxCycles"], "SELLING_PLAN_MAX_CYCLES_MUST_BE_GREATER_THAN_MIN_CYCLES", "Max cycles must be greater than min cycles");
    }
  }
  if (delivery) {
    const given: RecurringDeliveryInput = input.deliveryPolicy?.recurring ?? {};
    deliveryPolicy = {
      ...delivery,
      cutoff: given.cutoff !== undefined ? given.cutoff : (base?.deliveryPolicy.cutoff ?? null),
      preAnchorBehavior: given.preAnchorBehavior ?? base?.deliveryPolicy.preAnchorBehavior ?? "ASAP",
    };
  }
  if (billingPolicy && deliveryPolicy) {
    if (!isMultiple(billingPolicy, deliveryPolicy)) {
      fail([...path, "billingPolicy"], "SELLING_PLAN_BILLING_CYCLE_MUST_BE_A_MULTIPLE_OF_DELIVERY_CYCLE", "The billing cycle must be a multiple of the delivery cycle");
    }
    if (billingPolicy.anchors.length > 0 && deliveryPolicy.anchors.length > 0 && JSON.stringify(billingPolicy.anchors) !== JSON.stringify(deliveryPolicy.anchors)) {
      fail([...path, "billingPolicy", "recurring", "anchors"], "SELLING_PLAN_BILLING_AND_DELIVERY_POLICY_ANCHORS_MUST_BE_EQUAL", "Billing and delivery anchors must be equal");
    }
  }

  const pricingPolicies = input.pricingPolicies ? pricing(input.pricingPolicies, [...path, "pricingPolicies"], fail) : (base?.pricingPolicies ?? []);
  if (!ok || !billingPolicy || !deliveryPolicy || !pricingPolicies) return null;
  return {
    name,
    description: input.description !== undefined ? input.description : (base?.description ?? null),
    options: [...options],
    position: input.position !== undefined ? input.position : (base?.position ?? null),
    category: input.category !== undefined ? input.category : (base?.category ?? null),
    billingPolicy,
    deliveryPolicy,
    pricingPolicies,
    inventoryReserve: input.inventoryPolicy?.reserve ?? base?.inventoryReserve ?? null,
  };
}

function recurringPolicy(
  kind: "billing" | "delivery",
  input: SellingPlanInput["billingPolicy"] | SellingPlanInput["deliveryPolicy"],
  base: SimulatedRecurringPolicy | undefined,
  path: string[],
  fail: Refuse,
): SimulatedRecurringPolicy | null {
  const upper = kind.toUpperCase();
  if (!input || (!input.recurring && !input.fixed)) {
    if (base) return { interval: base.interval, intervalCount: base.intervalCount, anchors: base.anchors };
    fail(path, `SELLING_PLAN_${upper}_POLICY_MISSING`, `A selling plan needs a ${kind} policy`);
    return null;
  }
  if (input.recurring && input.fixed) {
    fail(path, `ONLY_ONE_OF_FIXED_OR_RECURRING_${upper}`, `Give either a fixed or a recurring ${kind} policy, not both`);
    return null;
  }
  if (!input.recurring) {
    fail([...path, "fixed"], "INVALID_INPUT", "The simulator models recurring (subscription) policies only, not fixed (deferred purchase option) ones");
    return null;
  }
  const given = input.recurring;
  const interval = given.interval ?? base?.interval;
  const intervalCount = given.intervalCount ?? base?.intervalCount;
  let ok = true;
  if (!interval) {
    fail([...path, "recurring", "interval"], "BLANK", "Interval can't be blank");
    ok = false;
  }
  if (intervalCount === undefined || intervalCount === null) {
    fail([...path, "recurring", "intervalCount"], "BLANK", "Interval count can't be blank");
    ok = false;
  } else if (intervalCount < 1) {
    fail([...path, "recurring", "intervalCount"], "GREATER_THAN", "Interval count must be greater than 0");
    ok = false;
  }
  const anchors = given.anchors
    ? given.anchors.map((anchor) => ({ type: anchor.type ?? "WEEKDAY", day: anchor.day ?? 1, month: anchor.month ?? null, cutoffDay: anchor.cutoffDay ?? null }))
    : (base?.anchors ?? []);
  return ok ? { interval: interval!, intervalCount: intervalCount!, anchors } : null;
}

const DAYS: Partial<Record<SellingPlanInterval, number>> = { DAY: 1, WEEK: 7 };
const MONTHS: Partial<Record<SellingPlanInterval, number>> = { MONTH: 1, YEAR: 12 };

/** Billing every 3 months with monthly delivery is a prepaid plan; every month with deliveries every 2 weeks is not a multiple. */
function isMultiple(billing: SimulatedRecurringPolicy, delivery: SimulatedRecurringPolicy): boolean {
  for (const unit of [DAYS, MONTHS]) {
    const billed = unit[billing.interval];
    const delivered = unit[delivery.interval];
    if (billed !== undefined && delivered !== undefined) return (billed * billing.intervalCount) % (delivered * delivery.intervalCount) === 0;
  }
  return false;
}

function pricing(inputs: PricingPolicyInput[], path: string[], fail: Refuse): SimulatedPricingPolicy[] | null {
  let ok = true;
  const refuse: Refuse = (field, code, message) => {
    ok = false;
    fail(field, code, message);
  };
  if (inputs.length > MAX_PRICING_POLICIES_PER_PLAN) {
    refuse(path, "SELLING_PLAN_PRICING_POLICIES_LIMIT", `A selling plan can't have more than ${MAX_PRICING_POLICIES_PER_PLAN} pricing policies`);
  }
  const policies: SimulatedPricingPolicy[] = [];
  inputs.forEach((input, i) => {
    const at = [...path, String(i)];
    if ((input.fixed ? 1 : 0) + (input.recurring ? 1 : 0) !== 1) {
      return refuse(at, "ONLY_NEED_ONE_PRICING_POLICY_TYPE", "Give either a fixed or a recurring pricing policy");
    }
    const kind = input.fixed ? "fixed" : "recurring";
    const given = (input.fixed ?? input.recurring)!;
    const value = given.adjustmentValue;
    const valuePath = [...at, kind, "adjustmentValue"];
    if (!given.adjustmentType) return refuse([...at, kind, "adjustmentType"], "BLANK", "Adjustment type can't be blank");
    const hasPercentage = value?.percentage !== undefined && value?.percentage !== null;
    const hasFixed = value?.fixedValue !== undefined && value?.fixedValue !== null;
    if (!hasPercentage && !hasFixed) return refuse(valuePath, "BLANK", "Adjustment value can't be blank");
    if (hasPercentage && hasFixed) return refuse(valuePath, "ONLY_NEED_ONE_PRICING_POLICY_VALUE", "Give either a percentage or a fixed value");
    if (hasPercentage !== (given.adjustmentType === "PERCENTAGE")) {
      return refuse(valuePath, "PRICING_POLICY_ADJUSTMENT_VALUE_AND_TYPE_MUST_MATCH", "Pricing policy adjustment value and adjustment type must match");
    }
    const percentage = hasPercentage ? Number(value!.percentage) : null;
    const amount = hasFixed ? Number(value!.fixedValue) : null;
    if (percentage !== null && !(percentage >= 0 && percentage <= 100)) return refuse(valuePath, "INVALID", "Percentage must be between 0 and 100");
    if (amount !== null && !(Number.isFinite(amount) && amount >= 0)) return refuse(valuePath, "INVALID", "Fixed value must be a positive amount");
    const afterCycle = kind === "recurring" ? (input.recurring!.afterCycle ?? null) : null;
    if (afterCycle !== null && afterCycle < 1) return refuse([...at, "recurring", "afterCycle"], "GREATER_THAN", "After cycle must be greater than 0");
    policies.push({ kind, adjustmentType: given.adjustmentType, percentage, amount: amount === null ? null : decimal(amount), afterCycle });
  });
  const fixed = policies.filter((policy) => policy.kind === "fixed").length;
  if (fixed > 1) refuse(path, "SELLING_PLAN_FIXED_PRICING_POLICIES_LIMIT", "A selling plan can have only one fixed pricing policy");
  if (fixed === 0 && policies.length > 0) {
    refuse(path, "SELLING_PLAN_PRICING_POLICIES_MUST_CONTAIN_A_FIXED_PRICING_POLICY", "A recurring pricing policy needs a fixed pricing policy");
  }
  return ok ? policies : null;
}

function planObject(plan: SimulatedPlan, currencyCode: string) {
  const anchors = (list: SimulatedAnchor[]) => list.map((anchor) => ({ __typename: "SellingPlanAnchor", ...anchor }));
  return {
    __typename: "SellingPlan",
    id: plan.id,
    name: plan.name,
    description: plan.description,
    options: plan.options,
    position: plan.position,
    category: plan.category,
    createdAt: plan.createdAt,
    translations: [],
    inventoryPolicy: plan.inventoryReserve ? { reserve: plan.inventoryReserve } : null,
    billingPolicy: {
      __typename: "SellingPlanRecurringBillingPolicy",
      interval: plan.billingPolicy.interval,
      intervalCount: plan.billingPolicy.intervalCount,
      anchors: anchors(plan.billingPolicy.anchors),
      minCycles: plan.billingPolicy.minCycles,
      maxCycles: plan.billingPolicy.maxCycles,
      createdAt: plan.createdAt,
    },
    deliveryPolicy: {
      __typename: "SellingPlanRecurringDeliveryPolicy",
      interval: plan.deliveryPolicy.interval,
      intervalCount: plan.deliveryPolicy.intervalCount,
      anchors: anchors(plan.deliveryPolicy.anchors),
      cutoff: plan.deliveryPolicy.cutoff,
      intent: "FULFILLMENT_BEGIN",
      preAnchorBehavior: plan.deliveryPolicy.preAnchorBehavior,
      createdAt: plan.createdAt,
    },
    pricingPolicies: plan.pricingPolicies.map((policy) => ({
      __typename: policy.kind === "fixed" ? "SellingPlanFixedPricingPolicy" : "SellingPlanRecurringPricingPolicy",
      adjustmentType: policy.adjustmentType,
      adjustmentValue:
        policy.percentage !== null
          ? { __typename: "SellingPlanPricingPolicyPercentageValue", percentage: policy.percentage }
          : { __typename: "MoneyV2", amount: policy.amount, currencyCode },
      createdAt: plan.createdAt,
      ...(policy.kind === "recurring" ? { afterCycle: policy.afterCycle } : {}),
    })),
  };
}

/** Shopify's summary, approximately: "2 delivery frequencies, 10% discount". */
function summarize(group: SimulatedGroup, currencyCode: string): string {
  const count = group.plans.length;
  const parts = [`${count} delivery ${count === 1 ? "frequency" : "frequencies"}`];
  const first = group.plans.map((plan) => plan.pricingPolicies.find((policy) => policy.kind === "fixed")).filter((policy) => policy !== undefined);
  if (first.length > 0) {
    const percentages = [...new Set(first.map((policy) => policy.percentage))];
    if (first.every((policy) => policy.adjustmentType === "PERCENTAGE")) {
      parts.push(percentages.length === 1 ? `${percentages[0]}% discount` : `up to ${Math.max(...(percentages as number[]))}% discount`);
    } else if (first.every((policy) => policy.adjustmentType === "FIXED_AMOUNT") && new Set(first.map((policy) => policy.amount)).size === 1) {
      parts.push(`${first[0].amount} ${currencyCode} discount`);
    } else {
      parts.push("discount");
    }
  }
  return parts.join(", ");
}

// --- Connections and search ----------------------------------------------------------

export interface CursorKey {
  last_id: number;
  last_value: string | number;
}

const MAX_PAGE_SIZE = 250;

function compareKeys(a: CursorKey, b: CursorKey): number {
  const value =
    typeof a.last_value === "number" && typeof b.last_value === "number"
      ? a.last_value - b.last_value
      : String(a.last_value).localeCompare(String(b.last_value));
  return value || a.last_id - b.last_id;
}

function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString("base64");
}

function decodeCursor(cursor: unknown): CursorKey {
  try {
    const key = JSON.parse(Buffer.from(String(cursor), "base64").toString("utf8")) as CursorKey;
    if (typeof key.last_id === "number" && key.last_value !== undefined) return key;
  } catch {
    // falls through
  }
  // Shopify rejects a cursor it did not issue; the extensions code here is the simulator's guess.
  throw new ShopifyGraphqlError("Invalid cursor for current pagination sort.", "BAD_REQUEST");
}

/**
 * A Relay connection over `items` (ordered by `keyOf`, reversed with
 * `reverse`), paged with first/after or last/before the way Shopify pages:
 * cursors carry the sort value and ID, so they stay valid when items go, and
 * hasNextPage / hasPreviousPage say whether anything lies beyond the page in
 * either direction.
 */
export function connection<T>(items: T[], args: Record<string, unknown>, keyOf: (item: T) => CursorKey, nodeOf: (item: T) => unknown) {
  const first = args.first as number | null | undefined;
  const last = args.last as number | null | undefined;
  // Shopify's message; the extensions code is the simulator's guess.
  if ((first === undefined || first === null) && (last === undefined || last === null)) throw new ShopifyGraphqlError("you must provide one of first or last", "BAD_REQUEST");
  for (const size of [first, last]) {
    if (typeof size === "number" && (size < 0 || size > MAX_PAGE_SIZE)) {
      throw new ShopifyGraphqlError(`The page size must be between 0 and ${MAX_PAGE_SIZE}.`, "BAD_REQUEST");
    }
  }
  const direction = args.reverse ? -1 : 1;
  const order = (a: CursorKey, b: CursorKey) => direction * compareKeys(a, b);
  const sorted = items.map((item) => ({ item, key: keyOf(item) })).sort((a, b) => order(a.key, b.key));
  let start = 0;
  let end = sorted.length;
  if (args.after) {
    const after = decodeCursor(args.after);
    start = sorted.findIndex((entry) => order(entry.key, after) > 0);
    if (start < 0) start = sorted.length;
  }
  if (args.before) {
    const before = decodeCursor(args.before);
    const index = sorted.findIndex((entry) => order(entry.key, before) >= 0);
    end = Math.max(start, index < 0 ? sorted.length : index);
  }
  if (typeof first === "number") end = Math.min(end, start + first);
  if (typeof last === "number") start = Math.max(start, end - last);
  const page = sorted.slice(start, end);
  const edges = page.map((entry) => ({ cursor: encodeCursor(entry.key), node: nodeOf(entry.item) }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: end < sorted.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

export interface SearchTerm {
  /** null for free text. */
  field: string | null;
  value: string;
  comparator: "" | ">" | ">=" | "<" | "<=";
  negated: boolean;
}

/**
 * Shopify's search syntax, the part this simulator needs: free text, `field:value`,
 * quoted values, comparators (`id:>=5`), `-` or `NOT` to negate, terms joined by AND.
 */
export function parseSearch(query: unknown): SearchTerm[] {
  if (typeof query !== "string") return [];
  const terms: SearchTerm[] = [];
  let negateNext = false;
  for (const match of query.matchAll(/(-)?(?:(\w+):)?(?:"([^"]*)"|'([^']*)'|(\S+))/g)) {
    const [, minus, field, doubleQuoted, singleQuoted, bare] = match;
    if (!field && (bare === "AND" || bare === "OR")) continue;
    if (!field && bare === "NOT") {
      negateNext = true;
      continue;
    }
    const raw = doubleQuoted ?? singleQuoted ?? bare ?? "";
    const comparator = (/^(>=|<=|>|<)/.exec(raw)?.[1] ?? "") as SearchTerm["comparator"];
    terms.push({ field: field?.toLowerCase() ?? null, value: raw.slice(comparator.length), comparator, negated: Boolean(minus) || negateNext });
    negateNext = false;
  }
  return terms;
}

/** A parsed query: terms, and the AND, OR and NOT over them. */
export type SearchNode =
  | { kind: "term"; term: SearchTerm }
  | { kind: "and" | "or"; items: SearchNode[] }
  | { kind: "not"; item: SearchNode };

const TOKEN = /\s*(?:(-?\()|(\))|(-)?(?:(\w+):)?(>=|<=|>|<)?(?:"([^"]*)"|'([^']*)'|([^\s()]+)))/y;

/**
 * The whole of Shopify's search grammar, where parseSearch reads a flat AND
 * list (enough for the plan searches): terms joined by AND (also implied by
 * whitespace) and OR, negated by `-` or NOT, grouped by parentheses. AND
 * binds tighter than OR (the simulator's reading: Shopify's grammar does not
 * say). Null for an empty query. The contracts and customers searches use it.
 */
export function parseSearchQuery(query: unknown): SearchNode | null {
  if (typeof query !== "string" || query.trim() === "") return null;
  type Token = { kind: "open"; negated: boolean } | { kind: "close" } | { kind: "word"; word: "AND" | "OR" | "NOT" } | { kind: "term"; term: SearchTerm };
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while (TOKEN.lastIndex < query.length && (match = TOKEN.exec(query))) {
    const [, open, close, minus, field, comparator, doubleQuoted, singleQuoted, bare] = match;
    if (open) tokens.push({ kind: "open", negated: open.startsWith("-") });
    else if (close) tokens.push({ kind: "close" });
    else if (!field && !minus && !comparator && (bare === "AND" || bare === "OR" || bare === "NOT")) tokens.push({ kind: "word", word: bare });
    else {
      const value = doubleQuoted ?? singleQuoted ?? bare ?? "";
      tokens.push({ kind: "term", term: { field: field?.toLowerCase() ?? null, value, comparator: (comparator ?? "") as SearchTerm["comparator"], negated: Boolean(minus) } });
    }
    if (query.slice(TOKEN.lastIndex).trim() === "") break;
  }
  let position = 0;
  const peek = () => tokens[position];
  const or = (): SearchNode | null => {
    const items: SearchNode[] = [];
    for (let item = and(); item; item = and()) {
      items.push(item);
      if (peek()?.kind === "word" && (peek() as { word: string }).word === "OR") position++;
      else break;
    }
    return items.length === 0 ? null : items.length === 1 ? items[0] : { kind: "or", items };
  };
  const and = (): SearchNode | null => {
    const items: SearchNode[] = [];
    for (;;) {
      const token = peek();
      if (token?.kind === "word" && token.word === "AND") {
        position++;
        continue;
      }
      const item = unary();
      if (!item) break;
      items.push(item);
    }
    return items.length === 0 ? null : items.length === 1 ? items[0] : { kind: "and", items };
  };
  const unary = (): SearchNode | null => {
    const token = peek();
    if (!token || token.kind === "close" || (token.kind === "word" && token.word !== "NOT")) return null;
    position++;
    if (token.kind === "word") {
      const item = unary();
      return item && { kind: "not", item };
    }
    if (token.kind === "open") {
      const inner = or();
      if (peek()?.kind === "close") position++;
      if (!inner) return null;
      return token.negated ? { kind: "not", item: inner } : inner;
    }
    return { kind: "term", term: token.term };
  };
  const tree = or();
  // Stray closing parentheses: read on past them.
  const rest: SearchNode[] = tree ? [tree] : [];
  while (position < tokens.length) {
    position++;
    const more = or();
    if (more) rest.push(more);
  }
  return rest.length === 0 ? null : rest.length === 1 ? rest[0] : { kind: "and", items: rest };
}

/**
 * Whether a tree matches, given how one (un-negated) term matches; a term
 * the matcher does not know (undefined) is ignored, as Shopify ignores
 * unknown search fields.
 */
export function searchMatches(node: SearchNode | null, matchTerm: (term: SearchTerm) => boolean | undefined): boolean {
  if (!node) return true;
  switch (node.kind) {
    case "term": {
      const matched = matchTerm(node.term);
      return matched === undefined ? true : matched !== node.term.negated;
    }
    case "and":
      return node.items.every((item) => searchMatches(item, matchTerm));
    case "or":
      return node.items.some((item) => searchMatches(item, matchTerm));
    case "not":
      return !searchMatches(node.item, matchTerm);
  }
}

/** A date term: a bare date (`created_at:<=2026-11-01`) stands for that whole UTC day, a timestamp for its instant. */
export function dateTermMatches(value: string, term: SearchTerm): boolean {
  const actual = Date.parse(value);
  const expected = Date.parse(term.value);
  if (Number.isNaN(expected)) return false;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(term.value)) return compares(actual, term, expected);
  const [start, end] = [expected, expected + 24 * 3600 * 1000];
  switch (term.comparator) {
    case ">":
      return actual >= end;
    case ">=":
      return actual >= start;
    case "<":
      return actual < start;
    case "<=":
      return actual < end;
    default:
      return actual >= start && actual < end;
  }
}

/** Case-insensitive: `value*` matches a word starting with value, anything else a substring. */
export function textMatches(text: string, value: string): boolean {
  const wanted = value.toLowerCase();
  if (!wanted.endsWith("*")) return text.toLowerCase().includes(wanted);
  return text
    .toLowerCase()
    .split(/\s+/)
    .some((word) => word.startsWith(wanted.slice(0, -1)));
}

export function compares(actual: number, term: SearchTerm, expected: number): boolean {
  switch (term.comparator) {
    case ">":
      return actual > expected;
    case ">=":
      return actual >= expected;
    case "<":
      return actual < expected;
    case "<=":
      return actual <= expected;
    default:
      return actual === expected;
  }
}

function groupMatches(group: SimulatedGroup, term: SearchTerm): boolean {
  switch (term.field) {
    case null:
      return textMatches(group.name, term.value) || textMatches(group.merchantCode, term.value);
    case "name":
      return textMatches(group.name, term.value);
    case "id":
      return compares(numericId(group.id), term, numericId(term.value));
    case "created_at":
      return compares(Date.parse(group.createdAt), term, Date.parse(term.value));
    case "category": {
      const wanted = term.value.toUpperCase().split(",");
      return group.plans.some((plan) => plan.category !== null && wanted.includes(plan.category));
    }
    default:
      // Shopify ignores terms it does not know (with a search warning), so they match everything.
      return !term.negated;
  }
}

function productMatches(product: CatalogueProduct, term: SearchTerm): boolean {
  switch (term.field) {
    case null:
    case "title":
      return textMatches(product.title, term.value);
    case "handle":
      return product.handle === term.value;
    case "id":
      return compares(numericId(product.id), term, numericId(term.value));
    default:
      return !term.negated;
  }
}

// --- Small things --------------------------------------------------------------

/** The number at the end of a GID (or a bare number), for ordering and `id:` terms. */
export function numericId(id: string): number {
  return Number(/(\d+)$/.exec(id)?.[1] ?? NaN);
}

function sortById<T>(items: T[], idOf: (item: T) => string = (item) => (item as { id: string }).id): T[] {
  return [...items].sort((a, b) => numericId(idOf(a)) - numericId(idOf(b)));
}

function isBlank(value: unknown): boolean {
  return typeof value !== "string" || value.trim() === "";
}

function addUnique(list: string[], ids: string[]): void {
  for (const id of ids) if (!list.includes(id)) list.push(id);
}

function count(n: number) {
  return { count: n, precision: "EXACT" };
}

/** Shopify writes Decimal amounts with at least one decimal place: "5.0", "12.5". */
function decimal(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

function handleize(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function copyProduct(product: CatalogueProduct): CatalogueProduct {
  return { ...product, variants: product.variants.map((variant) => ({ ...variant })) };
}

function groupMissing(id: unknown): GroupError {
  return { field: ["id"], code: "GROUP_DOES_NOT_EXIST", message: `Selling plan group ${String(id)} does not exist` };
}

/**
 * The demo's plan groups (SHOPIFY_SIMULATOR_DEMO=1), on the demo catalogue:
 * a discounted subscription on two coffees, and a fixed-price club on some
 * variants only, so the plan pages show both kinds of selection.
 */
export function demoGroups(): NewGroup[] {
  const plan = (interval: SellingPlanInterval, intervalCount: number, label: string, pricing: PricingPolicyInput[], suffix: string): SellingPlanInput => ({
    name: `Deliver ${label}${suffix}`,
    options: [`Deliver ${label}`],
    category: "SUBSCRIPTION",
    billingPolicy: { recurring: { interval, intervalCount } },
    deliveryPolicy: { recurring: { interval, intervalCount } },
    pricingPolicies: pricing,
  });
  const tenOff: PricingPolicyInput[] = [{ fixed: { adjustmentType: "PERCENTAGE", adjustmentValue: { percentage: 10 } } }];
  return [
    {
      name: "Subscribe and save",
      merchantCode: "Coffee subscription",
      options: ["Delivery frequency"],
      createdAt: "2026-09-14T14:00:00Z",
      sellingPlansToCreate: [plan("WEEK", 2, "every 2 weeks", tenOff, ", 10% off"), plan("MONTH", 1, "every month", tenOff, ", 10% off")],
      productIds: ["gid://shopify/Product/1", "gid://shopify/Product/2"],
    },
    {
      name: "Coffee club",
      merchantCode: "Coffee club, monthly",
      options: ["Delivery frequency"],
      createdAt: "2026-10-02T14:00:00Z",
      sellingPlansToCreate: [plan("MONTH", 1, "every month", [{ fixed: { adjustmentType: "PRICE", adjustmentValue: { fixedValue: "12.00" } } }], "")],
      productVariantIds: ["gid://shopify/ProductVariant/3", "gid://shopify/ProductVariant/6"],
    },
  ];
}
