/**
 * The contract pages' loaders and actions with the app's own wiring
 * (authenticate.admin, the gateway over the library's client, the real
 * SQLite database) against the simulator's contracts, validated against
 * Shopify's schema. The same modules on PostgreSQL: tests/integration/contracts.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { adminFetchRequest, loadApp, sessionToken, type LoadedApp } from "../support/app";

type RouteArgs = { request: Request; params: Record<string, string>; context: object };
type Route = { loader: (args: RouteArgs) => Promise<unknown>; action: (args: RouteArgs) => Promise<unknown> };

let app: LoadedApp;
let list: Route;
let detail: Route;
let edit: Route;
let attempt: Route;
beforeAll(async () => {
  app = await loadApp();
  list = (await import("../../app/routes/app.contracts._index")) as unknown as Route;
  detail = (await import("../../app/routes/app.contracts.$id._index")) as unknown as Route;
  edit = (await import("../../app/routes/app.contracts.$id.edit")) as unknown as Route;
  attempt = (await import("../../app/routes/app.contracts.$id.attempt")) as unknown as Route;
});
afterAll(() => app?.close());

const SHOP = "contracts.myshopify.com";
const OTHER_SHOP = "other.myshopify.com";
const STAFF = "4242";

beforeEach(async () => {
  app.simulator.reset();
  await app.prisma.session.deleteMany();
  await app.prisma.contractActivity.deleteMany();
  await app.prisma.dunningTracker.deleteMany();
});

/** Runs a route function the way Remix does, returning the Response it returned or threw. */
async function run(fn: (args: RouteArgs) => Promise<unknown>, path: string, params: Record<string, string> = {}, init?: RequestInit): Promise<Response> {
  try {
    const token = await sessionToken(SHOP, { sub: STAFF });
    const value = await fn({ request: await adminFetchRequest(path, SHOP, token, init), params, context: {} });
    return value instanceof Response ? value : Response.json(value);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** Remix's `data()` results are objects with `data` and `init`; plain returns are the data itself. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- loader data is read loosely in tests
async function body(response: Response): Promise<any> {
  const json = (await response.json()) as { data?: unknown; init?: { status?: number } } & Record<string, unknown>;
  return json.init && "data" in json ? { status: json.init.status ?? 200, ...(json.data as object) } : { status: response.status, ...json };
}

const post = (fields: Record<string, string | string[]>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const item of [value].flat()) search.append(key, item);
  return { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: search.toString() };
};

const numeric = (gid: string) => gid.slice(gid.lastIndexOf("/") + 1);
const act = async (contractId: string, fields: Record<string, string>) => body(await run(detail.action, `/app/contracts/${numeric(contractId)}`, { id: numeric(contractId) }, post(fields)));
const activity = (contractId: string) => app.prisma.contractActivity.findMany({ where: { shop: SHOP, contractId }, orderBy: { id: "asc" } });

describe("contracts list", () => {
  it("lists the shop's contracts with customer, products, price, delivery and next billing date; never another shop's", async () => {
    const mine = app.simulator.subscriptions.addContract(SHOP, {
      customer: { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" },
      lines: [{ variantId: "gid://shopify/ProductVariant/2", quantity: 2, currentPrice: "43.20" }],
      billingPolicy: { interval: "WEEK", intervalCount: 2 },
    });
    app.simulator.subscriptions.addContract(OTHER_SHOP);
    const page = await body(await run(list.loader, "/app/contracts"));
    expect(page.rows).toEqual([
      expect.objectContaining({
        id: mine.id,
        status: "ACTIVE",
        customer: "Ada Lovelace",
        products: "House Blend Coffee (1 kg) × 2",
        price: "86.40",
        delivery: { interval: "WEEK", intervalCount: 2 },
        paymentFailed: false,
      }),
    ]);
    expect(page.rows[0].nextBillingDate).toEqual(expect.any(String));
  });

  it.each([
    ["active", ["ACTIVE"]],
    ["paused", ["PAUSED"]],
    ["cancelled", ["CANCELLED", "EXPIRED"]],
    ["failed", ["FAILED"]],
  ])("the %s tab lists only those statuses", async (tab, statuses) => {
    app.simulator.subscriptions.addContracts(SHOP, ["ACTIVE", "PAUSED", "CANCELLED", "EXPIRED", "FAILED"]);
    const page = await body(await run(list.loader, `/app/contracts?tab=${tab}`));
    expect(page.rows.map((row: { status: string }) => row.status).sort()).toEqual([...statuses].sort());
  });

  it("the dunning tab lists contracts with an open tracker, not recovered ones", async () => {
    const [open, recovered] = app.simulator.subscriptions.addContracts(SHOP, 3);
    await app.prisma.dunningTracker.createMany({
      data: [
        { shop: SHOP, contractId: open.id, billingCycleIndex: 2, failureReason: "CARD_DECLINED" },
        { shop: SHOP, contractId: recovered.id, billingCycleIndex: 2, failureReason: "CARD_DECLINED", completedAt: new Date(), completedReason: "PAYMENT_SUCCEEDED" },
      ],
    });
    const page = await body(await run(list.loader, "/app/contracts?tab=dunning"));
    expect(page.rows.map((row: { id: string }) => row.id)).toEqual([open.id]);
  });

  it("finds contracts by customer name or email", async () => {
    const ada = app.simulator.subscriptions.addContract(SHOP, { customer: { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" } });
    app.simulator.subscriptions.addContract(SHOP, { customer: { firstName: "Grace", lastName: "Hopper", email: "grace@example.com" } });
    for (const q of ["lovelace", "ada@example.com"]) {
      const page = await body(await run(list.loader, `/app/contracts?q=${encodeURIComponent(q)}`));
      expect(page.rows.map((row: { id: string }) => row.id), q).toEqual([ada.id]);
    }
    expect((await body(await run(list.loader, "/app/contracts?q=nobody"))).rows).toEqual([]);
  });

  it("pages with Shopify's cursors, 25 at a time", async () => {
    app.simulator.subscriptions.addContracts(SHOP, 30);
    const first = await body(await run(list.loader, "/app/contracts"));
    expect(first.rows).toHaveLength(25);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = await body(await run(list.loader, `/app/contracts?after=${encodeURIComponent(first.pageInfo.endCursor)}`));
    expect(second.rows).toHaveLength(5);
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const ids = new Set([...first.rows, ...second.rows].map((row: { id: string }) => row.id));
    expect(ids.size).toBe(30);
  });
});

describe("contract page", () => {
  it("shows lines, price, delivery, payment method, upcoming cycles, orders with admin links, dunning and activity", async () => {
    const contract = app.simulator.subscriptions.addContract(SHOP, {
      customer: { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" },
      paymentMethod: { brand: "visa", lastDigits: "4242", expiryMonth: 8, expiryYear: 2031 },
    });
    await app.prisma.dunningTracker.create({ data: { shop: SHOP, contractId: contract.id, billingCycleIndex: 2, failureReason: "CARD_DECLINED" } });
    const page = await body(await run(detail.loader, `/app/contracts/${numeric(contract.id)}`, { id: numeric(contract.id) }));
    expect(page.contract).toMatchObject({ id: contract.id, status: "ACTIVE", customer: { displayName: "Ada Lovelace", defaultEmailAddress: { emailAddress: "ada@example.com" } } });
    expect(page.contract.lines.nodes).toHaveLength(1);
    expect(page.contract.customerPaymentMethod).toMatchObject({ revokedAt: null, instrument: { __typename: "CustomerCreditCard", brand: "visa", lastDigits: "4242", expiryMonth: 8, expiryYear: 2031 } });
    expect(page.contract.deliveryMethod.__typename).toBe("SubscriptionDeliveryMethodShipping");
    expect(page.contract.originOrder.id).toMatch(/^gid:\/\/shopify\/Order\/\d+$/);
    expect(page.contract.orders.nodes.length).toBeGreaterThan(0);
    expect(page.cycles.length).toBeGreaterThan(0);
    expect(page.cycles.every((cycle: { billingAttemptExpectedDate: string }) => Date.parse(cycle.billingAttemptExpectedDate) >= Date.now() - 1000)).toBe(true);
    expect(page.trackers).toEqual([expect.objectContaining({ billingCycleIndex: 2, status: "open" })]);
  });

  it.each([
    ["a malformed id", "abc"],
    ["an unknown contract", "999999"],
  ])("answers 404 for %s", async (_name, id) => {
    expect((await run(detail.loader, `/app/contracts/${id}`, { id })).status).toBe(404);
  });

  it("answers 404 for another shop's contract, and acts on nothing", async () => {
    const theirs = app.simulator.subscriptions.addContract(OTHER_SHOP);
    expect((await run(detail.loader, `/app/contracts/${numeric(theirs.id)}`, { id: numeric(theirs.id) })).status).toBe(404);
    expect((await act(theirs.id, { intent: "cancel" })).status).toBe(404);
    expect(app.simulator.subscriptions.contract(theirs.id).status).toBe("ACTIVE");
    expect(await app.prisma.contractActivity.count()).toBe(0);
  });
});

describe("contract actions", () => {
  it("pauses, resumes and cancels as the merchant, recording who did it", async () => {
    const contract = app.simulator.subscriptions.addContract(SHOP);
    expect(await act(contract.id, { intent: "pause" })).toMatchObject({ status: 200, ok: true, message: "Contract paused" });
    expect(app.simulator.subscriptions.contract(contract.id).status).toBe("PAUSED");
    expect(await act(contract.id, { intent: "resume" })).toMatchObject({ ok: true, message: "Contract resumed" });
    expect(app.simulator.subscriptions.contract(contract.id).status).toBe("ACTIVE");
    expect(await act(contract.id, { intent: "cancel" })).toMatchObject({ ok: true, message: "Contract cancelled" });
    expect(app.simulator.subscriptions.contract(contract.id).status).toBe("CANCELLED");
    // `actor: MERCHANT` went to Shopify on the mutations that take it.
    expect(app.simulator.callsTo("ContractPause")[0].variables).toEqual({ id: contract.id });
    const history = app.simulator.subscriptions.contract(contract.id).history;
    expect(history.filter((event) => ["pause", "cancel"].includes(event.action)).map((event) => event.actor)).toEqual(["MERCHANT", "MERCHANT"]);
    expect((await activity(contract.id)).map(({ actor, staffUserId, action, outcome }) => ({ actor, staffUserId, action, outcome }))).toEqual([
      { actor: "merchant", staffUserId: STAFF, action: "pause", outcome: "succeeded" },
      { actor: "merchant", staffUserId: STAFF, action: "resume", outcome: "succeeded" },
      { actor: "merchant", staffUserId: STAFF, action: "cancel", outcome: "succeeded" },
    ]);
  });

  it("refuses to act on a contract that is already cancelled, without asking Shopify to change it", async () => {
    const contract = app.simulator.subscriptions.addContract(SHOP, { status: "CANCELLED" });
    for (const intent of ["pause", "resume", "cancel", "bill", "skip"]) {
      const result = await act(contract.id, { intent, cycleIndex: "2" });
      expect(result, intent).toMatchObject({ status: 409, ok: false, message: expect.stringMatching(/cancelled: it cannot change/) });
    }
    expect(app.simulator.calls.filter((call) => /^(ContractPause|ContractResume|ContractCancel|ContractBillNow|BillingCycleSkip)$/.test(call.operationName))).toEqual([]);
    expect((await activity(contract.id)).every((row) => row.outcome === "failed")).toBe(true);
  });

  it("shows Shopify's refusal (userErrors) as a 422 and records it", async () => {
    const contract = app.simulator.subscriptions.addContract(SHOP);
    app.simulator.failNext("ContractPause", { kind: "userErrors", userErrors: [{ field: null, message: "Contract is under review", code: "INVALID" }] });
    expect(await act(contract.id, { intent: "pause" })).toMatchObject({ status: 422, ok: false, message: "Contract is under review" });
    expect(app.simulator.subscriptions.contract(contract.id).status).toBe("ACTIVE");
    expect(await activity(contract.id)).toEqual([expect.objectContaining({ action: "pause", outcome: "failed", detail: "Contract is under review" })]);
  });

  it("answers 503 when Shopify cannot be reached, and the contract is unchanged", async () => {
    const contract = app.simulator.subscriptions.addContract(SHOP);
    app.simulator.failNext("ContractCancel", { kind: "http", status: 503 }, 5);
    expect(await act(contract.id, { intent: "cancel" })).toMatchObject({ status: 503, ok: false });
    expect(app.simulator.subscriptions.contract(contract.id).status).toBe("ACTIVE");
  });

  it("skips and unskips an upcoming cycle, and refuses a billed one", async () => {
    const contract = app.simulator.subscriptions.addContract(SHOP);
    const page = await body(await run(detail.loader, `/app/contracts/${numeric(contract.id)}`, { id: numeric(contract.id) }));
    const next = page.cycles[0].cycleIndex as number;
    expect(await act(contract.id, { intent: "skip", cycleIndex: String(next) })).toMatchObject({ ok: true, message: "Billing cycle skipped" });
    expect(app.simulator.subscriptions.cycle(contract.id, next).skipped).toBe(true);
    expect(await act(contract.id, { intent: "skip", cycleIndex: String(next) })).toMatchObject({ status: 409, message: expect.stringMatching(/already skipped/) });
    expect(await act(contract.id, { intent: "unskip", cycleIndex: String(next) })).toMatchObject({ ok: true, message: "Billing cycle unskipped" });
    expect(app.simulator.subscriptions.cycle(contract.id, next).skipped).toBe(false);
    // Cycle 1 is the origin order, billed at checkout.
    expect(await act(contract.id, { intent: "skip", cycleIndex: "1" })).toMatchObject({ status: 409, message: expect.stringMatching(/already been billed/) });
    expect(await act(contract.id, { intent: "skip" })).toMatchObject({ status: 409, message: "Choose a billing cycle." });
  });

  it("bills a cycle now and reports the attempt's outcome by polling; a billed cycle is not charged again", async () => {
    const contract = app.simulator.subscriptions.addContract(SHOP, { pendingReads: 1 });
    const page = await body(await run(detail.loader, `/app/contracts/${numeric(contract.id)}`, { id: numeric(contract.id) }));
    const next = String(page.cycles[0].cycleIndex);
    const started = await act(contract.id, { intent: "bill", cycleIndex: next });
    expect(started).toMatchObject({ status: 200, ok: true, message: "Billing started", attemptId: expect.stringMatching(/^gid:\/\/shopify\/SubscriptionBillingAttempt\//) });
    expect(app.simulator.callsTo("ContractBillNow")).toHaveLength(1);
    const poll = async () =>
      body(await run(attempt.loader, `/app/contracts/${numeric(contract.id)}/attempt?id=${encodeURIComponent(started.attemptId)}`, { id: numeric(contract.id) }));
    expect((await poll()).outcome).toEqual({ state: "pending" });
    expect((await poll()).outcome).toEqual({ state: "succeeded", order: { id: expect.stringMatching(/Order/), name: expect.stringMatching(/^#\d+$/) } });

    expect(await act(contract.id, { intent: "bill", cycleIndex: next })).toMatchObject({ status: 409, message: expect.stringMatching(/already been billed/) });
    expect(app.simulator.callsTo("ContractBillNow")).toHaveLength(1);
  });

  it("polls only attempts of this contract", async () => {
    const [one, two] = app.simulator.subscriptions.addContracts(SHOP, 2);
    const page = await body(await run(detail.loader, `/app/contracts/${numeric(one.id)}`, { id: numeric(one.id) }));
    const started = await act(one.id, { intent: "bill", cycleIndex: String(page.cycles[0].cycleIndex) });
    const response = await run(attempt.loader, `/app/contracts/${numeric(two.id)}/attempt?id=${encodeURIComponent(started.attemptId)}`, { id: numeric(two.id) });
    expect((await body(response)).status).toBe(404);
    expect((await body(await run(attempt.loader, `/app/contracts/${numeric(one.id)}/attempt?id=nonsense`, { id: numeric(one.id) }))).status).toBe(400);
  });

  it("sends the payment-method update email, and refuses for a revoked method", async () => {
    const contract = app.simulator.subscriptions.addContract(SHOP);
    expect(await act(contract.id, { intent: "payment-email" })).toMatchObject({ ok: true, message: "Payment method update email sent" });
    expect(app.simulator.subscriptions.sentUpdateEmails).toEqual([expect.objectContaining({ shop: SHOP, paymentMethodId: contract.paymentMethodId })]);

    const revoked = app.simulator.subscriptions.addContract(SHOP, { paymentMethod: { revoked: true } });
    expect(await act(revoked.id, { intent: "payment-email" })).toMatchObject({ status: 409, ok: false, message: expect.stringMatching(/revoked/) });
    expect(app.simulator.callsTo("PaymentMethodUpdateEmail")).toHaveLength(1);
  });

  it("answers 400 to an unknown intent", async () => {
    const contract = app.simulator.subscriptions.addContract(SHOP);
    expect((await act(contract.id, { intent: "explode" })).status).toBe(400);
    expect(await app.prisma.contractActivity.count()).toBe(0);
  });
});

describe("bulk actions", () => {
  it("pauses the selected contracts and reports each one's outcome, one refusing", async () => {
    const [a, b, cancelled] = app.simulator.subscriptions.addContracts(SHOP, ["ACTIVE", "ACTIVE", "CANCELLED"]);
    const result = await body(await run(list.action, "/app/contracts", {}, post({ bulk: "pause", id: [a.id, b.id, cancelled.id] })));
    expect(result.outcomes).toEqual([
      { id: a.id, ok: true, message: "Contract paused" },
      { id: b.id, ok: true, message: "Contract paused" },
      { id: cancelled.id, ok: false, message: expect.stringMatching(/cancelled/) },
    ]);
    expect([a, b, cancelled].map((contract) => app.simulator.subscriptions.contract(contract.id).status)).toEqual(["PAUSED", "PAUSED", "CANCELLED"]);
  });

  it("refuses a bulk request without an action or contracts", async () => {
    expect((await body(await run(list.action, "/app/contracts", {}, post({ bulk: "explode", id: "gid://shopify/SubscriptionContract/1" })))).status).toBe(400);
    expect((await body(await run(list.action, "/app/contracts", {}, post({ bulk: "pause", id: "1; drop table" })))).status).toBe(400);
  });
});

describe("contract edit (draft workflow)", () => {
  type Added = { variantId: string; quantity: number; price: string };
  const editForm = (lines: Array<{ id: string; quantity: number | string; price: string; remove?: boolean }>, interval = "MONTH", intervalCount = "1", added: Added[] = []) => {
    const fields: Record<string, string> = { interval, intervalCount };
    lines.forEach((line, index) => {
      fields[`lines[${index}].id`] = line.id;
      fields[`lines[${index}].quantity`] = String(line.quantity);
      fields[`lines[${index}].price`] = line.price;
      if (line.remove) fields[`lines[${index}].remove`] = "true";
    });
    added.forEach((line, index) => {
      fields[`added[${index}].variantId`] = line.variantId;
      fields[`added[${index}].quantity`] = String(line.quantity);
      fields[`added[${index}].price`] = line.price;
    });
    return post(fields);
  };
  const save = (contractId: string, init: RequestInit) => run(edit.action, `/app/contracts/${numeric(contractId)}/edit`, { id: numeric(contractId) }, init);

  it("changes a line's quantity and the frequency through a committed draft", async () => {
    const contract = app.simulator.subscriptions.addContract(SHOP, { lines: [{ quantity: 1, currentPrice: "14.00" }] });
    const line = contract.lines[0];
    const response = await save(contract.id, editForm([{ id: line.id, quantity: 3, price: "12.00" }], "WEEK", "2"));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/app/contracts/${numeric(contract.id)}?edited=1`);
    const after = app.simulator.subscriptions.contract(contract.id);
    expect(after.lines[0].quantity).toBe(3);
    expect(Number(after.lines[0].currentPrice)).toBe(12);
    expect(after.billingPolicy).toMatchObject({ interval: "WEEK", intervalCount: 2 });
    expect(after.deliveryPolicy).toMatchObject({ interval: "WEEK", intervalCount: 2 });
    expect(app.simulator.callsTo("DraftCommit")).toHaveLength(1);
    expect(await activity(contract.id)).toEqual([expect.objectContaining({ action: "edit", outcome: "succeeded", detail: expect.stringMatching(/quantity 1 → 3.*price 14.00 → 12.00.*frequency 1 MONTH → 2 WEEK/) })]);
  });

  it("removes a line and adds a product through one committed draft", async () => {
    const contract = app.simulator.subscriptions.addContract(SHOP, {
      lines: [
        { variantId: "gid://shopify/ProductVariant/1", quantity: 1 },
        { variantId: "gid://shopify/ProductVariant/7", quantity: 2 },
      ],
    });
    const [coffee, tea] = contract.lines;
    const response = await save(
      contract.id,
      editForm([{ ...coffee, price: coffee.currentPrice, remove: true }, { ...tea, price: tea.currentPrice }], "MONTH", "1", [{ variantId: "gid://shopify/ProductVariant/9", quantity: 3, price: "10.00" }]),
    );
    expect(response.status).toBe(302);
    const after = app.simulator.subscriptions.contract(contract.id);
    expect(after.lines.map((line) => [line.variantId, line.quantity, Number(line.currentPrice)])).toEqual([
      ["gid://shopify/ProductVariant/7", 2, Number(tea.currentPrice)],
      ["gid://shopify/ProductVariant/9", 3, 10],
    ]);
    expect(app.simulator.callsTo("DraftCommit")).toHaveLength(1);
    expect(await activity(contract.id)).toEqual([
      expect.objectContaining({ action: "edit", outcome: "succeeded", detail: "removed House Blend Coffee (250 g) × 1; added Sencha Green Tea × 3 at 10.00" }),
    ]);
  });

  it("refuses to add a variant the contract already has, before asking Shopify", async () => {
    const contract = app.simulator.subscriptions.addContract(SHOP, { lines: [{ variantId: "gid://shopify/ProductVariant/7", quantity: 1 }] });
    const [line] = contract.lines;
    const result = await body(await save(contract.id, editForm([{ ...line, price: line.currentPrice }], "MONTH", "1", [{ variantId: "gid://shopify/ProductVariant/7", quantity: 1, price: "9.50" }])));
    expect(result).toMatchObject({ status: 422, errors: { "added[0].variantId": expect.stringMatching(/Already in the contract/) } });
    expect(app.simulator.callsTo("ContractDraftCreate")).toHaveLength(0);
  });

  it("shows Shopify's refusal of an added product at its row and commits nothing", async () => {
    const contract = app.simulator.subscriptions.addContract(SHOP, { lines: [{ variantId: "gid://shopify/ProductVariant/1", quantity: 1 }] });
    const [line] = contract.lines;
    // A variant deleted from the store since the picker listed it: the simulator answers as Shopify does.
    const result = await body(
      await save(contract.id, editForm([{ ...line, price: line.currentPrice, remove: true }], "MONTH", "1", [{ variantId: "gid://shopify/ProductVariant/404", quantity: 1, price: "5.00" }])),
    );
    expect(result).toMatchObject({ status: 422, errors: { "added[0].variantId": "Product variant does not exist" } });
    expect(app.simulator.callsTo("DraftCommit")).toHaveLength(0);
    expect(app.simulator.subscriptions.contract(contract.id).lines.map((candidate) => candidate.id)).toEqual([line.id]);
  });

  it("refuses to remove every product (cancel instead)", async () => {
    const contract = app.simulator.subscriptions.addContract(SHOP);
    const [line] = contract.lines;
    const result = await body(await save(contract.id, editForm([{ ...line, price: line.currentPrice, remove: true }])));
    expect(result).toMatchObject({ status: 400, errors: { lines: expect.stringMatching(/cancel the contract instead/) } });
    expect(app.simulator.callsTo("ContractDraftCreate")).toHaveLength(0);
  });

  it("shows form errors at the fields without calling Shopify", async () => {
    const contract = app.simulator.subscriptions.addContract(SHOP);
    const result = await body(await save(contract.id, editForm([{ id: contract.lines[0].id, quantity: 0, price: "abc" }])));
    expect(result).toMatchObject({ status: 400, errors: { "lines[0].quantity": expect.any(String), "lines[0].price": expect.any(String) } });
    expect(app.simulator.callsTo("ContractDraftCreate")).toHaveLength(0);
  });

  it("a refused line update is shown at its field and nothing is committed", async () => {
    const contract = app.simulator.subscriptions.addContract(SHOP, { lines: [{ quantity: 1 }] });
    app.simulator.failNext("DraftLineUpdate", { kind: "userErrors", userErrors: [{ field: ["input", "quantity"], message: "Quantity is too large for stock", code: "INVALID" }] });
    const result = await body(await save(contract.id, editForm([{ id: contract.lines[0].id, quantity: 5, price: contract.lines[0].currentPrice }])));
    expect(result).toMatchObject({ status: 422, errors: { "lines[0].quantity": "Quantity is too large for stock" } });
    expect(app.simulator.callsTo("DraftCommit")).toHaveLength(0);
    expect(app.simulator.subscriptions.contract(contract.id).lines[0].quantity).toBe(1);
  });

  it("a failed commit (the contract changed meanwhile) leaves the contract as it was, and the next edit starts afresh", async () => {
    const contract = app.simulator.subscriptions.addContract(SHOP, { lines: [{ quantity: 1 }] });
    const line = contract.lines[0];
    app.simulator.failNext("DraftCommit", { kind: "userErrors", userErrors: [{ field: null, message: "Contract is stale", code: "STALE_CONTRACT" }] });
    const result = await body(await save(contract.id, editForm([{ id: line.id, quantity: 4, price: line.currentPrice }])));
    expect(result).toMatchObject({ status: 422, errors: { form: expect.stringMatching(/changed while you edited/) } });
    expect(app.simulator.subscriptions.contract(contract.id).lines[0].quantity).toBe(1);
    expect(await activity(contract.id)).toEqual([expect.objectContaining({ action: "edit", outcome: "failed" })]);

    // The refused draft stays uncommitted (the Admin API has no discard); the next edit opens its own.
    const [abandoned] = app.simulator.subscriptions.openDrafts(contract.id);
    expect((await save(contract.id, editForm([{ id: line.id, quantity: 2, price: line.currentPrice }]))).status).toBe(302);
    expect(app.simulator.subscriptions.contract(contract.id).lines[0].quantity).toBe(2);
    const drafts = app.simulator.callsTo("DraftCommit").map((call) => call.variables.draftId);
    expect(drafts).toHaveLength(2);
    expect(drafts[1]).not.toBe(abandoned.id);
  });

  it("refuses to edit a cancelled contract", async () => {
    const contract = app.simulator.subscriptions.addContract(SHOP, { status: "CANCELLED" });
    const result = await body(await save(contract.id, editForm([{ id: contract.lines[0].id, quantity: 2, price: contract.lines[0].currentPrice }])));
    expect(result).toMatchObject({ status: 409, errors: { form: expect.stringMatching(/cancelled/) } });
    expect(app.simulator.callsTo("ContractDraftCreate")).toHaveLength(0);
  });
});
