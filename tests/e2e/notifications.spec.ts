/**
 * Emails in the demo, in Chromium: the Settings page's notifications section
 * saves and shows its errors at the fields, and the demo's seeded emails go
 * out over SMTP to the demo's mail server when the billing tick runs (here
 * through the cron route, since the browser tests turn the timer off), and
 * show on its /__demo/emails page.
 */
import { E2E_CRON_SECRET, E2E_PORT } from "../../playwright.config";
import { DEMO_SHOP, expect, keepScreenshot, test } from "./fixtures";

test("the notifications section saves which emails are sent and where they go", async ({ page, openAdmin, db }) => {
  await openAdmin("/app/settings");
  await page.getByLabel("Order skipped").uncheck();
  await page.getByLabel("Payment not recovered (to you)").uncheck();
  await page.getByLabel("Reply-to address").fill("help@coffee.example");
  await page.getByLabel("Out-of-stock emails").selectOption("weekly");
  await page.getByRole("button", { name: "Save notifications" }).click();
  await expect(page.getByText("Notification settings saved")).toBeVisible();
  await keepScreenshot(page, "settings-notifications");

  expect(await db.notificationSettings.findUniqueOrThrow({ where: { shop: DEMO_SHOP } })).toMatchObject({
    disabledKinds: "order-skipped,merchant-payment-failure",
    replyTo: "help@coffee.example",
    merchantEmail: null,
    inventoryNotices: "weekly",
  });
  // The billing settings were not touched by the other form.
  expect(await db.dunningSettings.findUniqueOrThrow({ where: { shop: DEMO_SHOP } })).toMatchObject({ retryAttempts: expect.any(Number) });

  await page.reload();
  await expect(page.getByLabel("Order skipped")).not.toBeChecked();
  await expect(page.getByLabel("Payment not recovered (to you)")).not.toBeChecked();
  await expect(page.getByLabel("Subscription paused")).toBeChecked();
  await expect(page.getByLabel("Reply-to address")).toHaveValue("help@coffee.example");
  await expect(page.getByLabel("Out-of-stock emails")).toHaveValue("weekly");

  // Back to the defaults for the tests after this one.
  await page.getByLabel("Order skipped").check();
  await page.getByLabel("Payment not recovered (to you)").check();
  await page.getByLabel("Reply-to address").fill("");
  await page.getByLabel("Out-of-stock emails").selectOption("immediately");
  await page.getByRole("button", { name: "Save notifications" }).click();
  await expect(page.getByText("Notification settings saved")).toBeVisible();
  expect(await db.notificationSettings.findUniqueOrThrow({ where: { shop: DEMO_SHOP } })).toMatchObject({ disabledKinds: "", replyTo: null });
});

test("a bad address is shown at its field and nothing is saved", async ({ page, openAdmin, db }) => {
  const before = await db.notificationSettings.findUnique({ where: { shop: DEMO_SHOP } });
  await openAdmin("/app/settings");
  // The browser's own check (type=email) stops "Owner <owner@coffee.example>"; this one reaches the server's.
  await page.getByLabel("Your notification address").fill("owner@localhost");
  await page.getByRole("button", { name: "Save notifications" }).click();
  await expect(page.getByText("Some notification settings need fixing")).toBeVisible();
  await expect(page.getByText("Your notification address must be one email address, like help@yourshop.com")).toBeVisible();
  expect(await db.notificationSettings.findUnique({ where: { shop: DEMO_SHOP } })).toEqual(before);
});

test("the billing tick sends the demo's emails over SMTP, and the demo's mail page shows them", async ({ page, request, db }) => {
  expect(await db.emailOutbox.count({ where: { shop: DEMO_SHOP, status: "pending" } })).toBe(5);
  const tick = await request.get("/api/cron/billing-tick", { headers: { authorization: `Bearer ${E2E_CRON_SECRET}` } });
  expect(tick.status()).toBe(200);
  const { ticks } = (await tick.json()) as { ticks: Array<{ emails: Record<string, number> }> };
  expect(ticks[0].emails).toEqual({ sent: 5 });
  expect(await db.emailOutbox.count({ where: { shop: DEMO_SHOP, status: "sent" } })).toBe(5);

  await page.goto(`http://localhost:${E2E_PORT}/__demo/emails`);
  await expect(page.getByRole("heading", { level: 1, name: "Emails the demo app sent" })).toBeVisible();
  const subjects = page.locator("section.email h2");
  await expect(subjects).toHaveCount(5);
  // The tick sends four at a time, so they arrive in any order.
  expect((await subjects.allTextContents()).sort()).toEqual([
    "Last attempt: the payment for your subscription #1005",
    "Payment not recovered: subscription #1004",
    "We couldn't process the payment for your subscription #1003",
    "Your subscription #1001 with demo-shop",
    "Your subscription #1002 is paused",
  ]);
  // The HTML part, rendered: the confirmation links to the customer's account (the portal).
  const confirmation = page.frameLocator('iframe[title="Your subscription #1001 with demo-shop"]');
  await expect(confirmation.getByRole("link", { name: "Manage your subscription" })).toHaveAttribute("href", /^https:\/\/shopify\.com\/\d+\/account$/);
  await keepScreenshot(page, "demo-emails");
});
