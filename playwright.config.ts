import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";

/**
 * Browser tests against the demo's production build (`npm run demo`), in
 * the machine's Chromium (Debian's package; Playwright's own browser
 * download is not used). The tests talk to the app server directly and
 * stub App Bridge's CDN script inside the browser.
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_APP_PORT = E2E_PORT + 1;
export const E2E_DATABASE_URL = "file:.cache/e2e/demo.sqlite";
export const E2E_CRON_SECRET = "e2e-cron-secret-0123456789abcdef";

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI
    ? [["list"], ["json", { outputFile: ".cache/e2e-results.json" }], ["html", { open: "never", outputFolder: "test-results/e2e-report" }]]
    : "list",
  timeout: 30_000,
  use: {
    baseURL: `http://localhost:${E2E_APP_PORT}`,
    // Shopify's library answers bots (HeadlessChrome included) with 410.
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      // CHROMIUM_PATH, else Debian/Ubuntu's chromium, else Playwright's own (`npx playwright install chromium`).
      executablePath: process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "npm run --silent demo",
    url: `http://127.0.0.1:${E2E_APP_PORT}/healthz`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      DEMO_PORT: String(E2E_PORT),
      DEMO_DATABASE_URL: E2E_DATABASE_URL,
      DEMO_RESET: "1",
      // The pages are checked against the seeded rows; no tick changes them meanwhile
      // (tests/e2e/notifications.spec.ts calls the cron route once to send the seeded emails).
      BILLING_SCHEDULER: "off",
      CRON_SECRET: E2E_CRON_SECRET,
      LOG_LEVEL: "warn",
    },
  },
});
