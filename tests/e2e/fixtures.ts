import { readFileSync } from "node:fs";
import { test as base, expect, type Page } from "@playwright/test";
import { PrismaClient } from "@prisma/client";
import { resolveDatabase } from "../../app/db/database-url.server";
import { createPrismaClient } from "../../app/db/database.server";
import { embeddedUrl } from "../../demo/session-token";
import { CATALOGUE_PATH, DEMO_CATALOGUE } from "../../simulator/catalogue";
import { DEMO_SHOP } from "../../demo/session-token";
import { E2E_APP_PORT, E2E_DATABASE_URL } from "../../playwright.config";

const APP_BRIDGE_STUB = readFileSync(new URL("../../simulator/app-bridge-stub.js", import.meta.url), "utf8");
// The demo's credentials (demo/run.ts): the tests sign session tokens the way the admin does.
const CREDENTIALS = { shop: DEMO_SHOP, apiKey: "demo-api-key", apiSecret: "demo-api-secret" };

export const test = base.extend<{ openAdmin: (path: string) => Promise<void>; db: PrismaClient }>({
  page: async ({ page }, use) => {
    // Nothing leaves the machine: App Bridge comes from the stub, other CDN files are empty, the rest is refused.
    await page.route(/^https?:\/\/(?!localhost[:/]|127\.0\.0\.1[:/])/, (route) => {
      const url = route.request().url();
      if (url === "https://cdn.shopify.com/shopifycloud/app-bridge.js") {
        return route.fulfill({ contentType: "text/javascript", body: APP_BRIDGE_STUB });
      }
      if (url.startsWith("https://cdn.shopify.com/")) return route.fulfill({ status: 200, body: "" });
      return route.abort();
    });
    // The stub's resource picker reads the catalogue from the app's origin, where the demo proxy serves it;
    // the tests open the app server directly, so it comes from here: the simulator's list, as in the demo.
    await page.route(`**${CATALOGUE_PATH}`, (route) => route.fulfill({ contentType: "application/json", body: JSON.stringify(DEMO_CATALOGUE) }));
    await use(page);
  },
  openAdmin: async ({ page }, use) => {
    await use(async (path: string) => {
      await page.goto(await embeddedUrl(`http://localhost:${E2E_APP_PORT}`, path, CREDENTIALS));
      await waitForApp(page);
    });
  },
  // The demo's database, read directly to check what the pages show and save.
  // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from this pattern
  db: async ({}, use) => {
    const prisma = createPrismaClient(resolveDatabase({ DATABASE_URL: E2E_DATABASE_URL }).runtime, PrismaClient);
    await use(prisma);
    await prisma.$disconnect();
  },
});

/** Waits until React has hydrated the current document (app/root.tsx marks it), so clicks are not lost. */
export async function waitForApp(page: Page): Promise<void> {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/** A full-page screenshot kept with the test's artifacts (test-results/e2e) and attached to the report. */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  const body = await page.screenshot({ fullPage: true, path: `test-results/e2e/screenshots/${name}.png` });
  await test.info().attach(name, { body, contentType: "image/png" });
}

export { expect, DEMO_SHOP };
