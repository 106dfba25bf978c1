/**
 * The plan pages' loaders and actions with the app's own wiring
 * (authenticate.admin, the gateway over the library's client) against the
 * simulator's selling plan groups, validated against Shopify's schema.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { adminFetchRequest, loadApp, type LoadedApp } from "../support/app";

type RouteArgs = { request: Request; params: Record<string, string>; context: object };
type Route = { loader: (args: RouteArgs) => Promise<unknown>; action: (args: RouteArgs) => Promise<unknown> };

let app: LoadedApp;
let list: Route;
let detail: Route;
beforeAll(async () => {
  app = await loadApp();
  list = (await import("../../app/routes/app.plans._index")) as unknown as Route;
  detail = (await import("../../app/routes/app.plans.$id")) as unknown as Route;
});
afterAll(() => app?.close());

const SHOP = "plans.myshopify.com";
const PRODUCT = "gid://shopify/Product/1";

beforeEach(async () => {
  app.simulator.reset();
  await app.prisma.session.deleteMany();
});

/** Runs a route function the way Remix does, returning the Response it returned or threw. */
async function run(fn: (args: RouteArgs) => Promise<unknown>, path: string, params: Record<string, string> = {}, init?: RequestInit): Promise<Response> {
  try {
    const value = await fn({ request: await adminFetchRequest(path, SHOP, undefined, init), params, context: {} });
    return value instanceof Response ? value : Response.json(value);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** Remix's `data()` results are objects with `data` and `init`; plain returns are the data itself. */
async function body(response: Response) {
  const json = (await response.json()) as { data?: unknown; init?: { status?: number } } & Record<string, unknown>;
  return json.init && "data" in json ? { status: json.init.status ?? 200, ...(json.data as object) } : { status: response.status, ...json };
}

const form = (plan: unknown, extra: Record<string, string> = {}) => {
  const fields = new URLSearchParams({ plan: JSON.stringify(plan), ...extra });
  return { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: fields.toString() };
};

const PLAN = {
  name: "Subscribe and save",
  merchantCode: "Coffee",
  discountType: "PERCENTAGE",
  options: [
    { frequency: "2", interval: "WEEK", discount: "10" },
    { frequency: "1", interval: "MONTH", discount: "15" },
  ],
  productIds: [PRODUCT],
  variantIds: [],
};

async function create(plan: unknown = PLAN): Promise<string> {
  const response = await run(detail.action, "/app/plans/new", { id: "new" }, form(plan));
  expect(response.status, JSON.stringify(await response.clone().text())).toBe(302);
  const location = response.headers.get("location")!;
  expect(location).toMatch(/^\/app\/plans\/\d+\?saved=1$/);
  return /plans\/(\d+)/.exec(location)![1];
}

describe("plans", () => {
  it("creates a plan with two delivery options and shows it in the list and the form", async () => {
    const id = await create();
    const rows = (await body(await run(list.loader, "/app/plans"))) as unknown as { rows: Array<{ merchantCode: string; deliveries: string[]; products: number }> };
    expect(rows.rows).toEqual([
      expect.objectContaining({ merchantCode: "Coffee", products: 1, deliveries: ["Deliver every 2 weeks: 10% off", "Deliver every month: 15% off"] }),
    ]);
    const loaded = (await body(await run(detail.loader, `/app/plans/${id}`, { id }))) as unknown as { form: { options: Array<{ id?: string; frequency: number }>; productIds: string[] } };
    expect(loaded.form.options.map((option) => option.frequency)).toEqual([2, 1]);
    expect(loaded.form.options.every((option) => option.id?.startsWith("gid://shopify/SellingPlan/"))).toBe(true);
    expect(loaded.form.productIds).toEqual([PRODUCT]);
  });

  it("lists only the app's own plans, never another app's (App Store 5.4.2)", async () => {
    app.simulator.plans.addGroup(SHOP, { name: "Other app's plan", merchantCode: "Theirs", options: ["Delivery"], ownerAppId: "gid://shopify/App/999", sellingPlansToCreate: [] });
    await create();
    const rows = (await body(await run(list.loader, "/app/plans"))) as unknown as { rows: Array<{ merchantCode: string }> };
    expect(rows.rows.map((row) => row.merchantCode)).toEqual(["Coffee"]);
    const theirs = app.simulator.plans.groupsOf(SHOP).find((group) => group.merchantCode === "Theirs")!;
    const id = theirs.id.split("/").pop()!;
    expect((await run(detail.loader, `/app/plans/${id}`, { id })).status).toBe(404);
  });

  it("shows a refusal from Shopify's own rules at the field: a product that does not exist", async () => {
    const response = await run(detail.action, "/app/plans/new", { id: "new" }, form({ ...PLAN, productIds: ["gid://shopify/Product/987654"] }));
    const result = (await body(response)) as unknown as { status: number; errors: Record<string, string> };
    expect(result.status).toBe(400);
    expect(result.errors.products).toBeTruthy();
    expect(app.simulator.plans.groupsOf(SHOP)).toEqual([]);
  });

  it("refuses an invalid form at its fields and asks Shopify nothing", async () => {
    const response = await run(detail.action, "/app/plans/new", { id: "new" }, form({ ...PLAN, name: "", options: [{ frequency: 0, interval: "WEEK", discount: 200 }] }));
    expect(await body(response)).toMatchObject({ status: 400, errors: { name: "Enter the name buyers see", "options.0.frequency": "Deliver at least every 1" } });
    expect(app.simulator.callsTo("SellingPlanGroupCreate")).toHaveLength(0);
  });

  it("shows Shopify's userErrors at the field they name, and creates nothing", async () => {
    app.simulator.failNext("SellingPlanGroupCreate", { kind: "userErrors", userErrors: [{ field: ["input", "name"], message: "Name is too long", code: "TOO_LONG" }] });
    const response = await run(detail.action, "/app/plans/new", { id: "new" }, form(PLAN));
    expect(await body(response)).toMatchObject({ status: 400, errors: { name: "Name is too long" } });
    expect(((await body(await run(list.loader, "/app/plans"))) as unknown as { rows: unknown[] }).rows).toEqual([]);
  });

  it("edits a plan: updates kept options, adds and deletes others, and removes a product (5.4.11)", async () => {
    const id = await create();
    const loaded = (await body(await run(detail.loader, `/app/plans/${id}`, { id }))) as unknown as { form: { options: Array<{ id: string }> } };
    const [first] = loaded.form.options;
    const edited = { ...PLAN, merchantCode: "Coffee (edited)", options: [{ id: first.id, frequency: "3", interval: "WEEK", discount: "12" }, { frequency: "2", interval: "MONTH", discount: "20" }], productIds: [] };
    const response = await run(detail.action, `/app/plans/${id}`, { id }, form(edited));
    expect(response.status).toBe(302);
    const after = (await body(await run(detail.loader, `/app/plans/${id}`, { id }))) as unknown as { form: { merchantCode: string; options: Array<{ id: string; frequency: number; interval: string; discount: number }>; productIds: string[] } };
    expect(after.form.merchantCode).toBe("Coffee (edited)");
    expect(after.form.options).toEqual([
      expect.objectContaining({ id: first.id, frequency: 3, interval: "WEEK", discount: 12 }),
      expect.objectContaining({ frequency: 2, interval: "MONTH", discount: 20 }),
    ]);
    expect(after.form.productIds).toEqual([]);
  });

  it("deletes a plan from its page, and answers 404 for it afterwards", async () => {
    const id = await create();
    const response = await run(detail.action, `/app/plans/${id}`, { id }, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "intent=delete" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/app/plans?deleted=1");
    expect((await run(detail.loader, `/app/plans/${id}`, { id })).status).toBe(404);
  });

  it("bulk-deletes, reporting each plan that Shopify refused", async () => {
    const a = await create();
    const b = await create({ ...PLAN, merchantCode: "Tea" });
    app.simulator.failNext("SellingPlanGroupDelete", { kind: "userErrors", userErrors: [{ field: ["id"], message: "Group could not be deleted", code: "GROUP_COULD_NOT_BE_DELETED" }] });
    const fields = new URLSearchParams([["id", `gid://shopify/SellingPlanGroup/${a}`], ["id", `gid://shopify/SellingPlanGroup/${b}`], ["id", "not-a-plan"]]);
    const result = (await body(await run(list.action, "/app/plans", {}, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: fields.toString() }))) as unknown as { outcomes: Array<{ id: string; deleted: boolean; message?: string }> };
    expect(result.outcomes).toEqual([
      { id: `gid://shopify/SellingPlanGroup/${a}`, deleted: false, message: "Group could not be deleted" },
      { id: `gid://shopify/SellingPlanGroup/${b}`, deleted: true },
    ]);
  });

  it.each(["abc", "-1", "1.5", "99999999999999999999999"])("answers 404 to a plan id of %j without asking Shopify", async (id) => {
    expect((await run(detail.loader, `/app/plans/${id}`, { id })).status).toBe(404);
    expect(app.simulator.calls.filter((call) => call.operationName === "SellingPlanGroup")).toHaveLength(0);
  });

  it("answers 404 for a plan Shopify does not have", async () => {
    expect((await run(detail.loader, "/app/plans/424242", { id: "424242" })).status).toBe(404);
  });

  it("pages through plans with Shopify's cursors", async () => {
    for (let i = 0; i < 27; i++) await create({ ...PLAN, merchantCode: `Plan ${i}` });
    const first = (await body(await run(list.loader, "/app/plans"))) as unknown as { rows: Array<{ merchantCode: string }>; pageInfo: { hasNextPage: boolean; endCursor: string } };
    expect(first.rows).toHaveLength(25);
    expect(first.rows[0].merchantCode).toBe("Plan 26");
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await body(await run(list.loader, `/app/plans?after=${encodeURIComponent(first.pageInfo.endCursor)}`))) as unknown as { rows: Array<{ merchantCode: string }>; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean } };
    expect(second.rows.map((row) => row.merchantCode)).toEqual(["Plan 1", "Plan 0"]);
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });
});
