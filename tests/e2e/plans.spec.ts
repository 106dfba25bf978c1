import { expect, keepScreenshot, test, waitForApp } from "./fixtures";

test.describe.configure({ mode: "serial" });

test("create a plan with two delivery options and a discount, picking variants in the resource picker", async ({ page, openAdmin }) => {
  await openAdmin("/app/plans");
  await expect(page.getByRole("heading", { level: 1, name: "Subscription plans" })).toBeVisible();
  await keepScreenshot(page, "plans");
  await page.getByRole("link", { name: "Create plan" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Create plan" })).toBeVisible();

  await page.getByLabel("Name buyers see").fill("Subscribe and save");
  await page.getByLabel("Internal name").fill("E2E coffee");
  await page.getByLabel("Deliver every (option 1)").fill("2");
  await page.getByLabel("Interval").first().selectOption("WEEK");
  await page.getByLabel("Discount").first().fill("10");
  await page.getByRole("button", { name: "Add delivery option" }).click();
  await page.getByLabel("Deliver every (option 2)").fill("1");
  await page.getByLabel("Interval").nth(1).selectOption("MONTH");
  await page.getByLabel("Discount").nth(1).fill("15");

  await page.getByRole("button", { name: "Choose products" }).click();
  const picker = page.getByRole("dialog", { name: "Select products" });
  await expect(picker).toBeVisible();
  await picker.getByLabel("House Blend Coffee").check();
  await picker.getByRole("group", { name: "Ethiopia Yirgacheffe" }).getByLabel("250 g").check();
  await keepScreenshot(page, "plan-resource-picker");
  await picker.getByRole("button", { name: "Select" }).click();
  await expect(picker).toBeHidden();

  await expect(page.getByText("All variants")).toBeVisible();
  await expect(page.getByText("Ethiopia Yirgacheffe")).toBeVisible();
  await expect(page.getByText("Deliver every 2 weeks: 10% off")).toBeVisible();
  await expect(page.getByText("Deliver every month: 15% off")).toBeVisible();
  await page.getByRole("button", { name: "Save plan" }).click();
  await expect(page.getByText("Plan saved")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "E2E coffee" })).toBeVisible();
  await keepScreenshot(page, "plan-saved");

  await openAdmin("/app/plans");
  const row = page.getByRole("row", { name: /E2E coffee/ });
  await expect(row).toContainText("1 product, 1 variant");
  await expect(row).toContainText("Deliver every 2 weeks: 10% off");
  await expect(row).toContainText("Deliver every month: 15% off");
});

test("edit a plan: change a discount and remove a product", async ({ page, openAdmin }) => {
  await openAdmin("/app/plans");
  await page.getByRole("link", { name: "E2E coffee" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "E2E coffee" })).toBeVisible();
  await page.getByLabel("Discount").first().fill("12");
  await page.getByRole("button", { name: "Remove House Blend Coffee" }).click();
  await page.getByRole("button", { name: "Save plan" }).click();
  await expect(page.getByText("Plan saved")).toBeVisible();
  // Opened again as the admin opens it (a plain reload would lose the admin's session token).
  await openAdmin(new URL(page.url()).pathname);
  await expect(page.getByLabel("Discount").first()).toHaveValue("12");
  await expect(page.getByText("House Blend Coffee")).toHaveCount(0);
  await expect(page.getByText("Deliver every 2 weeks: 12% off")).toBeVisible();
});

test("a plan form with mistakes shows them at the fields and saves nothing", async ({ page, openAdmin }) => {
  await openAdmin("/app/plans/new");
  await page.getByLabel("Internal name").fill("");
  await page.getByLabel("Discount").first().fill("150");
  await page.getByRole("button", { name: "Save plan" }).click();
  await expect(page.getByText("The plan was not saved")).toBeVisible();
  await expect(page.getByText("Enter an internal name")).toBeVisible();
  await expect(page.getByText("A percentage can be at most 100")).toBeVisible();
  await keepScreenshot(page, "plan-errors");
});

test("delete a plan after confirming", async ({ page, openAdmin }) => {
  await openAdmin("/app/plans");
  await page.getByRole("link", { name: "E2E coffee" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "E2E coffee" })).toBeVisible();
  await waitForApp(page);
  await page.getByRole("button", { name: "Delete plan" }).click();
  await expect(page.getByText("Delete this plan?")).toBeVisible();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByText("Plan deleted")).toBeVisible();
  await expect(page.getByRole("row", { name: /E2E coffee/ })).toHaveCount(0);
});

test("bulk-delete plans from the list after confirming", async ({ page, openAdmin }) => {
  await openAdmin("/app/plans");
  const rows = page.getByRole("row", { name: /Coffee club, monthly|Coffee subscription/ });
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) await row.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Delete plans" }).click();
  await expect(page.getByText("Delete 2 plans?")).toBeVisible();
  await keepScreenshot(page, "plans-bulk-delete");
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByText("2 plans deleted")).toBeVisible();
  await expect(rows).toHaveCount(0);
});
