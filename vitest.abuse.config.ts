import { defineConfig } from "vitest/config";

/**
 * `npm run test:abuse`: the hostile-input suite (tests/abuse/) against the
 * production build over real HTTP. Apart from `npm run test:vitest` because
 * it needs `npm run build` first and starts servers of its own.
 */
export default defineConfig({
  resolve: { alias: { graphql: "graphql/index.js" } },
  test: {
    include: ["tests/abuse/**/*.test.ts"],
    globalSetup: ["tests/setup/global-setup.ts"],
    pool: "forks",
    // The providers' servers run one after the other: two production servers would share 2 cores.
    fileParallelism: false,
    reporters: process.env.CI ? ["default", ["json", { outputFile: ".cache/abuse-results.json" }]] : ["default"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
