import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_CATALOGUE } from "./catalogue";
import { startAdminApiSimulator } from "./node";
import { MAX_PLANS_PER_GROUP, type AdjustmentType, type SellingPlanGroupInput, type SellingPlanInput } from "./plans";

const running = startAdminApiSimulator({ apiKey: "key", apiSecret: "secret" });
const { simulator } = running;
afterAll(() => running.close());
beforeEach(() => simulator.reset());
// Every answer fits the schema: a resolver that breaks it fails the test that caused it.
afterEach(() => expect(simulator.faults).toEqual([]));

const SHOP = "plans.myshopify.com";
const OTHER_APP = "gid://shopify/App/999";
const product = (n: number) => `gid://shopify/Product/${n}`;
const variant = (n: number) => `gid://shopify/ProductVariant/${n}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw GraphQL answers, checked field by field
async function graphql(query: string, variables: object = {}): Promise<{ data?: any; errors?: any[] }> {
  const response = await fetch(`https://${SHOP}/admin/api/2026-10/graphql.json`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-shopify-access-token": "shpat_test" },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

const CREATE = `#graphql
  mutation CreateGroup($input: SellingPlanGroupInput!, $resources: SellingPlanGroupResourceInput) {
    sellingPlanGroupCreate(input: $input, resources: $resources) {
      sellingPlanGroup {
        id
        name
        merchantCode
        options
        summary
        productsCount {
          count
          precision
        }
        productVariantsCount {
          count
        }
        sellingPlans(first: 31) {
          nodes {
            id
            name
            options
          }
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const LIST = `#graphql
  query ListGroups(
    $first: Int
    $last: Int
    $after: String
    $before: String
    $query: String
    $sortKey: SellingPlanGroupSortKeys
    $reverse: Boolean
  ) {
    sellingPlanGroups(first: $first, last: $last, after: $after, before: $before, query: $query, sortKey: $sortKey, reverse: $reverse) {
      edges {
        cursor
        node {
          id
        }
      }
      nodes {
        id
        name
        merchantCode
        productsCount {
          count
        }
        productVariantsCount {
          count
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`;

const DETAIL = `#graphql
  query GroupDetail($id: ID!, $productId: ID!, $variantId: ID!) {
    sellingPlanGroup(id: $id) {
      id
      name
      merchantCode
      description
      options
      position
      appId
      summary
      createdAt
      appliesToProduct(productId: $productId)
      appliesToProductVariant(productVariantId: $variantId)
      productsCount {
        count
        precision
      }
      productVariantsCount {
        count
        precision
      }
      sellingPlans(first: 31) {
        nodes {
          id
          name
          options
          category
          position
          createdAt
          billingPolicy {
            __typename
            ... on SellingPlanRecurringBillingPolicy {
              interval
              intervalCount
              minCycles
              maxCycles
            }
          }
          deliveryPolicy {
            __typename
            ... on SellingPlanRecurringDeliveryPolicy {
              interval
              intervalCount
              intent
              preAnchorBehavior
            }
          }
          pricingPolicies {
            __typename
            ... on SellingPlanPricingPolicyBase {
              adjustmentType
              adjustmentValue {
                __typename
                ... on SellingPlanPricingPolicyPercentageValue {
                  percentage
                }
                ... on MoneyV2 {
                  amount
                  currencyCode
                }
              }
            }
            ... on SellingPlanRecurringPricingPolicy {
              afterCycle
            }
          }
        }
      }
      products(first: 10) {
        nodes {
          id
          title
          handle
          variantsCount {
            count
          }
          variants(first: 5) {
            nodes {
              id
              title
              price
            }
          }
        }
        pageInfo {
          hasNextPage
        }
      }
      productVariants(first: 10) {
        nodes {
          id
          title
          price
          displayName
          product {
            id
            title
          }
        }
      }
    }
  }
`;

const UPDATE = `#graphql
  mutation UpdateGroup($id: ID!, $input: SellingPlanGroupInput!) {
    sellingPlanGroupUpdate(id: $id, input: $input) {
      deletedSellingPlanIds
      sellingPlanGroup {
        id
        name
        sellingPlans(first: 31) {
          nodes {
            id
            name
            options
          }
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

// The plan form's save: the group and its products and variants in one request.
const SAVE = `#graphql
  mutation SaveGroup(
    $id: ID!
    $input: SellingPlanGroupInput!
    $productIdsToAdd: [ID!]!
    $productIdsToRemove: [ID!]!
    $variantIdsToAdd: [ID!]!
    $variantIdsToRemove: [ID!]!
  ) {
    sellingPlanGroupUpdate(id: $id, input: $input) {
      deletedSellingPlanIds
      userErrors {
        field
        message
        code
      }
    }
    sellingPlanGroupAddProducts(id: $id, productIds: $productIdsToAdd) {
      sellingPlanGroup {
        productsCount {
          count
        }
      }
      userErrors {
        field
        message
        code
      }
    }
    sellingPlanGroupRemoveProducts(id: $id, productIds: $productIdsToRemove) {
      removedProductIds
      userErrors {
        field
        message
        code
      }
    }
    sellingPlanGroupAddProductVariants(id: $id, productVariantIds: $variantIdsToAdd) {
      sellingPlanGroup {
        productVariantsCount {
          count
        }
      }
      userErrors {
        field
        message
        code
      }
    }
    sellingPlanGroupRemoveProductVariants(id: $id, productVariantIds: $variantIdsToRemove) {
      removedProductVariantIds
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const DELETE = `#graphql
  mutation DeleteGroup($id: ID!) {
    sellingPlanGroupDelete(id: $id) {
      deletedSellingPlanGroupId
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const ADD_PRODUCTS = `#graphql
  mutation AddProducts($id: ID!, $productIds: [ID!]!) {
    sellingPlanGroupAddProducts(id: $id, productIds: $productIds) {
      sellingPlanGroup {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const JOIN = `#graphql
  mutation JoinGroups($productId: ID!, $variantId: ID!, $groupIds: [ID!]!) {
    productJoinSellingPlanGroups(id: $productId, sellingPlanGroupIds: $groupIds) {
      product {
        id
        sellingPlanGroupsCount {
          count
        }
      }
      userErrors {
        field
        message
        code
      }
    }
    productVariantJoinSellingPlanGroups(id: $variantId, sellingPlanGroupIds: $groupIds) {
      productVariant {
        id
        sellingPlanGroups(first: 5) {
          nodes {
            id
          }
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const LEAVE = `#graphql
  mutation LeaveGroups($productId: ID!, $variantId: ID!, $groupIds: [ID!]!) {
    productLeaveSellingPlanGroups(id: $productId, sellingPlanGroupIds: $groupIds) {
      product {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
    productVariantLeaveSellingPlanGroups(id: $variantId, sellingPlanGroupIds: $groupIds) {
      productVariant {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const CATALOGUE = `#graphql
  query Catalogue($ids: [ID!]!, $productId: ID!, $variantId: ID!, $after: String) {
    products(first: 2, after: $after, query: "tea") {
      nodes {
        id
        title
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
    product(id: $productId) {
      id
      title
      handle
      hasOnlyDefaultVariant
      variants(first: 5) {
        nodes {
          id
          title
          price
        }
      }
    }
    productVariant(id: $variantId) {
      id
      displayName
      price
      product {
        id
      }
    }
    nodes(ids: $ids) {
      __typename
      id
      ... on Product {
        title
      }
      ... on ProductVariant {
        title
        price
      }
    }
  }
`;

const UNPAGED = `#graphql
  query UnpagedGroups {
    sellingPlanGroups(query: "coffee") {
      nodes {
        id
      }
    }
  }
`;

function plan(interval: string, intervalCount: number, percentage?: number, extra: Partial<SellingPlanInput> = {}): SellingPlanInput {
  const every = intervalCount === 1 ? interval.toLowerCase() : `${intervalCount} ${interval.toLowerCase()}s`;
  return {
    name: `Deliver every ${every}${percentage ? `, ${percentage}% off` : ""}`,
    options: [`Deliver every ${every}`],
    category: "SUBSCRIPTION",
    billingPolicy: { recurring: { interval: interval as "WEEK", intervalCount } },
    deliveryPolicy: { recurring: { interval: interval as "WEEK", intervalCount } },
    pricingPolicies: percentage === undefined ? [] : [{ fixed: { adjustmentType: "PERCENTAGE", adjustmentValue: { percentage } } }],
    ...extra,
  };
}

function groupInput(extra: Partial<SellingPlanGroupInput> = {}): SellingPlanGroupInput {
  return {
    name: "Subscribe and save",
    merchantCode: "Coffee plan",
    options: ["Delivery frequency"],
    sellingPlansToCreate: [plan("WEEK", 2, 10), plan("MONTH", 1, 10)],
    ...extra,
  };
}

async function create(input = groupInput(), resources?: object) {
  const body = await graphql(CREATE, { input, resources });
  return body.data.sellingPlanGroupCreate;
}

describe("products and variants", () => {
  it("gives each shop the demo catalogue, answering product, productVariant, products and nodes from it", async () => {
    const { data, errors } = await graphql(CATALOGUE, {
      ids: [product(4), variant(2), "gid://shopify/Product/404", "gid://shopify/SellingPlanGroup/404"],
      productId: product(1),
      variantId: variant(3),
    });
    expect(errors).toBeUndefined();
    expect(data.products).toEqual({
      nodes: [
        { id: product(4), title: "Earl Grey Tea" },
        { id: product(5), title: "Sencha Green Tea" },
      ],
      pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
    });
    expect(data.product).toEqual({
      id: product(1),
      title: "House Blend Coffee",
      handle: "house-blend-coffee",
      hasOnlyDefaultVariant: false,
      variants: { nodes: DEMO_CATALOGUE[0].variants },
    });
    expect(data.productVariant).toEqual({ id: variant(3), displayName: "Ethiopia Yirgacheffe - 250 g", price: "18.50", product: { id: product(2) } });
    expect(data.nodes).toEqual([
      { __typename: "Product", id: product(4), title: "Earl Grey Tea" },
      { __typename: "ProductVariant", id: variant(2), title: "1 kg", price: "48.00" },
      null,
      null,
    ]);
  });

  it("takes a catalogue of a test's own", async () => {
    simulator.plans.setCatalogue(SHOP, []);
    const added = simulator.plans.addProduct(SHOP, { title: "Green Tea", variants: [{ title: "Default Title", price: "5.00" }] });
    expect(added).toMatchObject({ id: "gid://shopify/Product/1001", handle: "green-tea", variants: [{ id: "gid://shopify/ProductVariant/1001" }] });
    const { data } = await graphql(CATALOGUE, { ids: [product(1)], productId: added.id, variantId: added.variants[0].id });
    expect(data.products.nodes).toEqual([{ id: added.id, title: "Green Tea" }]);
    expect(data.product.hasOnlyDefaultVariant).toBe(true);
    expect(data.nodes).toEqual([null]);
  });
});

describe("selling plan groups", () => {
  it("creates, lists, shows, updates, assigns products and variants, and deletes a group", async () => {
    // Create, on one whole product and one variant of another.
    const created = await create(groupInput(), { productIds: [product(1)], productVariantIds: [variant(3)] });
    expect(created.userErrors).toEqual([]);
    const group = created.sellingPlanGroup;
    expect(group).toMatchObject({
      id: "gid://shopify/SellingPlanGroup/1",
      name: "Subscribe and save",
      merchantCode: "Coffee plan",
      options: ["Delivery frequency"],
      summary: "2 delivery frequencies, 10% discount",
      productsCount: { count: 1, precision: "EXACT" },
      productVariantsCount: { count: 1 },
      sellingPlans: {
        nodes: [
          { id: "gid://shopify/SellingPlan/1", name: "Deliver every 2 weeks, 10% off", options: ["Deliver every 2 weeks"] },
          { id: "gid://shopify/SellingPlan/2", name: "Deliver every month, 10% off", options: ["Deliver every month"] },
        ],
      },
    });

    // List.
    const list = await graphql(LIST, { first: 25, sortKey: "CREATED_AT", reverse: true });
    expect(list.data.sellingPlanGroups.nodes).toEqual([
      { id: group.id, name: "Subscribe and save", merchantCode: "Coffee plan", productsCount: { count: 1 }, productVariantsCount: { count: 1 } },
    ]);
    expect(list.data.sellingPlanGroups.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });

    // Detail: the policies typed as Shopify types them.
    const detail = (await graphql(DETAIL, { id: group.id, productId: product(1), variantId: variant(3) })).data.sellingPlanGroup;
    expect(detail).toMatchObject({
      appliesToProduct: true,
      appliesToProductVariant: true,
      description: null,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      products: { nodes: [{ id: product(1), title: "House Blend Coffee", handle: "house-blend-coffee", variantsCount: { count: 2 }, variants: { nodes: DEMO_CATALOGUE[0].variants } }], pageInfo: { hasNextPage: false } },
      productVariants: { nodes: [{ id: variant(3), title: "250 g", price: "18.50", displayName: "Ethiopia Yirgacheffe - 250 g", product: { id: product(2), title: "Ethiopia Yirgacheffe" } }] },
    });
    expect(detail.sellingPlans.nodes[0]).toEqual({
      id: "gid://shopify/SellingPlan/1",
      name: "Deliver every 2 weeks, 10% off",
      options: ["Deliver every 2 weeks"],
      category: "SUBSCRIPTION",
      position: null,
      createdAt: detail.createdAt,
      billingPolicy: { __typename: "SellingPlanRecurringBillingPolicy", interval: "WEEK", intervalCount: 2, minCycles: null, maxCycles: null },
      deliveryPolicy: { __typename: "SellingPlanRecurringDeliveryPolicy", interval: "WEEK", intervalCount: 2, intent: "FULFILLMENT_BEGIN", preAnchorBehavior: "ASAP" },
      pricingPolicies: [
        { __typename: "SellingPlanFixedPricingPolicy", adjustmentType: "PERCENTAGE", adjustmentValue: { __typename: "SellingPlanPricingPolicyPercentageValue", percentage: 10 } },
      ],
    });

    // Update: rename, change a plan to an amount off then a recurring percentage, delete one, create one.
    const updated = (
      await graphql(UPDATE, {
        id: group.id,
        input: {
          name: "Subscribe & save",
          sellingPlansToUpdate: [
            {
              id: "gid://shopify/SellingPlan/1",
              name: "Deliver every 2 weeks, $2.00 off",
              pricingPolicies: [
                { fixed: { adjustmentType: "FIXED_AMOUNT", adjustmentValue: { fixedValue: "2" } } },
                { recurring: { adjustmentType: "PERCENTAGE", adjustmentValue: { percentage: 15 }, afterCycle: 3 } },
              ],
            },
          ],
          sellingPlansToDelete: ["gid://shopify/SellingPlan/2"],
          sellingPlansToCreate: [plan("MONTH", 3, 20)],
        },
      })
    ).data.sellingPlanGroupUpdate;
    expect(updated).toEqual({
      deletedSellingPlanIds: ["gid://shopify/SellingPlan/2"],
      sellingPlanGroup: {
        id: group.id,
        name: "Subscribe & save",
        sellingPlans: {
          nodes: [
            { id: "gid://shopify/SellingPlan/1", name: "Deliver every 2 weeks, $2.00 off", options: ["Deliver every 2 weeks"] },
            { id: "gid://shopify/SellingPlan/3", name: "Deliver every 3 months, 20% off", options: ["Deliver every 3 months"] },
          ],
        },
      },
      userErrors: [],
    });
    const afterUpdate = (await graphql(DETAIL, { id: group.id, productId: product(2), variantId: variant(4) })).data.sellingPlanGroup;
    expect(afterUpdate.sellingPlans.nodes[0].pricingPolicies).toEqual([
      { __typename: "SellingPlanFixedPricingPolicy", adjustmentType: "FIXED_AMOUNT", adjustmentValue: { __typename: "MoneyV2", amount: "2.0", currencyCode: "USD" } },
      { __typename: "SellingPlanRecurringPricingPolicy", adjustmentType: "PERCENTAGE", adjustmentValue: { __typename: "SellingPlanPricingPolicyPercentageValue", percentage: 15 }, afterCycle: 3 },
    ]);
    expect(afterUpdate).toMatchObject({ appliesToProduct: false, appliesToProductVariant: false, summary: "2 delivery frequencies, discount" });

    // The plan form's save: products and variants added and removed in the same request.
    const saved = (
      await graphql(SAVE, {
        id: group.id,
        input: {},
        productIdsToAdd: [product(2), product(4)],
        productIdsToRemove: [product(1), product(5)],
        variantIdsToAdd: [variant(10)],
        variantIdsToRemove: [variant(3)],
      })
    ).data;
    expect(saved).toEqual({
      sellingPlanGroupUpdate: { deletedSellingPlanIds: [], userErrors: [] },
      sellingPlanGroupAddProducts: { sellingPlanGroup: { productsCount: { count: 3 } }, userErrors: [] },
      // Product 5 was never in the group: nothing to remove.
      sellingPlanGroupRemoveProducts: { removedProductIds: [product(1)], userErrors: [] },
      sellingPlanGroupAddProductVariants: { sellingPlanGroup: { productVariantsCount: { count: 2 } }, userErrors: [] },
      sellingPlanGroupRemoveProductVariants: { removedProductVariantIds: [variant(3)], userErrors: [] },
    });
    const afterSave = (await graphql(DETAIL, { id: group.id, productId: product(2), variantId: variant(10) })).data.sellingPlanGroup;
    expect(afterSave.products.nodes.map((node: { id: string }) => node.id)).toEqual([product(2), product(4)]);
    expect(afterSave.productVariants.nodes.map((node: { id: string }) => node.id)).toEqual([variant(10)]);
    expect(afterSave).toMatchObject({ appliesToProduct: true, appliesToProductVariant: true });

    // The product's side: join and leave.
    const joined = (await graphql(JOIN, { productId: product(6), variantId: variant(7), groupIds: [group.id] })).data;
    expect(joined.productJoinSellingPlanGroups).toEqual({ product: { id: product(6), sellingPlanGroupsCount: { count: 1 } }, userErrors: [] });
    expect(joined.productVariantJoinSellingPlanGroups).toEqual({ productVariant: { id: variant(7), sellingPlanGroups: { nodes: [{ id: group.id }] } }, userErrors: [] });
    expect(simulator.plans.groups.get(group.id)).toMatchObject({ productIds: [product(2), product(4), product(6)], productVariantIds: [variant(10), variant(7)] });
    const left = (await graphql(LEAVE, { productId: product(6), variantId: variant(7), groupIds: [group.id] })).data;
    expect(left.productLeaveSellingPlanGroups.userErrors).toEqual([]);
    expect(left.productVariantLeaveSellingPlanGroups.userErrors).toEqual([]);
    expect(simulator.plans.groups.get(group.id)).toMatchObject({ productIds: [product(2), product(4)], productVariantIds: [variant(10)] });

    // Delete.
    expect((await graphql(DELETE, { id: group.id })).data.sellingPlanGroupDelete).toEqual({ deletedSellingPlanGroupId: group.id, userErrors: [] });
    expect((await graphql(DETAIL, { id: group.id, productId: product(2), variantId: variant(10) })).data.sellingPlanGroup).toBeNull();
    expect((await graphql(LIST, { first: 25 })).data.sellingPlanGroups.nodes).toEqual([]);
  });

  it("shows only this app's groups unless asked for another app's, and refuses to change another app's", async () => {
    const mine = simulator.plans.addGroup(SHOP, { ...groupInput(), name: "Mine" });
    const theirs = simulator.plans.addGroup(SHOP, { ...groupInput(), name: "Theirs", ownerAppId: OTHER_APP });
    simulator.plans.addGroup("elsewhere.myshopify.com", { ...groupInput(), name: "Another shop's" });
    const names = async (query?: string) => (await graphql(LIST, { first: 10, query })).data.sellingPlanGroups.nodes.map((node: { name: string }) => node.name);

    expect(await names()).toEqual(["Mine"]);
    expect(await names("app_id:CURRENT")).toEqual(["Mine"]);
    expect(await names("app_id:ALL")).toEqual(["Mine", "Theirs"]);
    expect(await names("app_id:999")).toEqual(["Theirs"]);
    expect(await names("app_id:1")).toEqual(["Mine"]);

    expect((await graphql(DETAIL, { id: theirs.id, productId: product(1), variantId: variant(1) })).data.sellingPlanGroup).toBeNull();
    expect((await graphql(DETAIL, { id: mine.id, productId: product(1), variantId: variant(1) })).data.sellingPlanGroup.name).toBe("Mine");
    const refused = { field: ["id"], message: expect.any(String), code: "GROUP_DOES_NOT_EXIST" };
    expect((await graphql(UPDATE, { id: theirs.id, input: { name: "Taken over" } })).data.sellingPlanGroupUpdate).toEqual({
      deletedSellingPlanIds: null,
      sellingPlanGroup: null,
      userErrors: [refused],
    });
    expect((await graphql(DELETE, { id: theirs.id })).data.sellingPlanGroupDelete).toEqual({ deletedSellingPlanGroupId: null, userErrors: [refused] });
    expect((await graphql(ADD_PRODUCTS, { id: theirs.id, productIds: [product(1)] })).data.sellingPlanGroupAddProducts.userErrors).toEqual([refused]);
    const join = (await graphql(JOIN, { productId: product(1), variantId: variant(1), groupIds: [theirs.id] })).data.productJoinSellingPlanGroups;
    expect(join).toEqual({ product: null, userErrors: [{ field: ["sellingPlanGroupIds"], message: expect.any(String), code: "GROUP_DOES_NOT_EXIST" }] });
    expect(simulator.plans.groups.get(theirs.id)).toMatchObject({ name: "Theirs", productIds: [] });
  });

  describe("pagination, sorting and search", () => {
    // IDs 1 to 5; names and creation times in other orders.
    const NAMES = ["Echo", "Alpha", "Delta", "Bravo", "Charlie"];
    const CREATED = ["2026-03-01", "2026-01-01", "2026-05-01", "2026-02-01", "2026-04-01"];
    const ids = (page: { edges: Array<{ node: { id: string } }> }) => page.edges.map((edge) => Number(edge.node.id.split("/").at(-1)));
    const page = async (variables: object) => (await graphql(LIST, variables)).data.sellingPlanGroups;

    beforeEach(() => {
      NAMES.forEach((name, i) => simulator.plans.addGroup(SHOP, { ...groupInput(), name, merchantCode: `${name} plan`, createdAt: `${CREATED[i]}T12:00:00Z` }));
    });

    it("pages forwards with first and after", async () => {
      const one = await page({ first: 2 });
      expect(ids(one)).toEqual([1, 2]);
      expect(one.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, startCursor: one.edges[0].cursor, endCursor: one.edges[1].cursor });
      const two = await page({ first: 2, after: one.pageInfo.endCursor });
      expect(ids(two)).toEqual([3, 4]);
      expect(two.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
      const three = await page({ first: 2, after: two.pageInfo.endCursor });
      expect(ids(three)).toEqual([5]);
      expect(three.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    });

    it("pages backwards with last and before", async () => {
      const one = await page({ last: 2 });
      expect(ids(one)).toEqual([4, 5]);
      expect(one.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
      const two = await page({ last: 2, before: one.pageInfo.startCursor });
      expect(ids(two)).toEqual([2, 3]);
      expect(two.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
      const three = await page({ last: 2, before: two.pageInfo.startCursor });
      expect(ids(three)).toEqual([1]);
      expect(three.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    });

    it("keeps a cursor valid when its group is deleted", async () => {
      const one = await page({ first: 3 });
      await graphql(DELETE, { id: "gid://shopify/SellingPlanGroup/3" });
      expect(ids(await page({ first: 3, after: one.pageInfo.endCursor }))).toEqual([4, 5]);
    });

    it("sorts by name, creation and update time, reversed or not", async () => {
      expect(ids(await page({ first: 10, sortKey: "NAME" }))).toEqual([2, 4, 5, 3, 1]);
      expect(ids(await page({ first: 10, sortKey: "NAME", reverse: true }))).toEqual([1, 3, 5, 4, 2]);
      expect(ids(await page({ first: 10, sortKey: "CREATED_AT", reverse: true }))).toEqual([3, 5, 1, 4, 2]);
      expect(ids(await page({ first: 10, reverse: true }))).toEqual([5, 4, 3, 2, 1]);
      // Newest first, paged: the plan list's order.
      const first = await page({ first: 2, sortKey: "CREATED_AT", reverse: true });
      expect(ids(await page({ first: 2, after: first.pageInfo.endCursor, sortKey: "CREATED_AT", reverse: true }))).toEqual([1, 4]);
      simulator.plans.now = () => Date.parse("2026-06-01T00:00:00Z");
      await graphql(UPDATE, { id: "gid://shopify/SellingPlanGroup/2", input: { merchantCode: "Alpha, renamed" } });
      expect(ids(await page({ first: 1, sortKey: "UPDATED_AT", reverse: true }))).toEqual([2]);
    });

    it("searches names and merchant codes, with field terms", async () => {
      expect(ids(await page({ first: 10, query: "alpha" }))).toEqual([2]);
      expect(ids(await page({ first: 10, query: "plan" }))).toEqual([1, 2, 3, 4, 5]);
      expect(ids(await page({ first: 10, query: "name:Del*" }))).toEqual([3]);
      expect(ids(await page({ first: 10, query: "id:>=4" }))).toEqual([4, 5]);
      expect(ids(await page({ first: 10, query: "-name:alpha category:SUBSCRIPTION" }))).toEqual([1, 3, 4, 5]);
      expect(ids(await page({ first: 10, query: "created_at:<2026-03-01" }))).toEqual([2, 4]);
      expect(ids(await page({ first: 10, query: '"charlie plan"' }))).toEqual([5]);
    });

    it("refuses a connection without first or last, as Shopify does", async () => {
      const body = await graphql(UNPAGED);
      expect(body.errors).toEqual([expect.objectContaining({ message: "you must provide one of first or last", path: ["sellingPlanGroups"] })]);
    });
  });

  it("starts shops with the demo groups when asked to (SHOPIFY_SIMULATOR_DEMO)", async () => {
    simulator.plans.demoGroups = true;
    try {
      const list = (await graphql(LIST, { first: 10, sortKey: "CREATED_AT", reverse: true })).data.sellingPlanGroups.nodes;
      expect(list).toEqual([
        { id: expect.any(String), name: "Coffee club", merchantCode: "Coffee club, monthly", productsCount: { count: 0 }, productVariantsCount: { count: 2 } },
        { id: expect.any(String), name: "Subscribe and save", merchantCode: "Coffee subscription", productsCount: { count: 2 }, productVariantsCount: { count: 0 } },
      ]);
      const club = (await graphql(DETAIL, { id: list[0].id, productId: product(2), variantId: variant(3) })).data.sellingPlanGroup;
      expect(club.sellingPlans.nodes[0].pricingPolicies[0]).toEqual({
        __typename: "SellingPlanFixedPricingPolicy",
        adjustmentType: "PRICE",
        adjustmentValue: { __typename: "MoneyV2", amount: "12.0", currencyCode: "USD" },
      });
      expect(club).toMatchObject({ appliesToProduct: false, appliesToProductVariant: true });
    } finally {
      simulator.plans.demoGroups = false;
    }
  });

  it("fails as scripted, like any operation", async () => {
    simulator.failNext("CreateGroup", { kind: "userErrors", userErrors: [{ field: ["input", "name"], message: "Nope", code: "INVALID" }] });
    expect(await create()).toEqual({ sellingPlanGroup: null, userErrors: [{ field: ["input", "name"], message: "Nope", code: "INVALID" }] });
    expect(simulator.plans.groups.size).toBe(0);
  });
});

describe("userErrors, as Shopify gives them", () => {
  const at = (...path: string[]) => ["input", "sellingPlansToCreate", ...path];
  const withPlan = (extra: Partial<SellingPlanInput>) => groupInput({ sellingPlansToCreate: [plan("WEEK", 2, 10, extra)] });
  type Policy = NonNullable<SellingPlanInput["pricingPolicies"]>[number];
  const policy = (adjustmentType: AdjustmentType, adjustmentValue: object, kind = "fixed", afterCycle = 2): Policy =>
    kind === "fixed" ? { fixed: { adjustmentType, adjustmentValue } } : { recurring: { adjustmentType, adjustmentValue, afterCycle } };

  it.each<[string, SellingPlanGroupInput, string, string[] | null]>([
    ["a blank name", groupInput({ name: "  " }), "BLANK", ["input", "name"]],
    ["no merchant code", groupInput({ merchantCode: undefined }), "BLANK", ["input", "merchantCode"]],
    ["a plan without a name", withPlan({ name: "" }), "BLANK", at("0", "name")],
    [
      `more than ${MAX_PLANS_PER_GROUP} plans`,
      groupInput({ sellingPlansToCreate: Array.from({ length: MAX_PLANS_PER_GROUP + 1 }, (_, i) => plan("DAY", i + 1)) }),
      "SELLING_PLAN_COUNT_UPPER_BOUND",
      ["input", "sellingPlansToCreate"],
    ],
    ["a plan without a billing policy", withPlan({ billingPolicy: undefined }), "SELLING_PLAN_BILLING_POLICY_MISSING", at("0", "billingPolicy")],
    ["a plan without a delivery policy", withPlan({ deliveryPolicy: null }), "SELLING_PLAN_DELIVERY_POLICY_MISSING", at("0", "deliveryPolicy")],
    [
      "a billing policy both fixed and recurring",
      withPlan({ billingPolicy: { recurring: { interval: "WEEK", intervalCount: 2 }, fixed: {} } }),
      "ONLY_ONE_OF_FIXED_OR_RECURRING_BILLING",
      at("0", "billingPolicy"),
    ],
    ["fixed billing with recurring delivery", withPlan({ billingPolicy: { fixed: {} } }), "BILLING_AND_DELIVERY_POLICY_TYPES_MUST_BE_THE_SAME", at("0", "deliveryPolicy")],
    [
      "billing every month, delivery every 2 weeks",
      withPlan({ billingPolicy: { recurring: { interval: "MONTH", intervalCount: 1 } } }),
      "SELLING_PLAN_BILLING_CYCLE_MUST_BE_A_MULTIPLE_OF_DELIVERY_CYCLE",
      at("0", "billingPolicy"),
    ],
    ["an interval count of 0", withPlan({ deliveryPolicy: { recurring: { interval: "WEEK", intervalCount: 0 } } }), "GREATER_THAN", at("0", "deliveryPolicy", "recurring", "intervalCount")],
    [
      "max cycles under min cycles",
      withPlan({ billingPolicy: { recurring: { interval: "WEEK", intervalCount: 2, minCycles: 6, maxCycles: 3 } } }),
      "SELLING_PLAN_MAX_CYCLES_MUST_BE_GREATER_THAN_MIN_CYCLES",
      at("0", "billingPolicy", "recurring", "maxCycles"),
    ],
    [
      "two plans with the same options",
      groupInput({ sellingPlansToCreate: [plan("WEEK", 2, 10), plan("WEEK", 2, 10, { name: "Fortnightly" })] }),
      "SELLING_PLAN_DUPLICATE_OPTIONS",
      at("1", "options"),
    ],
    [
      "two plans with the same name",
      groupInput({ sellingPlansToCreate: [plan("WEEK", 2, 10), plan("WEEK", 3, 10, { name: "Deliver every 2 weeks, 10% off" })] }),
      "SELLING_PLAN_DUPLICATE_NAME",
      at("1", "name"),
    ],
    ["a second option the group has no label for", withPlan({ options: ["Every 2 weeks", "Small bag"] }), "SELLING_PLAN_MISSING_OPTION2_LABEL_ON_PARENT_GROUP", at("0", "options")],
    [
      "three pricing policies",
      withPlan({
        pricingPolicies: [policy("PERCENTAGE", { percentage: 5 }), policy("PERCENTAGE", { percentage: 10 }, "recurring", 2), policy("PERCENTAGE", { percentage: 15 }, "recurring", 4)],
      }),
      "SELLING_PLAN_PRICING_POLICIES_LIMIT",
      at("0", "pricingPolicies"),
    ],
    [
      "a recurring pricing policy without a fixed one",
      withPlan({ pricingPolicies: [policy("PERCENTAGE", { percentage: 10 }, "recurring")] }),
      "SELLING_PLAN_PRICING_POLICIES_MUST_CONTAIN_A_FIXED_PRICING_POLICY",
      at("0", "pricingPolicies"),
    ],
    [
      "two fixed pricing policies",
      withPlan({ pricingPolicies: [policy("PERCENTAGE", { percentage: 5 }), policy("PERCENTAGE", { percentage: 10 })] }),
      "SELLING_PLAN_FIXED_PRICING_POLICIES_LIMIT",
      at("0", "pricingPolicies"),
    ],
    ["a pricing policy neither fixed nor recurring", withPlan({ pricingPolicies: [{}] }), "ONLY_NEED_ONE_PRICING_POLICY_TYPE", at("0", "pricingPolicies", "0")],
    ["a percentage over 100", withPlan({ pricingPolicies: [policy("PERCENTAGE", { percentage: 150 })] }), "INVALID", at("0", "pricingPolicies", "0", "fixed", "adjustmentValue")],
    [
      "a percentage type with an amount",
      withPlan({ pricingPolicies: [policy("PERCENTAGE", { fixedValue: "5.00" })] }),
      "PRICING_POLICY_ADJUSTMENT_VALUE_AND_TYPE_MUST_MATCH",
      at("0", "pricingPolicies", "0", "fixed", "adjustmentValue"),
    ],
    [
      "a price type with a percentage",
      withPlan({ pricingPolicies: [policy("PRICE", { percentage: 10 })] }),
      "PRICING_POLICY_ADJUSTMENT_VALUE_AND_TYPE_MUST_MATCH",
      at("0", "pricingPolicies", "0", "fixed", "adjustmentValue"),
    ],
    [
      "both a percentage and an amount",
      withPlan({ pricingPolicies: [policy("PERCENTAGE", { percentage: 10, fixedValue: "1" })] }),
      "ONLY_NEED_ONE_PRICING_POLICY_VALUE",
      at("0", "pricingPolicies", "0", "fixed", "adjustmentValue"),
    ],
    ["fixed (deferred purchase option) policies, which the simulator does not model", withPlan({ billingPolicy: { fixed: {} }, deliveryPolicy: { fixed: {} } }), "INVALID_INPUT", at("0", "billingPolicy", "fixed")],
  ])("on create: %s", async (_case, input, code, field) => {
    const answer = await create(input);
    expect(answer.sellingPlanGroup).toBeNull();
    expect(answer.userErrors).toContainEqual({ field, message: expect.any(String), code });
    expect(simulator.plans.groups.size).toBe(0);
  });

  it.each([
    ["an unknown product", { productIds: [product(1), product(404)] }, ["resources", "productIds"]],
    ["an unknown variant", { productVariantIds: [variant(404)] }, ["resources", "productVariantIds"]],
    ["a variant ID given as a product", { productIds: [variant(1)] }, ["resources", "productIds"]],
  ])("on create: %s", async (_case, resources, field) => {
    const answer = await create(groupInput(), resources);
    expect(answer).toEqual({ sellingPlanGroup: null, userErrors: [{ field, message: expect.any(String), code: "RESOURCE_LIST_CONTAINS_INVALID_IDS" }] });
    expect(simulator.plans.groups.size).toBe(0);
  });

  describe("on update", () => {
    let id: string;
    beforeEach(async () => {
      id = (await create()).sellingPlanGroup.id;
    });
    const update = async (input: SellingPlanGroupInput, groupId = id) => (await graphql(UPDATE, { id: groupId, input })).data.sellingPlanGroupUpdate;

    it.each<[string, SellingPlanGroupInput, string, string[]]>([
      ["an unknown plan", { sellingPlansToUpdate: [{ id: "gid://shopify/SellingPlan/404", name: "x" }] }, "PLAN_DOES_NOT_EXIST", ["input", "sellingPlansToUpdate", "0", "id"]],
      ["a plan without its ID", { sellingPlansToUpdate: [{ name: "x" }] }, "PLAN_ID_MUST_BE_SPECIFIED_TO_UPDATE", ["input", "sellingPlansToUpdate", "0", "id"]],
      ["deleting an unknown plan", { sellingPlansToDelete: ["gid://shopify/SellingPlan/404"] }, "PLAN_DOES_NOT_EXIST", ["input", "sellingPlansToDelete", "0"]],
      ["a blank name", { name: "" }, "BLANK", ["input", "name"]],
      [
        "an update giving a plan another plan's options",
        { sellingPlansToUpdate: [{ id: "gid://shopify/SellingPlan/2", options: ["Deliver every 2 weeks"] }] },
        "SELLING_PLAN_DUPLICATE_OPTIONS",
        ["input", "sellingPlansToUpdate", "0", "options"],
      ],
      [
        "a 32nd plan",
        { sellingPlansToCreate: Array.from({ length: MAX_PLANS_PER_GROUP - 1 }, (_, i) => plan("DAY", i + 1)) },
        "SELLING_PLAN_COUNT_UPPER_BOUND",
        ["input", "sellingPlansToCreate"],
      ],
    ])("%s, changing nothing", async (_case, input, code, field) => {
      const before = structuredClone(simulator.plans.groups.get(id));
      // A valid change alongside: it is not applied either.
      const answer = await update({ merchantCode: "Changed", ...input });
      expect(answer).toEqual({ deletedSellingPlanIds: null, sellingPlanGroup: null, userErrors: expect.arrayContaining([{ field, message: expect.any(String), code }]) });
      expect(simulator.plans.groups.get(id)).toEqual(before);
    });

    it("an unknown group", async () => {
      expect(await update({ name: "x" }, "gid://shopify/SellingPlanGroup/404")).toEqual({
        deletedSellingPlanIds: null,
        sellingPlanGroup: null,
        userErrors: [{ field: ["id"], message: expect.any(String), code: "GROUP_DOES_NOT_EXIST" }],
      });
      expect((await graphql(DELETE, { id: "gid://shopify/SellingPlanGroup/404" })).data.sellingPlanGroupDelete.userErrors[0].code).toBe("GROUP_DOES_NOT_EXIST");
    });

    it("unknown products and variants, on the group's side and the product's", async () => {
      const save = await graphql(SAVE, {
        id,
        input: {},
        productIdsToAdd: [product(404)],
        productIdsToRemove: [],
        variantIdsToAdd: [variant(1)],
        variantIdsToRemove: [variant(404)],
      });
      expect(save.data.sellingPlanGroupAddProducts).toEqual({
        sellingPlanGroup: null,
        userErrors: [{ field: ["productIds"], message: expect.any(String), code: "RESOURCE_LIST_CONTAINS_INVALID_IDS" }],
      });
      expect(save.data.sellingPlanGroupAddProductVariants.userErrors).toEqual([]);
      expect(save.data.sellingPlanGroupRemoveProductVariants).toEqual({
        removedProductVariantIds: null,
        userErrors: [{ field: ["productVariantIds"], message: expect.any(String), code: "RESOURCE_LIST_CONTAINS_INVALID_IDS" }],
      });
      expect(simulator.plans.groups.get(id)).toMatchObject({ productIds: [], productVariantIds: [variant(1)] });

      const join = (await graphql(JOIN, { productId: product(404), variantId: variant(404), groupIds: [id] })).data;
      expect(join.productJoinSellingPlanGroups).toEqual({ product: null, userErrors: [{ field: ["id"], message: expect.any(String), code: "PRODUCT_DOES_NOT_EXIST" }] });
      expect(join.productVariantJoinSellingPlanGroups).toEqual({
        productVariant: null,
        userErrors: [{ field: ["id"], message: expect.any(String), code: "PRODUCT_VARIANT_DOES_NOT_EXIST" }],
      });
    });
  });
});
