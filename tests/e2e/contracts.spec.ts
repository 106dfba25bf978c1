import { expect, keepScreenshot, test } from "./fixtures";

// The demo's contracts (simulator/subscriptions.ts demo data): 1046 and later have no dunning history.
test.describe.configure({ mode: "serial" });

test("the contracts list: tabs, search, a contract in dunning", async ({ page, openAdmin }) => {
  await openAdmin("/app/contracts");
  await expect(page.getByRole("heading", { level: 1, name: "Subscription contracts" })).toBeVisible();
  await expect(page.getByRole("row")).toHaveCount(26); // 25 contracts and the header: the list pages
  await keepScreenshot(page, "contracts");
  await page.getByRole("tab", { name: "In dunning" }).click();
  await expect(page.getByRole("row", { name: /Payment failed/ }).first()).toBeVisible();
  await keepScreenshot(page, "contracts-in-dunning");
  await page.getByRole("tab", { name: "Paused" }).click();
  const paused = page.getByRole("row").filter({ hasText: "Paused" });
  await expect(paused.first()).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Active" })).toHaveCount(0);
});

test("a contract: skip and unskip a cycle, pause and resume, bill now, send the update email", async ({ page, openAdmin, db }) => {
  await openAdmin("/app/contracts/1047");
  await expect(page.getByRole("heading", { level: 1, name: "Contract #1047" })).toBeVisible();
  await expect(page.getByRole("link", { name: /^#\d+$/ }).first()).toHaveAttribute("href", /^shopify:admin\/orders\/\d+$/);
  await keepScreenshot(page, "contract");

  const skip = page.getByRole("button", { name: /^Skip cycle \d+$/ }).first();
  const cycle = (await skip.textContent())!.replace("Skip cycle ", "");
  await skip.click();
  await expect(page.getByRole("heading", { name: "Billing cycle skipped" })).toBeVisible();
  await page.getByRole("button", { name: `Unskip cycle ${cycle}` }).click();
  await expect(page.getByRole("heading", { name: "Billing cycle unskipped" })).toBeVisible();
  await expect(page.getByRole("button", { name: `Skip cycle ${cycle}` })).toBeVisible();

  await page.getByRole("button", { name: "Pause", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Contract paused" })).toBeVisible();
  await expect(page.getByText("Paused", { exact: true }).first()).toBeVisible();
  await page.getByRole("button", { name: "Resume", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Contract resumed" })).toBeVisible();

  await page.getByRole("button", { name: /^Bill now/ }).click();
  await expect(page.getByRole("heading", { name: "Billing started" })).toBeVisible();
  // The page polls the attempt until Shopify (the simulator) settles it, then shows the order.
  await expect(page.getByRole("heading", { name: /^Payment succeeded: order #\d+$/ })).toBeVisible();
  await keepScreenshot(page, "contract-billed");

  await page.getByRole("button", { name: "Send update link to customer" }).click();
  await expect(page.getByRole("heading", { name: "Payment method update email sent" })).toBeVisible();

  const actions = await db.contractActivity.findMany({ where: { contractId: "gid://shopify/SubscriptionContract/1047", actor: "merchant" }, orderBy: { id: "asc" } });
  expect(actions.map((row) => `${row.action}:${row.outcome}`)).toEqual(["skip:succeeded", "unskip:succeeded", "pause:succeeded", "resume:succeeded", "bill:succeeded", "payment-email:succeeded"]);
  await expect(page.getByRole("row", { name: /payment-email/ })).toBeVisible();
});

test("edit a contract: a line's quantity, add a product with the resource picker, then remove it", async ({ page, openAdmin }) => {
  await openAdmin("/app/contracts/1048/edit");
  await expect(page.getByRole("heading", { level: 1, name: "Edit contract #1048" })).toBeVisible();
  const quantity = page.getByLabel("Quantity").first();
  const before = Number(await quantity.inputValue());
  await quantity.fill(String(before + 2));

  await page.getByRole("button", { name: "Add products" }).click();
  const picker = page.getByRole("dialog", { name: "Add variants" });
  await picker.getByRole("group", { name: "Masala Chai" }).getByLabel("100 g").check();
  await picker.getByRole("button", { name: "Add" }).click();
  await expect(picker).toBeHidden();
  await expect(page.getByText("Masala Chai (100 g) (new)")).toBeVisible();
  await page.getByLabel("Quantity").last().fill("2");
  await keepScreenshot(page, "contract-edit");
  await page.getByRole("button", { name: "Save", exact: true }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Contract #1048" })).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(`^.+ ${before + 2} `) }).first()).toBeVisible();
  await expect(page.getByRole("row", { name: /^Masala Chai \(100 g\) 2 / })).toBeVisible();
  await expect(page.getByRole("row", { name: /edit .*quantity.*added Masala Chai \(100 g\) × 2 at 10\.50/ })).toBeVisible();

  await openAdmin("/app/contracts/1048/edit");
  await page.getByRole("button", { name: "Remove Masala Chai (100 g)" }).click();
  await expect(page.getByText("removed when you save")).toBeVisible();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Contract #1048" })).toBeVisible();
  await expect(page.getByRole("row", { name: /^Masala Chai \(100 g\)/ })).toHaveCount(0);
  await expect(page.getByRole("row", { name: /removed Masala Chai \(100 g\) × 2/ })).toBeVisible();
});

test("bulk-pause two contracts", async ({ page, openAdmin }) => {
  await openAdmin("/app/contracts?tab=active");
  const rows = page.getByRole("row").filter({ has: page.getByRole("checkbox") }).filter({ hasText: /#\d+/ });
  const chosen = [rows.nth(0), rows.nth(1)];
  const numbers: string[] = [];
  for (const row of chosen) {
    numbers.push(/#(\d+)/.exec((await row.textContent())!)![1]);
    await row.getByRole("checkbox").check();
  }
  await page.getByRole("button", { name: "Pause contracts" }).click();
  await expect(page.getByRole("heading", { name: "Pause 2 contracts?" })).toBeVisible();
  await keepScreenshot(page, "contracts-bulk-pause");
  await page.getByRole("button", { name: "Pause 2 contracts" }).click();
  await expect(page.getByRole("heading", { name: "2 contracts paused" })).toBeVisible();
  for (const number of numbers) {
    await openAdmin(`/app/contracts/${number}`);
    await expect(page.getByRole("heading", { level: 1, name: `Contract #${number}` })).toBeVisible();
    await expect(page.getByRole("button", { name: "Resume", exact: true })).toBeVisible();
  }
});
