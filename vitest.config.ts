import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // One copy of graphql: Vite would load its ES module build for our code while Node loads the
    // CommonJS one for dependencies (@graphql-tools/*), and graphql refuses a schema "from another realm".
    alias: { graphql: "graphql/index.js" },
  },
  test: {
    include: ["app/**/*.test.ts", "prisma/**/*.test.ts", "simulator/**/*.test.ts", "tests/**/*.test.ts", "extensions/**/*.test.{ts,tsx}"],
    // The hostile-input suite runs against the production build: npm run test:abuse.
    exclude: ["tests/abuse/**", "**/node_modules/**"],
    globalSetup: ["tests/setup/global-setup.ts"],
    pool: "forks",
    // .ci/run sums these results with the browser tests'.
    reporters: process.env.CI ? ["default", ["json", { outputFile: ".cache/vitest-results.json" }]] : ["default"],
    restoreMocks: true,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
