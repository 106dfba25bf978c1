import { formatInZone } from "../../app/billing/schedule";
import { trackerStatus } from "../../app/dunning/tracker-status";
import { DEMO_SHOP, expect, keepScreenshot, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

test("the dashboard shows the seeded shop's schedule and dunning counts", async ({ page, openAdmin, db }) => {
  const schedule = await db.billingSchedule.findUniqueOrThrow({ where: { shop: DEMO_SHOP } });
  const trackers = await db.dunningTracker.findMany({ where: { shop: DEMO_SHOP } });
  const count = (status: string) => String(trackers.filter((tracker) => trackerStatus(tracker) === status).length);

  await openAdmin("/app");
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard", exact: true })).toBeVisible();
  await expect(page.locator("#billing-time")).toContainText(`${String(schedule.hour).padStart(2, "0")}:00 shop time (${schedule.timezone})`);
  await expect(page.locator("#next-run")).toContainText(/Next run: \w{3}, \w{3} \d+, \d{4}, \d+:00 [AP]M E[SD]T/);
  await expect(page.locator("#trackers-open")).toHaveText(count("open"));
  await expect(page.locator("#trackers-recovered")).toHaveText(count("recovered"));
  await expect(page.locator("#trackers-failed")).toHaveText(count("failed"));
  await keepScreenshot(page, "dashboard");
});

test("the dashboard shows the last run's outcome and error", async ({ page, openAdmin, db }) => {
  const before = await db.billingSchedule.findUniqueOrThrow({ where: { shop: DEMO_SHOP } });
  try {
    await db.billingSchedule.update({
      where: { shop: DEMO_SHOP },
      data: { lastRunAt: new Date(), lastRunOutcome: "failed", lastRunError: "SubscriptionBillingCycleBulkCharge: Invalid filters" },
    });
    await openAdmin("/app");
    await expect(page.locator("#last-run")).toContainText("Failed");
    await expect(page.locator("#last-run-error")).toHaveText("SubscriptionBillingCycleBulkCharge: Invalid filters");
    await keepScreenshot(page, "dashboard-failed-run");
  } finally {
    await db.billingSchedule.update({
      where: { shop: DEMO_SHOP },
      data: { lastRunAt: before.lastRunAt, lastRunOutcome: before.lastRunOutcome, lastRunError: before.lastRunError },
    });
  }
});

test("the navigation menu moves between pages with the session token", async ({ page, openAdmin }) => {
  await openAdmin("/app");
  await page.getByRole("navigation").getByRole("link", { name: "Dunning" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dunning", exact: true })).toBeVisible();
  await page.getByRole("navigation").getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Settings", exact: true })).toBeVisible();
});

test("settings save and survive a reload", async ({ page, openAdmin, db }) => {
  await openAdmin("/app/settings");
  await page.getByLabel("Billing hour").selectOption("14");
  await page.getByLabel("Time zone").selectOption("Australia/Adelaide");
  await page.getByLabel("Retry attempts", { exact: true }).fill("5");
  await page.getByLabel("Days between retries", { exact: true }).fill("2");
  await page.getByLabel("When retries run out").selectOption("pause");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Settings saved")).toBeVisible();
  await keepScreenshot(page, "settings-saved");

  await page.reload();
  await expect(page.getByLabel("Billing hour")).toHaveValue("14");
  await expect(page.getByLabel("Time zone")).toHaveValue("Australia/Adelaide");
  await expect(page.getByLabel("Retry attempts", { exact: true })).toHaveValue("5");
  await expect(page.getByLabel("Days between retries", { exact: true })).toHaveValue("2");
  await expect(page.getByLabel("When retries run out")).toHaveValue("pause");
  await expect(page.getByLabel("Billing active")).toBeChecked();

  expect(await db.billingSchedule.findUniqueOrThrow({ where: { shop: DEMO_SHOP } })).toMatchObject({
    hour: 14,
    timezone: "Australia/Adelaide",
    active: true,
  });
  expect(await db.dunningSettings.findUniqueOrThrow({ where: { shop: DEMO_SHOP } })).toMatchObject({
    retryAttempts: 5,
    daysBetweenRetryAttempts: 2,
    onFailure: "pause",
  });

  await openAdmin("/app");
  await expect(page.locator("#billing-time")).toContainText("14:00 shop time (Australia/Adelaide)");
  await expect(page.locator("#next-run")).toContainText(/GMT\+(10:30|9:30)/);
});

test("unticking billing active pauses the schedule", async ({ page, openAdmin, db }) => {
  await openAdmin("/app/settings");
  await page.getByLabel("Billing active").uncheck();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Settings saved")).toBeVisible();
  expect(await db.billingSchedule.findUniqueOrThrow({ where: { shop: DEMO_SHOP } })).toMatchObject({ active: false });
  await openAdmin("/app");
  await expect(page.locator("#next-run")).toContainText("none while paused");

  await openAdmin("/app/settings");
  await page.getByLabel("Billing active").check();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Settings saved")).toBeVisible();
  expect(await db.billingSchedule.findUniqueOrThrow({ where: { shop: DEMO_SHOP } })).toMatchObject({ active: true });
});

test("settings show errors at the fields for bad input and save nothing", async ({ page, openAdmin, db }) => {
  const before = await db.dunningSettings.findUniqueOrThrow({ where: { shop: DEMO_SHOP } });
  await openAdmin("/app/settings");
  await page.getByLabel("Retry attempts", { exact: true }).fill("11");
  await page.getByLabel("Days between inventory retries").fill("0");
  await page.getByRole("button", { name: "Save", exact: true }).click();

  await expect(page.getByText("Some settings need fixing")).toBeVisible();
  await expect(page.getByText("Retry attempts must be a whole number from 0 to 10")).toBeVisible();
  await expect(page.getByText("Days between inventory retries must be a whole number from 1 to 14")).toBeVisible();
  // Polaris ties each error to its input.
  await expect(page.getByLabel("Retry attempts", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await keepScreenshot(page, "settings-errors");
  expect(await db.dunningSettings.findUniqueOrThrow({ where: { shop: DEMO_SHOP } })).toEqual(before);
});

test("the dunning table paginates and filters", async ({ page, openAdmin, db }) => {
  const trackers = await db.dunningTracker.findMany({ where: { shop: DEMO_SHOP }, orderBy: { id: "desc" } });
  const label = (contractId: string) => contractId.replace("gid://shopify/SubscriptionContract/", "#");
  const rows = page.locator("tbody tr");

  await openAdmin("/app/dunning");
  await expect(page.getByText(`${trackers.length} trackers`, { exact: true })).toBeVisible();
  await expect(rows).toHaveCount(20);
  await expect(rows.first()).toContainText(label(trackers[0].contractId));
  await expect(page.getByText("Page 1 of 3")).toBeVisible();
  // Open trackers show their next retry in the shop's zone; completed ones none.
  const { timezone } = await db.billingSchedule.findUniqueOrThrow({ where: { shop: DEMO_SHOP } });
  const firstOpen = trackers.findIndex((tracker) => trackerStatus(tracker) === "open");
  await expect(rows.nth(firstOpen).locator("td").nth(4)).toHaveText(formatInZone(trackers[firstOpen].nextAttemptAt!, timezone));
  const firstDone = trackers.findIndex((tracker) => trackerStatus(tracker) !== "open");
  await expect(rows.nth(firstDone).locator("td").nth(4)).toHaveText("—");
  await keepScreenshot(page, "dunning");

  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Page 2 of 3")).toBeVisible();
  await expect(rows.first()).toContainText(label(trackers[20].contractId));
  await page.getByRole("button", { name: "Next" }).click();
  await expect(rows).toHaveCount(trackers.length - 40);

  const open = trackers.filter((tracker) => trackerStatus(tracker) === "open");
  await page.getByLabel("Status").selectOption("open");
  await expect(page.getByText(`${open.length} trackers`, { exact: true })).toBeVisible();
  await expect(page.getByText("Page 1 of 1")).toBeVisible();
  await expect(rows).toHaveCount(open.length);
  for (const badge of await rows.locator(".Polaris-Badge").allTextContents()) expect(badge).toContain("open");

  await page.getByLabel("Status").selectOption("all");
  const target = trackers[7];
  await page.getByLabel("Contract").fill(target.contractId.split("/").pop()!);
  await page.getByLabel("Contract").press("Enter");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(label(target.contractId));
  await keepScreenshot(page, "dunning-filtered");
});
