import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { AdminApiSimulator } from "./admin-api";
import { startAdminApiSimulator } from "./node";
import type { ContractStatus, SimulatedContract } from "./subscriptions";
import { billingAttemptWebhookPayload, billingCycleWebhookPayload, contractWebhookPayload } from "./webhook-payloads";

const running = startAdminApiSimulator({ apiKey: "key", apiSecret: "secret" });
const { simulator } = running;
const state = simulator.subscriptions;
afterAll(() => running.close());

const SHOP = "contracts.myshopify.com";
const OTHER_SHOP = "elsewhere.myshopify.com";
const NOW = Date.parse("2026-11-21T12:00:00Z");
const DAY = 24 * 3600 * 1000;
const day = (offset: number) => new Date(NOW + offset * DAY).toISOString();

beforeEach(() => {
  simulator.reset();
  state.now = () => NOW;
  state.pendingReads = 0;
});
// Every answer fits the schema: a resolver that breaks it fails the test that caused it.
afterEach(() => expect(simulator.faults).toEqual([]));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw GraphQL answers, checked field by field
async function graphql(query: string, variables: object = {}, shop = SHOP): Promise<{ data?: any; errors?: any[] }> {
  const response = await fetch(`https://${shop}/admin/api/2026-10/graphql.json`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-shopify-access-token": "shpat_test" },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

/** The data of an answer that must have no errors. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw GraphQL answers
async function data(query: string, variables: object = {}, shop = SHOP): Promise<any> {
  const body = await graphql(query, variables, shop);
  expect(body.errors).toBeUndefined();
  return body.data;
}

// Documents are plain strings (not `#graphql`): app/shopify/graphql-documents.test.ts checks only the app's.
const DETAIL = `
  query Detail($id: ID!, $showRevoked: Boolean) {
    subscriptionContract(id: $id) {
      id
      status
      createdAt
      updatedAt
      revisionId
      currencyCode
      note
      appAdminUrl
      nextBillingDate
      lastPaymentStatus
      lastBillingAttemptErrorType
      billingPolicy { interval intervalCount minCycles maxCycles anchors { day } }
      deliveryPolicy { interval intervalCount anchors { day } }
      customer { id firstName lastName displayName email }
      linesCount { count precision }
      lines(first: 10) {
        nodes {
          id title variantTitle quantity productId variantId sku sellingPlanId sellingPlanName
          currentPrice { amount currencyCode }
          lineDiscountedPrice { amount currencyCode }
          pricingPolicy { basePrice { amount } cycleDiscounts { adjustmentType afterCycle computedPrice { amount } adjustmentValue { __typename ... on SellingPlanPricingPolicyPercentageValue { percentage } } } }
          variantImage { url }
        }
      }
      deliveryPrice { amount currencyCode }
      deliveryMethod {
        __typename
        ... on SubscriptionDeliveryMethodShipping { shippingOption { title } address { name address1 city provinceCode zip countryCodeV2 } }
        ... on SubscriptionDeliveryMethodPickup { pickupOption { title location { id } } }
        ... on SubscriptionDeliveryMethodLocalDelivery { localDeliveryOption { title phone } address { city } }
      }
      discounts(first: 5) { nodes { id } }
      customerPaymentMethod(showRevoked: $showRevoked) {
        id revokedAt revokedReason
        instrument { __typename ... on CustomerCreditCard { brand lastDigits maskedNumber expiryMonth expiryYear expiresSoon name } }
      }
      originOrder { id name createdAt totalPriceSet { shopMoney { amount currencyCode } } }
      orders(first: 10) { nodes { id name } }
      billingAttempts(first: 10, reverse: true) { nodes { id } }
    }
  }
`;

const detail = async (id: string, showRevoked = true) => (await data(DETAIL, { id, showRevoked })).subscriptionContract;

describe("contract data", () => {
  it("answers every field from state, with rich defaults: a customer, a catalogue line, a monthly policy, a visa card, a shipping address", async () => {
    const contract = state.addContract(SHOP);
    const answer = await detail(contract.id);
    expect(answer).toEqual({
      id: contract.id,
      status: "ACTIVE",
      createdAt: day(0),
      updatedAt: day(0),
      revisionId: String(contract.revisionId),
      currencyCode: "USD",
      note: null,
      appAdminUrl: expect.stringMatching(/^https:\/\/admin\.shopify\.com\/store\/contracts\/apps\/.+\/app\/contracts\/\d+$/),
      nextBillingDate: "2026-12-21T12:00:00.000Z",
      lastPaymentStatus: null,
      lastBillingAttemptErrorType: null,
      billingPolicy: { interval: "MONTH", intervalCount: 1, minCycles: null, maxCycles: null, anchors: [] },
      deliveryPolicy: { interval: "MONTH", intervalCount: 1, anchors: [] },
      customer: { id: expect.stringMatching(/^gid:\/\/shopify\/Customer\/\d+$/), firstName: expect.any(String), lastName: expect.any(String), displayName: expect.any(String), email: expect.stringContaining("@") },
      linesCount: { count: 1, precision: "EXACT" },
      lines: {
        nodes: [
          {
            id: expect.stringMatching(/^gid:\/\/shopify\/SubscriptionLine\/\d+$/),
            title: "House Blend Coffee",
            variantTitle: "250 g",
            quantity: 1,
            productId: "gid://shopify/Product/1",
            variantId: "gid://shopify/ProductVariant/1",
            sku: "HOUSE-BLEND-COFFEE-250-G",
            sellingPlanId: null,
            sellingPlanName: "Deliver every month",
            currentPrice: { amount: "14.0", currencyCode: "USD" },
            lineDiscountedPrice: { amount: "14.0", currencyCode: "USD" },
            pricingPolicy: null,
            variantImage: null,
          },
        ],
      },
      deliveryPrice: { amount: "5.0", currencyCode: "USD" },
      deliveryMethod: {
        __typename: "SubscriptionDeliveryMethodShipping",
        shippingOption: { title: "Standard" },
        address: { name: answer.customer.displayName, address1: expect.any(String), city: expect.any(String), provinceCode: expect.any(String), zip: expect.any(String), countryCodeV2: expect.any(String) },
      },
      discounts: { nodes: [] },
      customerPaymentMethod: {
        id: expect.stringMatching(/^gid:\/\/shopify\/CustomerPaymentMethod\/[0-9a-f]{32}$/),
        revokedAt: null,
        revokedReason: null,
        instrument: { __typename: "CustomerCreditCard", brand: "visa", lastDigits: "4242", maskedNumber: "•••• •••• •••• 4242", expiryMonth: 8, expiryYear: 2029, expiresSoon: false, name: answer.customer.displayName },
      },
      originOrder: { id: expect.stringMatching(/^gid:\/\/shopify\/Order\/\d+$/), name: "#1001", createdAt: day(0), totalPriceSet: { shopMoney: { amount: "19.0", currencyCode: "USD" } } },
      orders: { nodes: [{ id: answer.originOrder.id, name: "#1001" }] },
      billingAttempts: { nodes: [] },
    });
  });

  it("takes options for each part of the contract", async () => {
    const contract = state.addContract(SHOP, {
      customer: { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" },
      lines: [
        { variantId: "gid://shopify/ProductVariant/4", quantity: 3 },
        { variantId: "gid://shopify/ProductVariant/9", quantity: 2, currentPrice: "9.99" },
      ],
      billingPolicy: { interval: "WEEK", intervalCount: 2, minCycles: 2, maxCycles: 10 },
      deliveryMethod: { pickup: { pickupOption: { locationId: "gid://shopify/Location/7", title: "Pick up in store" } } },
      paymentMethod: { brand: "mastercard", lastDigits: "5454", expiryMonth: 12, expiryYear: 2026 },
      currencyCode: "CAD",
      note: "Ring twice",
    });
    const answer = await detail(contract.id);
    expect(answer).toMatchObject({
      note: "Ring twice",
      currencyCode: "CAD",
      customer: { firstName: "Ada", lastName: "Lovelace", displayName: "Ada Lovelace", email: "ada@example.com" },
      billingPolicy: { interval: "WEEK", intervalCount: 2, minCycles: 2, maxCycles: 10 },
      deliveryPolicy: { interval: "WEEK", intervalCount: 2 },
      nextBillingDate: day(14),
      linesCount: { count: 2 },
      deliveryPrice: { amount: "0.0", currencyCode: "CAD" },
      deliveryMethod: { __typename: "SubscriptionDeliveryMethodPickup", pickupOption: { title: "Pick up in store", location: { id: "gid://shopify/Location/7" } } },
      // Expires at the end of December 2026: within two months of November 21.
      customerPaymentMethod: { instrument: { brand: "mastercard", lastDigits: "5454", expiresSoon: true } },
      originOrder: { totalPriceSet: { shopMoney: { amount: "121.98", currencyCode: "CAD" } } },
    });
    expect(answer.lines.nodes.map((line: { title: string; variantTitle: string | null; quantity: number; lineDiscountedPrice: { amount: string } }) => [line.title, line.variantTitle, line.quantity, line.lineDiscountedPrice.amount])).toEqual([
      ["Ethiopia Yirgacheffe", "500 g", 3, "102.0"],
      ["Sencha Green Tea", null, 2, "19.98"],
    ]);
  });

  it("prices a line from this app's matching selling plan, with its pricing policy", async () => {
    simulator.plans.addGroup(SHOP, {
      name: "Subscribe and save",
      merchantCode: "sub",
      options: ["Delivery"],
      sellingPlansToCreate: [
        {
          name: "Monthly, 10% off",
          options: ["Monthly"],
          billingPolicy: { recurring: { interval: "MONTH", intervalCount: 1 } },
          deliveryPolicy: { recurring: { interval: "MONTH", intervalCount: 1 } },
          pricingPolicies: [{ fixed: { adjustmentType: "PERCENTAGE", adjustmentValue: { percentage: 10 } } }],
        },
      ],
      productIds: ["gid://shopify/Product/1"],
    });
    const contract = state.addContract(SHOP, { lines: [{ variantId: "gid://shopify/ProductVariant/2", quantity: 2 }] });
    const [line] = (await detail(contract.id)).lines.nodes;
    expect(line).toMatchObject({
      sellingPlanId: expect.stringMatching(/^gid:\/\/shopify\/SellingPlan\/\d+$/),
      sellingPlanName: "Monthly, 10% off",
      currentPrice: { amount: "43.2" },
      lineDiscountedPrice: { amount: "86.4" },
      pricingPolicy: {
        basePrice: { amount: "48.0" },
        cycleDiscounts: [{ adjustmentType: "PERCENTAGE", afterCycle: 0, computedPrice: { amount: "43.2" }, adjustmentValue: { __typename: "SellingPlanPricingPolicyPercentageValue", percentage: 10 } }],
      },
    });
  });

  it.each([
    [false, null],
    [true, { revokedAt: day(0), revokedReason: "TOO_MANY_CONSECUTIVE_FAILURES" }],
  ])("answers a revoked payment method only with showRevoked (%s)", async (showRevoked, expected) => {
    const contract = state.addContract(SHOP);
    state.revokePaymentMethod(contract.id, "TOO_MANY_CONSECUTIVE_FAILURES");
    const method = (await detail(contract.id, showRevoked)).customerPaymentMethod;
    if (expected === null) expect(method).toBeNull();
    else expect(method).toMatchObject(expected);
  });

  it("answers only the calling shop's contracts", async () => {
    const theirs = state.addContract(OTHER_SHOP);
    expect(await detail(theirs.id)).toBeNull();
    expect((await data(DETAIL, { id: theirs.id }, OTHER_SHOP)).subscriptionContract.id).toBe(theirs.id);
  });

  it("answers a local delivery and a contract created through the API (no origin order, cycle 1 unbilled)", async () => {
    const contract = state.addContract(SHOP, {
      originOrder: false,
      deliveryMethod: { localDelivery: { address: { address1: "1 Rue Rachel", city: "Montréal", countryCode: "CA" }, localDeliveryOption: { title: "Bike courier", phone: "+15145550000" } } },
    });
    const answer = await detail(contract.id);
    expect(answer).toMatchObject({
      originOrder: null,
      orders: { nodes: [] },
      nextBillingDate: day(0),
      deliveryMethod: { __typename: "SubscriptionDeliveryMethodLocalDelivery", localDeliveryOption: { title: "Bike courier", phone: "+15145550000" }, address: { city: "Montréal" } },
    });
  });
});

const CYCLES = `
  query Cycles(
    $contractId: ID!
    $first: Int
    $last: Int
    $after: String
    $dates: SubscriptionBillingCyclesDateRangeSelector
    $indexes: SubscriptionBillingCyclesIndexRangeSelector
    $reverse: Boolean
  ) {
    subscriptionBillingCycles(
      contractId: $contractId
      first: $first
      last: $last
      after: $after
      billingCyclesDateRangeSelector: $dates
      billingCyclesIndexRangeSelector: $indexes
      reverse: $reverse
    ) {
      nodes {
        cycleIndex cycleStartAt cycleEndAt billingAttemptExpectedDate skipped edited status
        billingAttempts(first: 5) { nodes { id state { __typename ... on SubscriptionBillingAttemptSuccessState { order { id name } } } } }
      }
      pageInfo { hasNextPage hasPreviousPage endCursor }
    }
  }
`;

const CYCLE = `
  query Cycle($contractId: ID!, $index: Int, $date: DateTime) {
    subscriptionBillingCycle(billingCycleInput: { contractId: $contractId, selector: { index: $index, date: $date } }) {
      cycleIndex cycleStartAt cycleEndAt billingAttemptExpectedDate status skipped
    }
  }
`;

const SKIP = `
  mutation Skip($contractId: ID!, $index: Int!) {
    subscriptionBillingCycleSkip(billingCycleInput: { contractId: $contractId, selector: { index: $index } }) {
      billingCycle { cycleIndex skipped }
      userErrors { field message code }
    }
  }
`;

const UNSKIP = `
  mutation Unskip($contractId: ID!, $index: Int!) {
    subscriptionBillingCycleUnskip(billingCycleInput: { contractId: $contractId, selector: { index: $index } }) {
      billingCycle { cycleIndex skipped }
      userErrors { field message code }
    }
  }
`;

const SCHEDULE_EDIT = `
  mutation ScheduleEdit($contractId: ID!, $index: Int!, $input: SubscriptionBillingCycleScheduleEditInput!) {
    subscriptionBillingCycleScheduleEdit(billingCycleInput: { contractId: $contractId, selector: { index: $index } }, input: $input) {
      billingCycle { cycleIndex skipped billingAttemptExpectedDate edited }
      userErrors { field message code }
    }
  }
`;

type CycleNode = { cycleIndex: number; cycleStartAt: string; cycleEndAt: string; billingAttemptExpectedDate: string; status: string; skipped: boolean; billingAttempts: { nodes: Array<{ state: { order?: { name: string } } }> } };

describe("billing cycles", () => {
  it("generates cycles from the billing policy: cycle 1 is the origin order, past ones billed with orders, then one each interval", async () => {
    const contract = state.addContract(SHOP, { createdAt: day(-30), billingPolicy: { interval: "WEEK", intervalCount: 1 } });
    const { nodes } = (await data(CYCLES, { contractId: contract.id, first: 7, indexes: { startIndex: 1, endIndex: 7 } })).subscriptionBillingCycles;
    expect(nodes.map((cycle: CycleNode) => [cycle.cycleIndex, cycle.billingAttemptExpectedDate, cycle.status, cycle.billingAttempts.nodes.length])).toEqual([
      [1, day(-30), "BILLED", 0],
      [2, day(-23), "BILLED", 1],
      [3, day(-16), "BILLED", 1],
      [4, day(-9), "BILLED", 1],
      [5, day(-2), "BILLED", 1],
      [6, day(5), "UNBILLED", 0],
      [7, day(12), "UNBILLED", 0],
    ]);
    // A cycle runs from the previous one's billing date to its own.
    expect(nodes[5]).toMatchObject({ cycleStartAt: day(-2), cycleEndAt: day(5) });
    expect(nodes[0]).toMatchObject({ cycleStartAt: day(-30), cycleEndAt: day(-30) });
    expect(nodes[1].billingAttempts.nodes[0].state).toEqual({ __typename: "SubscriptionBillingAttemptSuccessState", order: { id: expect.any(String), name: "#1002" } });
    const answer = await detail(contract.id);
    expect(answer.orders.nodes.map((order: { name: string }) => order.name)).toEqual(["#1001", "#1002", "#1003", "#1004", "#1005"]);
    expect(answer).toMatchObject({ nextBillingDate: day(5), lastPaymentStatus: "SUCCEEDED", lastBillingAttemptErrorType: null });
  });

  it("keeps explicit cycles as given", async () => {
    const contract = state.addContract(SHOP, { cycles: [{ index: 4, expectedDate: day(-1) }, { index: 5, expectedDate: day(29) }] });
    const { nodes } = (await data(CYCLES, { contractId: contract.id, first: 10, indexes: { startIndex: 1, endIndex: 50 } })).subscriptionBillingCycles;
    expect(nodes.map((cycle: CycleNode) => [cycle.cycleIndex, cycle.status])).toEqual([
      [4, "UNBILLED"],
      [5, "UNBILLED"],
    ]);
    expect(contract.cycles).toHaveLength(2);
  });

  it.each([
    ["a date range, both ends included (upcoming orders)", { dates: { startDate: day(0), endDate: day(92) }, first: 6 }, [1, 2, 3, 4], false],
    ["a date range, paged", { dates: { startDate: day(1), endDate: day(400) }, first: 2 }, [2, 3], true],
    ["an index range, reversed", { indexes: { startIndex: 1, endIndex: 4 }, first: 10, reverse: true }, [4, 3, 2, 1], false],
    ["the last of an index range", { indexes: { startIndex: 1, endIndex: 12 }, last: 2 }, [11, 12], false],
  ])("lists cycles by %s", async (_case, variables, indexes, hasNextPage) => {
    const contract = state.addContract(SHOP);
    const page = (await data(CYCLES, { contractId: contract.id, ...variables })).subscriptionBillingCycles;
    expect(page.nodes.map((cycle: CycleNode) => cycle.cycleIndex)).toEqual(indexes);
    expect(page.pageInfo.hasNextPage).toBe(hasNextPage);
  });

  it("pages on with the cursor", async () => {
    const contract = state.addContract(SHOP);
    const first = (await data(CYCLES, { contractId: contract.id, first: 2, indexes: { startIndex: 1, endIndex: 5 } })).subscriptionBillingCycles;
    const next = (await data(CYCLES, { contractId: contract.id, first: 2, after: first.pageInfo.endCursor, indexes: { startIndex: 1, endIndex: 5 } })).subscriptionBillingCycles;
    expect(next.nodes.map((cycle: CycleNode) => cycle.cycleIndex)).toEqual([3, 4]);
    expect(next.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  it.each([
    ["index", { index: 3 }, 3],
    ["a date inside the cycle", { date: day(40) }, 3],
    ["a cycle's billing date (its end)", { date: "2027-01-21T12:00:00.000Z" }, 3],
  ])("finds one cycle by %s", async (_case, selector, index) => {
    const contract = state.addContract(SHOP);
    const cycle = (await data(CYCLE, { contractId: contract.id, ...selector })).subscriptionBillingCycle;
    expect(cycle).toEqual({ cycleIndex: index, cycleStartAt: "2026-12-21T12:00:00.000Z", cycleEndAt: "2027-01-21T12:00:00.000Z", billingAttemptExpectedDate: "2027-01-21T12:00:00.000Z", status: "UNBILLED", skipped: false });
  });

  it("skips and unskips an upcoming cycle", async () => {
    const contract = state.addContract(SHOP);
    expect((await data(SKIP, { contractId: contract.id, index: 2 })).subscriptionBillingCycleSkip).toEqual({ billingCycle: { cycleIndex: 2, skipped: true }, userErrors: [] });
    expect((await detail(contract.id)).nextBillingDate).toBe("2027-01-21T12:00:00.000Z");
    expect((await data(UNSKIP, { contractId: contract.id, index: 2 })).subscriptionBillingCycleUnskip).toEqual({ billingCycle: { cycleIndex: 2, skipped: false }, userErrors: [] });
    expect(state.cycle(contract.id, 2).skipped).toBe(false);
    expect(contract.history.map((event) => event.action)).toEqual(["create", "skip", "unskip"]);
  });

  it.each([
    { field: "subscriptionBillingCycleSkip", document: SKIP, index: 1, message: "Billing cycle has already been billed" },
    { field: "subscriptionBillingCycleUnskip", document: UNSKIP, index: 1, message: "Billing cycle has already been billed" },
    { field: "subscriptionBillingCycleSkip", document: SKIP, index: 5, message: "Billing cycle does not exist" },
    { field: "subscriptionBillingCycleSkip", document: SKIP, index: 0, message: "Billing cycle does not exist" },
  ])("refuses $field of cycle $index with INVALID: $message", async ({ field, document, index, message }) => {
    const contract = state.addContract(SHOP, { billingPolicy: { maxCycles: 3 } });
    const payload = (await data(document, { contractId: contract.id, index }))[field];
    expect(payload).toEqual({ billingCycle: null, userErrors: [{ field: ["billingCycleInput", "selector"], message, code: "INVALID" }] });
    expect(contract.cycles.every((cycle) => !cycle.skipped)).toBe(true);
  });

  it("refuses a skip of another shop's contract", async () => {
    const theirs = state.addContract(OTHER_SHOP);
    expect((await data(SKIP, { contractId: theirs.id, index: 2 })).subscriptionBillingCycleSkip.userErrors).toEqual([
      { field: ["billingCycleInput", "contractId"], message: "Contract does not exist", code: "INVALID" },
    ]);
  });

  it.each([
    [{ reason: "MERCHANT_INITIATED", skip: true }, { billingCycle: { cycleIndex: 2, skipped: true, billingAttemptExpectedDate: "2026-12-21T12:00:00.000Z", edited: false }, userErrors: [] }],
    [{ reason: "MERCHANT_INITIATED", billingDate: day(40) }, { billingCycle: { cycleIndex: 2, skipped: false, billingAttemptExpectedDate: day(40), edited: true }, userErrors: [] }],
    [{ reason: "MERCHANT_INITIATED" }, { billingCycle: null, userErrors: [{ field: null, message: expect.any(String), code: "EMPTY_BILLING_CYCLE_EDIT_SCHEDULE_INPUT" }] }],
    [{ reason: "MERCHANT_INITIATED", skip: true, billingDate: day(40) }, { billingCycle: null, userErrors: [{ field: null, message: expect.any(String), code: "BILLING_DATE_SET_ON_SKIPPED" }] }],
  ])("edits a cycle's schedule: %j", async (input, expected) => {
    const contract = state.addContract(SHOP);
    expect((await data(SCHEDULE_EDIT, { contractId: contract.id, index: 2, input })).subscriptionBillingCycleScheduleEdit).toEqual(expected);
  });

  it("answers CYCLE_NOT_FOUND to a schedule edit of a cycle that does not exist", async () => {
    const contract = state.addContract(SHOP, { cycles: [{ index: 1, expectedDate: day(1) }] });
    const payload = (await data(SCHEDULE_EDIT, { contractId: contract.id, index: 9, input: { reason: "MERCHANT_INITIATED", skip: true } })).subscriptionBillingCycleScheduleEdit;
    expect(payload.userErrors).toEqual([{ field: null, message: "Billing cycle does not exist", code: "CYCLE_NOT_FOUND" }]);
  });
});

const LIFECYCLE = {
  pause: `mutation Pause($id: ID!, $actor: SubscriptionActor) { subscriptionContractPause(subscriptionContractId: $id, actor: $actor) { contract { id status customer { id } } userErrors { field message code } } }`,
  activate: `mutation Activate($id: ID!, $actor: SubscriptionActor) { subscriptionContractActivate(subscriptionContractId: $id, actor: $actor) { contract { id status customer { id } } userErrors { field message code } } }`,
  cancel: `mutation Cancel($id: ID!, $actor: SubscriptionActor) { subscriptionContractCancel(subscriptionContractId: $id, actor: $actor) { contract { id status customer { id } } userErrors { field message code } } }`,
  expire: `mutation Expire($id: ID!, $actor: SubscriptionActor) { subscriptionContractExpire(subscriptionContractId: $id, actor: $actor) { contract { id status customer { id } } userErrors { field message code } } }`,
} as const;
const PAYLOAD_FIELD = { pause: "subscriptionContractPause", activate: "subscriptionContractActivate", cancel: "subscriptionContractCancel", expire: "subscriptionContractExpire" } as const;
type Action = keyof typeof LIFECYCLE;

const lifecycle = async (action: Action, id: string, actor: string | null = "MERCHANT") => (await data(LIFECYCLE[action], { id, actor }))[PAYLOAD_FIELD[action]];

describe("lifecycle", () => {
  it.each<[ContractStatus, Action, ContractStatus]>([
    ["ACTIVE", "pause", "PAUSED"],
    ["FAILED", "pause", "PAUSED"],
    ["PAUSED", "activate", "ACTIVE"],
    ["FAILED", "activate", "ACTIVE"],
    ["ACTIVE", "activate", "ACTIVE"],
    ["ACTIVE", "cancel", "CANCELLED"],
    ["PAUSED", "cancel", "CANCELLED"],
    ["ACTIVE", "expire", "EXPIRED"],
  ])("moves a %s contract on %s to %s, recording the actor", async (from, action, to) => {
    const contract = state.addContract(SHOP, { status: from });
    const revision = contract.revisionId;
    expect(await lifecycle(action, contract.id)).toEqual({ contract: { id: contract.id, status: to, customer: { id: contract.customerId } }, userErrors: [] });
    expect(contract.status).toBe(to);
    expect(contract.history.at(-1)).toEqual({ action, actor: "MERCHANT", at: day(0), status: to });
    // A change makes a new revision; the same status again does not.
    if (from !== to) expect(contract.revisionId).toBeGreaterThan(revision);
    else expect(contract.revisionId).toBe(revision);
  });

  it.each<[ContractStatus, Action]>([
    ["CANCELLED", "activate"],
    ["CANCELLED", "pause"],
    ["CANCELLED", "cancel"],
    ["EXPIRED", "activate"],
    ["EXPIRED", "cancel"],
    ["CANCELLED", "expire"],
  ])("refuses to change a terminated (%s) contract: %s", async (from, action) => {
    const contract = state.addContract(SHOP, { status: from });
    const before = { ...contract, history: [...contract.history] };
    expect(await lifecycle(action, contract.id)).toEqual({
      contract: null,
      userErrors: [{ field: null, message: "Contract status cannot be changed once terminated.", code: "CONTRACT_TERMINATED" }],
    });
    expect(contract).toEqual(before);
  });

  it("records no actor when none is sent, and refuses an unknown or another shop's contract", async () => {
    const contract = state.addContract(SHOP);
    await lifecycle("pause", contract.id, null);
    expect(contract.history.at(-1)).toMatchObject({ action: "pause", actor: null });
    const theirs = state.addContract(OTHER_SHOP);
    for (const id of ["gid://shopify/SubscriptionContract/999999", theirs.id]) {
      expect(await lifecycle("cancel", id)).toEqual({ contract: null, userErrors: [{ field: ["subscriptionContractId"], message: "Contract does not exist", code: "INVALID" }] });
    }
    expect(theirs.status).toBe("ACTIVE");
  });

  it("can fail for some contracts of a bulk action (one mutation per contract)", async () => {
    const contracts = state.addContracts(SHOP, ["ACTIVE", "CANCELLED", "PAUSED", "EXPIRED", "ACTIVE"]);
    const results = await Promise.all(contracts.map((contract) => lifecycle("pause", contract.id)));
    expect(results.map((result) => result.userErrors[0]?.code ?? result.contract.status)).toEqual(["PAUSED", "CONTRACT_TERMINATED", "PAUSED", "CONTRACT_TERMINATED", "PAUSED"]);
    expect(contracts.map((contract) => contract.status)).toEqual(["PAUSED", "CANCELLED", "PAUSED", "EXPIRED", "PAUSED"]);
  });
});

const BILL_NOW = `
  mutation BillNow($id: ID!, $index: Int, $date: DateTime, $inventoryPolicy: SubscriptionBillingAttemptInventoryPolicy) {
    subscriptionBillingCycleCharge(subscriptionContractId: $id, billingCycleSelector: { index: $index, date: $date }, inventoryPolicy: $inventoryPolicy, actor: MERCHANT) {
      subscriptionBillingAttempt { id ready originTime }
      userErrors { field message code }
    }
  }
`;

const ATTEMPT = `
  query Attempt($id: ID!) {
    subscriptionBillingAttempt(id: $id) {
      id
      ready
      errorCode
      errorMessage
      originTime
      completedAt
      order { id }
      subscriptionContract { id lastPaymentStatus lastBillingAttemptErrorType }
      processingError { code message }
      state {
        __typename
        ... on SubscriptionBillingAttemptPendingState { processing }
        ... on SubscriptionBillingAttemptSuccessState { order { id name totalPriceSet { shopMoney { amount } } } }
        ... on SubscriptionBillingAttemptFailedState {
          error {
            __typename
            ... on SubscriptionBillingAttemptPaymentError { paymentCode: code }
            ... on SubscriptionBillingAttemptInventoryError { inventoryCode: code insufficientStockProductVariants(first: 5) { nodes { id } } }
          }
        }
      }
    }
  }
`;

const billNow = async (id: string, selector: { index?: number; date?: string }) => (await data(BILL_NOW, { id, ...selector })).subscriptionBillingCycleCharge;

describe("bill now (subscriptionBillingCycleCharge)", () => {
  it.each<[string, Parameters<typeof state.addContract>[1], { index?: number; date?: string }, string, string]>([
    ["a paused contract", { status: "PAUSED" }, { index: 2 }, "CONTRACT_PAUSED", "Contract is paused"],
    ["a cancelled contract", { status: "CANCELLED" }, { index: 2 }, "CONTRACT_TERMINATED", "Contract is terminated"],
    ["an expired contract", { status: "EXPIRED" }, { index: 2 }, "CONTRACT_TERMINATED", "Contract is terminated"],
    ["a cycle past maxCycles", { billingPolicy: { maxCycles: 3 } }, { index: 4 }, "CYCLE_INDEX_OUT_OF_RANGE", "Billing cycle does not exist"],
    ["a cycle that has not started", {}, { index: 3 }, "BILLING_CYCLE_CHARGE_BEFORE_EXPECTED_DATE", "Billing cycle charge attempted too early"],
    ["a cycle already billed", {}, { index: 1 }, "INVALID", "Billing cycle has already been billed"],
    ["a cycle already billed, by date", { createdAt: day(-40) }, { date: day(-15) }, "INVALID", "Billing cycle has already been billed"],
  ])("refuses %s", async (_case, options, selector, code, message) => {
    const contract = state.addContract(SHOP, options);
    const payload = await billNow(contract.id, selector);
    expect(payload).toEqual({ subscriptionBillingAttempt: null, userErrors: [expect.objectContaining({ code, message })] });
    expect(state.takeNewAttempts()).toEqual([]);
  });

  it("refuses a skipped cycle", async () => {
    const contract = state.addContract(SHOP, { cycles: [{ index: 2, expectedDate: day(-1) }] });
    state.cycle(contract.id, 2).skipped = true;
    expect((await billNow(contract.id, { index: 2 })).userErrors).toEqual([{ field: null, message: "Billing cycle is skipped", code: "BILLING_CYCLE_SKIPPED" }]);
  });

  it("refuses an unknown contract, and another shop's", async () => {
    const theirs = state.addContract(OTHER_SHOP, { cycles: [{ index: 1, expectedDate: day(-1) }] });
    for (const id of ["gid://shopify/SubscriptionContract/424242", theirs.id]) {
      expect((await billNow(id, { index: 1 })).userErrors).toEqual([{ field: ["subscriptionContractId"], message: "Contract does not exist", code: "CONTRACT_NOT_FOUND" }]);
    }
  });

  it("bills the current cycle early: an order linked to the attempt and the contract, the cycle BILLED", async () => {
    const contract = state.addContract(SHOP, { createdAt: day(-10) });
    const payload = await billNow(contract.id, { index: 2 });
    // Cycle 2 started with the contract (day -10) and is due on day 21: charged now, its origin time is now.
    expect(payload).toEqual({ subscriptionBillingAttempt: { id: expect.any(String), ready: true, originTime: day(0) }, userErrors: [] });
    const attempt = (await data(ATTEMPT, { id: payload.subscriptionBillingAttempt.id })).subscriptionBillingAttempt;
    expect(attempt).toMatchObject({
      ready: true,
      errorCode: null,
      processingError: null,
      completedAt: day(0),
      subscriptionContract: { id: contract.id, lastPaymentStatus: "SUCCEEDED", lastBillingAttemptErrorType: null },
      state: { __typename: "SubscriptionBillingAttemptSuccessState", order: { id: expect.stringMatching(/^gid:\/\/shopify\/Order\/\d+$/), name: "#1002", totalPriceSet: { shopMoney: { amount: "19.0" } } } },
    });
    expect(attempt.order.id).toBe(attempt.state.order.id);
    expect(state.cycle(contract.id, 2).status).toBe("BILLED");
    const answer = await detail(contract.id);
    expect(answer.orders.nodes.map((order: { id: string }) => order.id)).toEqual([answer.originOrder.id, attempt.order.id]);
    expect(answer.billingAttempts.nodes).toEqual([{ id: attempt.id }]);
    expect(answer.nextBillingDate).toBe("2027-01-11T12:00:00.000Z");
    expect(contract.history.at(-1)).toEqual({ action: "charge", actor: "MERCHANT", at: day(0), cycleIndex: 2 });
    expect(state.takeNewAttempts()).toEqual([expect.objectContaining({ id: attempt.id, errorCode: null, orderId: attempt.order.id, actor: "MERCHANT" })]);
  });

  it.each([
    ["CARD_DECLINED", { __typename: "SubscriptionBillingAttemptPaymentError", paymentCode: "CARD_DECLINED" }, "PAYMENT_ERROR"],
    ["INSUFFICIENT_INVENTORY", { __typename: "SubscriptionBillingAttemptInventoryError", inventoryCode: "INSUFFICIENT_INVENTORY", insufficientStockProductVariants: { nodes: [{ id: "gid://shopify/ProductVariant/1" }] } }, "INVENTORY_ERROR"],
    ["CUSTOMER_NOT_FOUND", { __typename: "SubscriptionBillingAttemptGeneralError" }, "CUSTOMER_ERROR"],
  ])("fails as scripted (%s), with the failed state and the contract's last payment", async (code, error, errorType) => {
    const contract = state.addContract(SHOP, { cycles: [{ index: 2, expectedDate: day(-1) }], paymentError: code });
    const { id } = (await billNow(contract.id, { index: 2 })).subscriptionBillingAttempt;
    const attempt = (await data(ATTEMPT, { id })).subscriptionBillingAttempt;
    expect(attempt).toMatchObject({
      ready: true,
      errorCode: code,
      order: null,
      originTime: day(-1),
      processingError: { code },
      state: { __typename: "SubscriptionBillingAttemptFailedState", error },
      subscriptionContract: { lastPaymentStatus: "FAILED", lastBillingAttemptErrorType: errorType },
    });
    expect(state.cycle(contract.id, 2).status).toBe("UNBILLED");
    // The cycle can be charged again (a retry), and then it goes through.
    contract.paymentError = null;
    expect((await billNow(contract.id, { index: 2 })).userErrors).toEqual([]);
    expect(await detail(contract.id)).toMatchObject({ lastPaymentStatus: "SUCCEEDED", lastBillingAttemptErrorType: null });
  });

  it("keeps an attempt pending for the configured reads of subscriptionBillingAttempt, then settles it", async () => {
    state.pendingReads = 2;
    const contract = state.addContract(SHOP, { cycles: [{ index: 2, expectedDate: day(-1) }] });
    const charged = await billNow(contract.id, { index: 2 });
    expect(charged.subscriptionBillingAttempt.ready).toBe(false);
    const read = async () => (await data(ATTEMPT, { id: charged.subscriptionBillingAttempt.id })).subscriptionBillingAttempt;
    for (let i = 0; i < 2; i++) {
      expect(await read()).toMatchObject({ ready: false, completedAt: null, order: null, state: { __typename: "SubscriptionBillingAttemptPendingState", processing: true } });
    }
    // Settled after the last pending read: the cycle is billed, and its webhook is due.
    expect(state.cycle(contract.id, 2).status).toBe("BILLED");
    expect(await read()).toMatchObject({ ready: true, state: { __typename: "SubscriptionBillingAttemptSuccessState" } });
    expect(state.takeNewAttempts()).toHaveLength(1);
  });

  it("settles pending attempts on demand, and only then lists them as new", async () => {
    const contract = state.addContract(SHOP, { cycles: [{ index: 2, expectedDate: day(-1) }], pendingReads: 5 });
    await billNow(contract.id, { index: 2 });
    expect(state.takeNewAttempts()).toEqual([]);
    state.settleAttempts();
    expect(state.takeNewAttempts()).toEqual([expect.objectContaining({ contractId: contract.id, ready: true })]);
  });
});

const SEND_EMAIL = `
  mutation SendEmail($id: ID!, $email: EmailInput) {
    customerPaymentMethodSendUpdateEmail(customerPaymentMethodId: $id, email: $email) {
      customer { id email }
      userErrors { field message }
    }
  }
`;

const SHOP_QUERY = `query ShopDetails { shop { name contactEmail email currencyCode myshopifyDomain } }`;

describe("payment method update email", () => {
  it("records the email Shopify sends", async () => {
    const contract = state.addContract(SHOP);
    const email = { from: "owner@contracts.example" };
    const payload = (await data(SEND_EMAIL, { id: contract.paymentMethodId, email })).customerPaymentMethodSendUpdateEmail;
    const customer = state.customers.get(contract.customerId)!;
    expect(payload).toEqual({ customer: { id: customer.id, email: customer.email }, userErrors: [] });
    expect(state.sentUpdateEmails).toEqual([{ shop: SHOP, paymentMethodId: contract.paymentMethodId, customerId: customer.id, at: day(0), email }]);
  });

  it.each([
    ["a revoked method", (contract: SimulatedContract) => (state.revokePaymentMethod(contract.id), contract.paymentMethodId!), "Customer payment method has been revoked"],
    ["an unknown method", () => "gid://shopify/CustomerPaymentMethod/0000", "Customer payment method does not exist"],
    ["another shop's method", () => state.addContract(OTHER_SHOP).paymentMethodId!, "Customer payment method does not exist"],
  ])("refuses %s", async (_case, methodOf, message) => {
    const id = methodOf(state.addContract(SHOP));
    expect((await data(SEND_EMAIL, { id })).customerPaymentMethodSendUpdateEmail).toEqual({ customer: null, userErrors: [{ field: ["customerPaymentMethodId"], message }] });
    expect(state.sentUpdateEmails).toEqual([]);
  });

  it("answers the shop's name and contact email (for the email's sender)", async () => {
    simulator.setShop(SHOP, { name: "Contracts Coffee", contactEmail: "hello@contracts.example" });
    expect((await data(SHOP_QUERY)).shop).toEqual({ name: "Contracts Coffee", contactEmail: "hello@contracts.example", email: "hello@contracts.example", currencyCode: "USD", myshopifyDomain: SHOP });
    expect((await data(SHOP_QUERY, {}, OTHER_SHOP)).shop.contactEmail).toBe(`owner@${OTHER_SHOP}`);
  });
});

const DRAFT_FIELDS = `id status note nextBillingDate deliveryPrice { amount } billingPolicy { interval intervalCount } deliveryPolicy { interval intervalCount }
  lines(first: 10) { nodes { id variantId quantity currentPrice { amount } } } linesAdded(first: 10) { nodes { id } } linesRemoved(first: 10) { nodes { id } }
  originalContract { id } customer { id }`;
const CONTRACT_UPDATE = `mutation Edit($id: ID!) { subscriptionContractUpdate(contractId: $id) { draft { ${DRAFT_FIELDS} } userErrors { field message code } } }`;
const DRAFT_QUERY = `query Draft($id: ID!) { subscriptionDraft(id: $id) { ${DRAFT_FIELDS} } }`;
const LINE_ADD = `mutation LineAdd($draftId: ID!, $input: SubscriptionLineInput!) { subscriptionDraftLineAdd(draftId: $draftId, input: $input) { lineAdded { id title variantTitle quantity currentPrice { amount } } draft { id } userErrors { field message code } } }`;
const LINE_UPDATE = `mutation LineUpdate($draftId: ID!, $lineId: ID!, $input: SubscriptionLineUpdateInput!) { subscriptionDraftLineUpdate(draftId: $draftId, lineId: $lineId, input: $input) { lineUpdated { id title variantId quantity currentPrice { amount } pricingPolicy { basePrice { amount } } } userErrors { field message code } } }`;
const LINE_REMOVE = `mutation LineRemove($draftId: ID!, $lineId: ID!) { subscriptionDraftLineRemove(draftId: $draftId, lineId: $lineId) { lineRemoved { id } discountsUpdated { id } userErrors { field message code } } }`;
const DRAFT_UPDATE = `mutation DraftUpdate($draftId: ID!, $input: SubscriptionDraftInput!) { subscriptionDraftUpdate(draftId: $draftId, input: $input) { draft { id } userErrors { field message code } } }`;
const COMMIT = `mutation Commit($draftId: ID!) { subscriptionDraftCommit(draftId: $draftId) { contract { id revisionId nextBillingDate } userErrors { field message code } } }`;

async function openDraft(contract: SimulatedContract) {
  const payload = (await data(CONTRACT_UPDATE, { id: contract.id })).subscriptionContractUpdate;
  expect(payload.userErrors).toEqual([]);
  return payload.draft as { id: string; lines: { nodes: Array<{ id: string }> } };
}
const draftCall = async (document: string, variables: object) => {
  const body = await data(document, variables);
  return Object.values(body)[0] as { userErrors: unknown[]; [field: string]: unknown };
};

describe("draft workflow", () => {
  it("edits a copy, changes nothing until commit, then applies it with a new revision", async () => {
    const contract = state.addContract(SHOP, { lines: [{ variantId: "gid://shopify/ProductVariant/1", quantity: 1 }] });
    const revision = contract.revisionId;
    const draft = await openDraft(contract);
    expect(draft).toMatchObject({ status: "ACTIVE", originalContract: { id: contract.id }, customer: { id: contract.customerId }, lines: { nodes: [{ id: contract.lines[0].id, quantity: 1 }] } });
    const lineId = contract.lines[0].id;

    expect((await draftCall(LINE_UPDATE, { draftId: draft.id, lineId, input: { quantity: 3, currentPrice: "12.5" } })).lineUpdated).toMatchObject({ id: lineId, quantity: 3, currentPrice: { amount: "12.5" } });
    const added = (await draftCall(LINE_ADD, { draftId: draft.id, input: { productVariantId: "gid://shopify/ProductVariant/8", quantity: 2, currentPrice: "6.3" } })).lineAdded as { id: string };
    expect(added).toMatchObject({ title: "Earl Grey Tea", variantTitle: "20 tea bags", quantity: 2, currentPrice: { amount: "6.3" } });
    const input = {
      billingPolicy: { interval: "WEEK", intervalCount: 2, minCycles: 1 },
      deliveryPolicy: { interval: "WEEK", intervalCount: 2 },
      deliveryMethod: { shipping: { address: { address1: "9 New St", city: "Halifax", provinceCode: "NS", countryCode: "CA", zip: "B3H 1A1" } } },
      deliveryPrice: "3.5",
      note: "Leave at the back door",
    };
    expect((await draftCall(DRAFT_UPDATE, { draftId: draft.id, input })).userErrors).toEqual([]);

    // Nothing on the contract yet.
    expect(contract.lines.map((line) => line.quantity)).toEqual([1]);
    expect(contract.billingPolicy.interval).toBe("MONTH");
    expect(state.openDrafts(contract.id).map((open) => open.id)).toEqual([draft.id]);
    expect((await data(DRAFT_QUERY, { id: draft.id })).subscriptionDraft).toMatchObject({
      note: "Leave at the back door",
      deliveryPrice: { amount: "3.5" },
      billingPolicy: { interval: "WEEK", intervalCount: 2 },
      linesAdded: { nodes: [{ id: added.id }] },
      lines: { nodes: [{ quantity: 3 }, { quantity: 2 }] },
    });

    const committed = (await draftCall(COMMIT, { draftId: draft.id })) as unknown as { contract: { id: string; revisionId: string; nextBillingDate: string }; userErrors: unknown[] };
    expect(committed.userErrors).toEqual([]);
    expect(Number(committed.contract.revisionId)).toBeGreaterThan(revision);
    expect(committed.contract.revisionId).toBe(String(contract.revisionId));
    expect(state.openDrafts(contract.id)).toEqual([]);
    const answer = await detail(contract.id);
    expect(answer).toMatchObject({
      note: "Leave at the back door",
      billingPolicy: { interval: "WEEK", intervalCount: 2, minCycles: 1 },
      deliveryPolicy: { interval: "WEEK", intervalCount: 2 },
      deliveryPrice: { amount: "3.5" },
      deliveryMethod: { __typename: "SubscriptionDeliveryMethodShipping", address: { address1: "9 New St", city: "Halifax" } },
      linesCount: { count: 2 },
      // The schedule follows the new policy from the next billing date on.
      nextBillingDate: "2026-12-21T12:00:00.000Z",
    });
    expect(answer.lines.nodes.map((line: { quantity: number; lineDiscountedPrice: { amount: string } }) => [line.quantity, line.lineDiscountedPrice.amount])).toEqual([
      [3, "37.5"],
      [2, "12.6"],
    ]);
    const cycles = (await data(CYCLES, { contractId: contract.id, first: 3, dates: { startDate: day(1), endDate: day(60) } })).subscriptionBillingCycles.nodes;
    expect(cycles.map((cycle: CycleNode) => cycle.billingAttemptExpectedDate)).toEqual(["2026-12-21T12:00:00.000Z", "2027-01-04T12:00:00.000Z", "2027-01-18T12:00:00.000Z"]);
    expect(contract.history.map((event) => event.action)).toEqual(["create", "draft", "commit"]);
  });

  it("swaps a line's variant and removes lines", async () => {
    const contract = state.addContract(SHOP, { lines: [{ variantId: "gid://shopify/ProductVariant/1" }, { variantId: "gid://shopify/ProductVariant/9" }] });
    const draft = await openDraft(contract);
    const [first, second] = contract.lines.map((line) => line.id);
    const swapped = (await draftCall(LINE_UPDATE, { draftId: draft.id, lineId: first, input: { productVariantId: "gid://shopify/ProductVariant/5" } })).lineUpdated;
    expect(swapped).toMatchObject({ id: first, title: "Ethiopia Yirgacheffe", variantId: "gid://shopify/ProductVariant/5", currentPrice: { amount: "14.0" } });
    expect(await draftCall(LINE_REMOVE, { draftId: draft.id, lineId: second })).toEqual({ lineRemoved: { id: second }, discountsUpdated: [], userErrors: [] });
    expect((await draftCall(LINE_UPDATE, { draftId: draft.id, lineId: second, input: { quantity: 2 } })).userErrors).toEqual([{ field: ["lineId"], message: "Line has already been removed", code: "ALREADY_REMOVED" }]);
    expect((await data(DRAFT_QUERY, { id: draft.id })).subscriptionDraft.linesRemoved.nodes).toEqual([{ id: second }]);
    await draftCall(COMMIT, { draftId: draft.id });
    expect(contract.lines.map((line) => line.variantId)).toEqual(["gid://shopify/ProductVariant/5"]);
  });

  it("moves the schedule to a new next billing date", async () => {
    const contract = state.addContract(SHOP);
    const draft = await openDraft(contract);
    expect((await draftCall(DRAFT_UPDATE, { draftId: draft.id, input: { nextBillingDate: day(3) } })).userErrors).toEqual([]);
    expect((await draftCall(COMMIT, { draftId: draft.id })).contract).toMatchObject({ nextBillingDate: day(3) });
    expect(state.cycle(contract.id, 2).expectedDate).toBe(day(3));
    expect(state.cycle(contract.id, 3).expectedDate).toBe("2026-12-24T12:00:00.000Z");
  });

  it.each<[string, string, (draftId: string, lineId: string) => object, object]>([
    ["a quantity of 0", LINE_UPDATE, (draftId, lineId) => ({ draftId, lineId, input: { quantity: 0 } }), { field: ["input", "quantity"], code: "NOT_IN_RANGE" }],
    ["a negative price", LINE_UPDATE, (draftId, lineId) => ({ draftId, lineId, input: { currentPrice: "-1" } }), { field: ["input", "currentPrice"], code: "GREATER_THAN_OR_EQUAL_TO" }],
    ["an unknown variant", LINE_UPDATE, (draftId, lineId) => ({ draftId, lineId, input: { productVariantId: "gid://shopify/ProductVariant/404" } }), { field: ["input", "productVariantId"], code: "INVALID" }],
    ["an unknown line", LINE_UPDATE, (draftId) => ({ draftId, lineId: "gid://shopify/SubscriptionLine/404", input: { quantity: 2 } }), { field: ["lineId"], code: "INVALID" }],
    ["a new line of 0", LINE_ADD, (draftId) => ({ draftId, input: { productVariantId: "gid://shopify/ProductVariant/2", quantity: 0, currentPrice: "1.0" } }), { field: ["input", "quantity"], code: "NOT_IN_RANGE" }],
    ["a new line of an unknown variant", LINE_ADD, (draftId) => ({ draftId, input: { productVariantId: "gid://shopify/ProductVariant/404", quantity: 1, currentPrice: "1.0" } }), { field: ["input", "productVariantId"], code: "INVALID" }],
    ["an interval count of 0", DRAFT_UPDATE, (draftId) => ({ draftId, input: { billingPolicy: { interval: "MONTH", intervalCount: 0 } } }), { field: ["input", "billingPolicy", "intervalCount"], code: "GREATER_THAN" }],
    ["max cycles under min cycles", DRAFT_UPDATE, (draftId) => ({ draftId, input: { billingPolicy: { interval: "MONTH", intervalCount: 1, minCycles: 5, maxCycles: 2 } } }), { code: "SELLING_PLAN_MAX_CYCLES_MUST_BE_GREATER_THAN_MIN_CYCLES" }],
    ["billing that is not a multiple of delivery", DRAFT_UPDATE, (draftId) => ({ draftId, input: { billingPolicy: { interval: "WEEK", intervalCount: 3 }, deliveryPolicy: { interval: "WEEK", intervalCount: 2 } } }), { code: "DELIVERY_MUST_BE_MULTIPLE_OF_BILLING" }],
    ["a next billing date in the past", DRAFT_UPDATE, (draftId) => ({ draftId, input: { nextBillingDate: day(-1) } }), { field: ["input", "nextBillingDate"], code: "INVALID_BILLING_DATE" }],
    ["two delivery methods", DRAFT_UPDATE, (draftId) => ({ draftId, input: { deliveryMethod: { shipping: {}, pickup: { pickupOption: { locationId: "gid://shopify/Location/1" } } } } }), { field: ["input", "deliveryMethod"], code: "INVALID" }],
    ["another customer's payment method", DRAFT_UPDATE, (draftId) => ({ draftId, input: { paymentMethodId: state.addContract(SHOP).paymentMethodId } }), { field: ["input", "paymentMethodId"], code: "CUSTOMER_MISMATCH" }],
  ])("refuses %s, changing nothing", async (_case, document, variables, expected) => {
    const contract = state.addContract(SHOP);
    const draft = await openDraft(contract);
    const before = JSON.stringify(state.drafts.get(draft.id));
    const payload = await draftCall(document, variables(draft.id, contract.lines[0].id));
    expect(payload.userErrors).toEqual([expect.objectContaining({ ...expected, message: expect.any(String) })]);
    expect(JSON.stringify(state.drafts.get(draft.id))).toBe(before);
  });

  it("refuses a commit when the contract changed since the draft was made (STALE_CONTRACT), leaving the draft open", async () => {
    const contract = state.addContract(SHOP);
    const draft = await openDraft(contract);
    await draftCall(LINE_UPDATE, { draftId: draft.id, lineId: contract.lines[0].id, input: { quantity: 5 } });
    await lifecycle("pause", contract.id);
    expect(await draftCall(COMMIT, { draftId: draft.id })).toEqual({ contract: null, userErrors: [{ field: null, message: expect.any(String), code: "STALE_CONTRACT" }] });
    expect(contract.lines[0].quantity).toBe(1);
    expect(state.openDrafts(contract.id)).toHaveLength(1);
  });

  it("refuses a second commit (COMMITTED) and any edit of a committed draft", async () => {
    const contract = state.addContract(SHOP);
    const draft = await openDraft(contract);
    expect((await draftCall(COMMIT, { draftId: draft.id })).userErrors).toEqual([]);
    const committed = [{ field: ["draftId"], message: "Draft has already been committed", code: "COMMITTED" }];
    expect((await draftCall(COMMIT, { draftId: draft.id })).userErrors).toEqual(committed);
    expect((await draftCall(LINE_UPDATE, { draftId: draft.id, lineId: contract.lines[0].id, input: { quantity: 2 } })).userErrors).toEqual(committed);
  });

  it("refuses to commit a draft without lines (INVALID_LINES)", async () => {
    const contract = state.addContract(SHOP);
    const draft = await openDraft(contract);
    await draftCall(LINE_REMOVE, { draftId: draft.id, lineId: contract.lines[0].id });
    expect((await draftCall(COMMIT, { draftId: draft.id })).userErrors).toEqual([{ field: null, message: expect.any(String), code: "INVALID_LINES" }]);
    expect(contract.lines).toHaveLength(1);
  });

  it("refuses to open a draft of an unknown or another shop's contract, and hides other shops' drafts", async () => {
    expect((await data(CONTRACT_UPDATE, { id: "gid://shopify/SubscriptionContract/404" })).subscriptionContractUpdate).toEqual({ draft: null, userErrors: [{ field: ["contractId"], message: "Contract does not exist", code: "INVALID" }] });
    const theirs = state.addContract(OTHER_SHOP);
    expect((await data(CONTRACT_UPDATE, { id: theirs.id })).subscriptionContractUpdate.draft).toBeNull();
    const { draft } = (await data(CONTRACT_UPDATE, { id: theirs.id }, OTHER_SHOP)).subscriptionContractUpdate;
    expect((await data(DRAFT_QUERY, { id: draft.id })).subscriptionDraft).toBeNull();
    expect((await draftCall(COMMIT, { draftId: draft.id })).userErrors).toEqual([{ field: ["draftId"], message: "Draft does not exist", code: "INVALID" }]);
  });

  it("has no subscriptionDraftDiscard: the 2026-10 schema does not either", () => {
    expect(() => simulator.onMutation("subscriptionDraftDiscard", () => null)).toThrow(/no mutation field subscriptionDraftDiscard/);
  });
});

const LIST = `
  query List($first: Int, $last: Int, $after: String, $before: String, $query: String, $sortKey: SubscriptionContractsSortKeys, $reverse: Boolean) {
    subscriptionContracts(first: $first, last: $last, after: $after, before: $before, query: $query, sortKey: $sortKey, reverse: $reverse) {
      edges { cursor node { id } }
      nodes { id status customer { displayName } linesCount { count } lines(first: 50) { nodes { lineDiscountedPrice { amount } } } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`;

const numbers = (page: { nodes: Array<{ id: string }> }) => page.nodes.map((node) => Number(node.id.split("/").pop()));
const list = async (variables: object, shop = SHOP) => (await data(LIST, variables, shop)).subscriptionContracts;

describe("listing and search", () => {
  /** Five contracts 101..105: created a day apart, with statuses and last payment errors to search on. */
  function fiveContracts() {
    const made = [
      state.addContract(SHOP, { id: "gid://shopify/SubscriptionContract/101", createdAt: day(-5) }),
      state.addContract(SHOP, { id: "gid://shopify/SubscriptionContract/102", createdAt: day(-4), status: "PAUSED", billingHistory: [{ cycleIndex: 2, errorCode: "INSUFFICIENT_INVENTORY" }], cycleCount: 2 }),
      state.addContract(SHOP, { id: "gid://shopify/SubscriptionContract/103", createdAt: day(-3), status: "CANCELLED", billingHistory: [{ cycleIndex: 2, errorCode: "INSUFFICIENT_INVENTORY" }] }),
      state.addContract(SHOP, { id: "gid://shopify/SubscriptionContract/104", createdAt: day(-2), status: "FAILED", billingHistory: [{ cycleIndex: 2, errorCode: "CARD_DECLINED" }] }),
      state.addContract(SHOP, { id: "gid://shopify/SubscriptionContract/105", createdAt: day(-1) }),
    ];
    // Another shop's contract is never listed.
    state.addContract(OTHER_SHOP, { id: "gid://shopify/SubscriptionContract/106" });
    return made;
  }

  it.each([
    ["", [101, 102, 103, 104, 105]],
    ["status:ACTIVE", [101, 105]],
    ["status:active", [101, 105]],
    ["status:ACTIVE OR status:FAILED", [101, 104, 105]],
    ["-status:ACTIVE", [102, 103, 104]],
    ["NOT status:ACTIVE AND NOT status:CANCELLED", [102, 104]],
    ["id:103", [103]],
    ["id:>=104", [104, 105]],
    ["id:<102 OR id:>104", [101, 105]],
    ["last_billing_attempt_error_type:inventory_error", [102, 103]],
    ["last_billing_attempt_error_type:payment_error", [104]],
    ["NOT status:CANCELLED AND last_billing_attempt_error_type:inventory_error", [102]],
    ["(status:PAUSED OR status:CANCELLED) last_billing_attempt_error_type:INVENTORY_ERROR", [102, 103]],
    ["status:ACTIVE OR status:PAUSED AND id:102", [101, 102, 105]],
    [`created_at:>'${day(-3)}'`, [104, 105]],
    [`created_at:<=${day(-4).slice(0, 10)}`, [101, 102]],
    [`created_at:${day(-2).slice(0, 10)}`, [104]],
    ["updated_at:>=2026-11-20", [105]],
    ["updated_at:>2026-11-19", [105]],
    ["unknown_field:x status:PAUSED", [102]],
  ])("searches %j", async (query, expected) => {
    fiveContracts();
    expect(numbers(await list({ first: 10, query }))).toEqual(expected);
  });

  it.each([
    ["CREATED_AT", false, [101, 102, 103, 104, 105]],
    ["CREATED_AT", true, [105, 104, 103, 102, 101]],
    ["ID", true, [105, 104, 103, 102, 101]],
    ["STATUS", false, [101, 105, 103, 104, 102]],
    ["UPDATED_AT", false, [102, 103, 104, 101, 105]],
  ])("sorts by %s (reverse: %s)", async (sortKey, reverse, expected) => {
    const made = fiveContracts();
    // Updated out of creation order: 101 is paused and activated again now.
    state.changeStatus(made[0], "PAUSED", "pause", null);
    state.now = () => NOW + 1000;
    state.changeStatus(made[0], "ACTIVE", "activate", null);
    for (const [i, contract] of made.slice(1).entries()) contract.updatedAt = day(-10 + i);
    made[4].updatedAt = day(1);
    expect(numbers(await list({ first: 10, sortKey, reverse }))).toEqual(expected);
  });

  it("pages forwards and backwards over the shop's contracts", async () => {
    fiveContracts();
    const first = await list({ first: 2 });
    expect(numbers(first)).toEqual([101, 102]);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = await list({ first: 2, after: first.pageInfo.endCursor });
    expect(numbers(second)).toEqual([103, 104]);
    const last = await list({ first: 2, after: second.pageInfo.endCursor });
    expect(numbers(last)).toEqual([105]);
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(numbers(await list({ last: 2, before: last.pageInfo.startCursor }))).toEqual([103, 104]);
    expect(first.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual(first.nodes.map((node: { id: string }) => node.id));
  });

  it("refuses a list without first or last, as Shopify does", async () => {
    const body = await graphql(`query Unpaged { subscriptionContracts { nodes { id } } }`);
    expect(body.errors).toEqual([expect.objectContaining({ message: "you must provide one of first or last" })]);
  });
});

const CUSTOMERS = `
  query Customers($query: String) {
    customers(first: 10, query: $query) {
      nodes { id displayName email subscriptionContracts(first: 25) { nodes { id } } }
    }
  }
`;
const CUSTOMER = `query Customer($id: ID!) { customer(id: $id) { id firstName lastName displayName email defaultAddress { city } subscriptionContracts(first: 5) { nodes { id } } } }`;
const ORDER = `query Order($id: ID!) { order(id: $id) { id name tags createdAt customer { id } totalPriceSet { shopMoney { amount currencyCode } } } }`;
const TAGS_ADD = `mutation Tag($id: ID!, $tags: [String!]!) { tagsAdd(id: $id, tags: $tags) { node { id } userErrors { field message } } }`;

describe("customers and orders", () => {
  function customers() {
    const ada = state.addCustomer(SHOP, { firstName: "Ada", lastName: "Lovelace", email: "ada@analytical.example" });
    const grace = state.addCustomer(SHOP, { firstName: "Grace", lastName: "Hopper", email: "grace@navy.example" });
    const first = state.addContract(SHOP, { customer: ada.id });
    const second = state.addContract(SHOP, { customer: ada.id });
    state.addContract(SHOP, { customer: grace.id });
    state.addCustomer(OTHER_SHOP, { firstName: "Ada", lastName: "Elsewhere", email: "ada@elsewhere.example" });
    return { ada, grace, contracts: [first.id, second.id] };
  }

  it.each([
    ["ada", ["Ada Lovelace"]],
    ["LOVELACE", ["Ada Lovelace"]],
    ["navy.example", ["Grace Hopper"]],
    ["email:grace@navy.example", ["Grace Hopper"]],
    ["ada OR grace", ["Ada Lovelace", "Grace Hopper"]],
    ["nobody", []],
  ])("finds the shop's customers matching %j by name or email", async (query, names) => {
    customers();
    const nodes = (await data(CUSTOMERS, { query })).customers.nodes;
    expect(nodes.map((node: { displayName: string }) => node.displayName)).toEqual(names);
  });

  it("answers a customer with their contracts, and not another shop's", async () => {
    const { ada, contracts } = customers();
    const [node] = (await data(CUSTOMERS, { query: "ada" })).customers.nodes;
    expect(node.subscriptionContracts.nodes.map((contract: { id: string }) => contract.id)).toEqual(contracts);
    expect((await data(CUSTOMER, { id: ada.id })).customer).toMatchObject({ firstName: "Ada", lastName: "Lovelace", email: "ada@analytical.example", defaultAddress: { city: expect.any(String) } });
    expect((await data(CUSTOMER, { id: ada.id }, OTHER_SHOP)).customer).toBeNull();
  });

  it("answers an order, and adds tags to it once each", async () => {
    const contract = state.addContract(SHOP);
    const orderId = contract.originOrderId!;
    expect((await data(ORDER, { id: orderId })).order).toEqual({ id: orderId, name: "#1001", tags: [], createdAt: day(0), customer: { id: contract.customerId }, totalPriceSet: { shopMoney: { amount: "19.0", currencyCode: "USD" } } });
    for (let i = 0; i < 2; i++) {
      expect((await data(TAGS_ADD, { id: orderId, tags: ["Subscription", " Subscription First Order "] })).tagsAdd).toEqual({ node: { id: orderId }, userErrors: [] });
    }
    expect((await data(ORDER, { id: orderId })).order.tags).toEqual(["Subscription", "Subscription First Order"]);
    expect(state.orders.get(orderId)!.tags).toEqual(["Subscription", "Subscription First Order"]);
  });

  it("refuses to tag an order that does not exist, or another shop's", async () => {
    const theirs = state.addContract(OTHER_SHOP).originOrderId!;
    for (const id of ["gid://shopify/Order/999999", theirs]) {
      expect((await data(TAGS_ADD, { id, tags: ["Subscription"] })).tagsAdd).toEqual({ node: null, userErrors: [{ field: ["id"], message: "Order does not exist" }] });
      expect((await data(ORDER, { id })).order).toBeNull();
    }
    expect(state.orders.get(theirs)!.tags).toEqual([]);
  });
});

describe("webhook payloads", () => {
  it("writes a contract the way subscription_contracts/* webhooks carry it", async () => {
    const contract = state.addContract(SHOP, { billingPolicy: { interval: "WEEK", intervalCount: 4, minCycles: 1, maxCycles: 2 }, deliveryPolicy: { interval: "WEEK", intervalCount: 2 } });
    const number = (gid: string) => Number(gid.split("/").pop());
    expect(contractWebhookPayload(contract)).toEqual({
      admin_graphql_api_id: contract.id,
      id: number(contract.id),
      admin_graphql_api_customer_id: contract.customerId,
      customer_id: number(contract.customerId),
      admin_graphql_api_origin_order_id: contract.originOrderId,
      origin_order_id: number(contract.originOrderId!),
      billing_policy: { interval: "week", interval_count: 4, min_cycles: 1, max_cycles: 2 },
      delivery_policy: { interval: "week", interval_count: 2 },
      currency_code: "USD",
      revision_id: String(contract.revisionId),
      status: "active",
    });
    const before = contractWebhookPayload(contract).revision_id;
    await lifecycle("pause", contract.id);
    expect(contractWebhookPayload(contract)).toMatchObject({ status: "paused", revision_id: expect.not.stringMatching(before) });
    expect(contractWebhookPayload(state.addContract(SHOP, { originOrder: false }))).toMatchObject({ admin_graphql_api_origin_order_id: null, origin_order_id: null });
  });

  it("writes a billing cycle the way subscription_billing_cycles/skip carries it", async () => {
    const contract = state.addContract(SHOP);
    await data(SKIP, { contractId: contract.id, index: 2 });
    expect(billingCycleWebhookPayload(contract, state.cycle(contract.id, 2))).toEqual({
      subscription_contract_id: Number(contract.id.split("/").pop()),
      cycle_index: 2,
      cycle_start_at: day(0),
      cycle_end_at: "2026-12-21T12:00:00.000Z",
      billing_attempt_expected_date: "2026-12-21T12:00:00.000Z",
      skipped: true,
      edited: false,
      contract_edit: null,
    });
  });

  it("writes a billing attempt the way subscription_billing_attempts/* carry it", async () => {
    const contract = state.addContract(SHOP, { cycles: [{ index: 2, expectedDate: day(-1) }], paymentError: "INSUFFICIENT_FUNDS" });
    await billNow(contract.id, { index: 2 });
    const [attempt] = state.takeNewAttempts();
    expect(billingAttemptWebhookPayload(attempt)).toEqual({
      id: null,
      admin_graphql_api_id: attempt.id,
      idempotency_key: attempt.id,
      order_id: null,
      admin_graphql_api_order_id: null,
      subscription_contract_id: Number(contract.id.split("/").pop()),
      admin_graphql_api_subscription_contract_id: contract.id,
      ready: true,
      error_code: "insufficient_funds",
      error_message: "Payment failed",
    });
  });
});

describe("demo contracts (SHOPIFY_SIMULATOR_DEMO)", () => {
  // demo/seed.ts: tracker i is for contract 1001 + i; outcome i % 6 (0, 2 open; 1, 4 recovered; 3 cancelled; 5 paused), failure i % 4, cycle 1 + i % 12.
  const FAILURES = ["CARD_DECLINED", "INSUFFICIENT_FUNDS", "EXPIRED_PAYMENT_METHOD", "INSUFFICIENT_INVENTORY"];
  const OUTCOMES = ["open", "recovered", "open", "cancelled", "recovered", "paused"];
  const DEMO_LIST = `
    query DemoList($after: String) {
      subscriptionContracts(first: 50, after: $after, sortKey: ID) {
        nodes {
          id status lastPaymentStatus lastBillingAttemptErrorType nextBillingDate
          customer { id displayName email }
          billingPolicy { interval intervalCount }
          lines(first: 5) { nodes { title quantity sellingPlanName } }
          customerPaymentMethod(showRevoked: true) { revokedAt instrument { ... on CustomerCreditCard { expiresSoon } } }
          orders(first: 50) { nodes { id } }
        }
        pageInfo { hasNextPage endCursor }
      }
    }
  `;
  type DemoNode = {
    id: string;
    status: string;
    lastPaymentStatus: string | null;
    lastBillingAttemptErrorType: string | null;
    nextBillingDate: string | null;
    customer: { id: string; displayName: string; email: string };
    billingPolicy: { interval: string; intervalCount: number };
    lines: { nodes: Array<{ title: string; quantity: number }> };
    customerPaymentMethod: { revokedAt: string | null; instrument: { expiresSoon: boolean } };
    orders: { nodes: unknown[] };
  };

  async function demoList(shop = SHOP): Promise<{ nodes: DemoNode[]; firstPageHasMore: boolean }> {
    const first = (await data(DEMO_LIST, {}, shop)).subscriptionContracts;
    const second = (await data(DEMO_LIST, { after: first.pageInfo.endCursor }, shop)).subscriptionContracts;
    expect(second.pageInfo.hasNextPage).toBe(false);
    return { nodes: [...first.nodes, ...second.nodes], firstPageHasMore: first.pageInfo.hasNextPage };
  }

  beforeEach(() => {
    state.demoContracts = true;
    simulator.plans.demoGroups = true;
  });
  afterEach(() => {
    state.demoContracts = false;
    simulator.plans.demoGroups = false;
  });

  it("is what AdminApiSimulatorOptions.demoData turns on", () => {
    const demo = new AdminApiSimulator({ apiKey: "key", apiSecret: "secret", demoData: true });
    demo.subscriptions.now = () => NOW;
    expect(demo.subscriptions.contractsOf("demo.myshopify.com")).toHaveLength(53);
    expect(new AdminApiSimulator({ apiKey: "key", apiSecret: "secret" }).subscriptions.contractsOf("demo.myshopify.com")).toEqual([]);
  });

  it("starts every shop with 53 contracts, over a page of 50", async () => {
    const { nodes, firstPageHasMore } = await demoList();
    expect(firstPageHasMore).toBe(true);
    expect(nodes.map((node) => Number(node.id.split("/").pop()))).toEqual(Array.from({ length: 53 }, (_, i) => 1001 + i));
  });

  it("matches each of the demo's dunning trackers: status, last payment and its error type, the failed cycle", async () => {
    const { nodes } = await demoList();
    for (let i = 0; i < 45; i++) {
      const outcome = OUTCOMES[i % 6];
      const failure = FAILURES[i % 4];
      const node = nodes[i];
      const expected = {
        status: { open: "ACTIVE", recovered: "ACTIVE", cancelled: "CANCELLED", paused: "PAUSED" }[outcome],
        lastPaymentStatus: outcome === "recovered" ? "SUCCEEDED" : "FAILED",
        lastBillingAttemptErrorType: outcome === "recovered" ? null : failure === "INSUFFICIENT_INVENTORY" ? "INVENTORY_ERROR" : "PAYMENT_ERROR",
      };
      expect({ status: node.status, lastPaymentStatus: node.lastPaymentStatus, lastBillingAttemptErrorType: node.lastBillingAttemptErrorType }, `contract ${1001 + i}`).toEqual(expected);
      const cycle = state.cycle(node.id, 1 + (i % 12));
      expect(cycle.attempts[0], `contract ${1001 + i}`).toMatchObject({ errorCode: failure, createdAt: day(i - 45) });
      expect(cycle.status).toBe(outcome === "recovered" ? "BILLED" : "UNBILLED");
    }
  });

  it("adds healthy contracts, and leaves no active contract with a past cycle nobody charged", async () => {
    const { nodes } = await demoList();
    for (const node of nodes.slice(45)) expect(node).toMatchObject({ status: "ACTIVE", lastBillingAttemptErrorType: null });
    for (const contract of state.contractsOf(SHOP).filter((candidate) => candidate.status === "ACTIVE")) {
      const forgotten = contract.cycles.filter((cycle) => Date.parse(cycle.expectedDate) < NOW && cycle.attempts.length === 0 && cycle.status === "UNBILLED");
      expect(forgotten, contract.id).toEqual([]);
      expect(Date.parse(nextBillingDateOf(contract))).toBeGreaterThan(0);
    }
  });

  it("varies customers, products, quantities, intervals and cards", async () => {
    const { nodes } = await demoList();
    const customers = new Set(nodes.map((node) => node.customer.id));
    expect(customers.size).toBe(50);
    expect(new Set(nodes.map((node) => node.customer.email)).size).toBe(50);
    expect(new Set(nodes.map((node) => `${node.billingPolicy.interval} ${node.billingPolicy.intervalCount}`))).toEqual(new Set(["WEEK 1", "WEEK 2", "MONTH 1", "MONTH 2"]));
    expect(new Set(nodes.flatMap((node) => node.lines.nodes.map((line) => line.title))).size).toBe(6);
    expect(new Set(nodes.flatMap((node) => node.lines.nodes.map((line) => line.quantity)))).toEqual(new Set([1, 2, 3]));
    expect(nodes.filter((node) => node.lines.nodes.length > 1).length).toBeGreaterThan(5);
    expect(nodes.filter((node) => node.customerPaymentMethod.instrument.expiresSoon).length).toBe(3);
    expect(nodes.filter((node) => node.customerPaymentMethod.revokedAt).map((node) => node.id)).toEqual(["gid://shopify/SubscriptionContract/1003"]);
    expect(nodes.every((node) => node.orders.nodes.length > 0 || node.lastPaymentStatus === "FAILED")).toBe(true);
    // Lines on the demo groups' products carry their plan.
    expect(nodes.flatMap((node) => node.lines.nodes).some((line) => "sellingPlanName" in line && line.sellingPlanName === "Deliver every month, 10% off")).toBe(true);
  });

  it("is deterministic, and gives a second shop its own contracts", async () => {
    const first = JSON.stringify((await demoList()).nodes.map(({ customer, ...node }) => ({ ...node, customer: customer.displayName })));
    simulator.reset();
    const again = JSON.stringify((await demoList()).nodes.map(({ customer, ...node }) => ({ ...node, customer: customer.displayName })));
    expect(again.replace(/"gid:\/\/shopify\/Order\/\d+"/g, "order")).toBe(first.replace(/"gid:\/\/shopify\/Order\/\d+"/g, "order"));
    const other = await demoList(OTHER_SHOP);
    expect(other.nodes).toHaveLength(53);
    expect(other.nodes[0].id).toBe("gid://shopify/SubscriptionContract/2001");
  });
});

function nextBillingDateOf(contract: SimulatedContract): string {
  return contract.cycles.find((cycle) => cycle.status === "UNBILLED" && !cycle.skipped)?.expectedDate ?? "";
}
