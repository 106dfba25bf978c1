/**
 * The missing-scopes path: a shop whose session lacks a scope the app needs
 * (installed before the app asked for it) is sent to Shopify's grant screen by
 * the app's layout, instead of meeting access errors on a page.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { adminDocumentRequest, adminFetchRequest, API_KEY, loadApp, TEST_SCOPES, type LoadedApp } from "../support/app";

type Loader = (args: { request: Request; params: object; context: object }) => Promise<unknown>;
let app: LoadedApp;
let layout: Loader;
beforeAll(async () => {
  app = await loadApp();
  layout = ((await import("../../app/routes/app")) as { loader: Loader }).loader;
});
afterAll(() => app?.close());

const SHOP = "scopes.myshopify.com";
const OLD_SCOPES = TEST_SCOPES.replace("write_products,", "");

beforeEach(async () => {
  app.simulator.reset();
  await app.prisma.session.deleteMany();
});

async function outcome(request: Request): Promise<Response | "ok"> {
  try {
    await layout({ request, params: {}, context: {} });
    return "ok";
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** A shop that installed before the app asked for write_products. */
async function installedWithOldScopes() {
  app.simulator.setShop(SHOP, { scopes: OLD_SCOPES });
  await app.shopify.authenticate.admin(await adminDocumentRequest("/app", SHOP));
  expect((await app.prisma.session.findUniqueOrThrow({ where: { id: `offline_${SHOP}` } })).scope).toBe(OLD_SCOPES);
}

describe("the app's layout", () => {
  it("lets a shop with every required scope through without asking Shopify about scopes", async () => {
    await app.shopify.authenticate.admin(await adminDocumentRequest("/app", SHOP));
    expect(await outcome(await adminFetchRequest("/app", SHOP))).toBe("ok");
    expect(app.simulator.callsTo("FetchAccessScopes")).toHaveLength(0);
  });

  it("sends a fetch from a shop lacking write_products to the grant screen (401 with App Bridge's reauthorize URL)", async () => {
    await installedWithOldScopes();
    const response = await outcome(await adminFetchRequest("/app/plans", SHOP));
    expect(response).toBeInstanceOf(Response);
    const reauthorize = new URL((response as Response).headers.get("X-Shopify-API-Request-Failure-Reauthorize-Url")!);
    expect((response as Response).status).toBe(401);
    expect(reauthorize.origin + reauthorize.pathname).toBe(`https://${SHOP}/admin/oauth/install`);
    expect(reauthorize.searchParams.get("client_id")).toBe(API_KEY);
    expect(reauthorize.searchParams.get("optional_scopes")).toBe("write_products");
    // Shopify was asked first: the stored scope could be stale.
    expect(app.simulator.callsTo("FetchAccessScopes")).toHaveLength(1);
  });

  it("answers a document load lacking a scope the same way (the library's App Bridge reauthorize header)", async () => {
    await installedWithOldScopes();
    const response = (await outcome(await adminDocumentRequest("/app/plans", SHOP))) as Response;
    expect(response.status).toBe(401);
    const reauthorize = new URL(response.headers.get("X-Shopify-API-Request-Failure-Reauthorize-Url")!);
    expect(reauthorize.origin + reauthorize.pathname).toBe(`https://${SHOP}/admin/oauth/install`);
    expect(reauthorize.searchParams.get("optional_scopes")).toBe("write_products");
  });

  it("lets the shop through when Shopify says the scope was granted meanwhile (a stale session)", async () => {
    await installedWithOldScopes();
    app.simulator.setShop(SHOP, { scopes: TEST_SCOPES });
    expect(await outcome(await adminFetchRequest("/app", SHOP))).toBe("ok");
  });
});
