/**
 * The fast tier, `npm run test:unit`: the pure tests, with no database, no
 * Admin API simulator and no network, so no global setup (which generates the
 * per-provider Prisma clients and probes the database servers).
 *
 * The rule that picks them survives files moving between feature folders:
 * every *.test.ts under app/, and next to an extension's code
 * (extensions/<name>/src/), is a unit test. A test that needs a database, the
 * simulator or the network belongs under tests/ (an extension's, under
 * extensions/<name>/tests/; tests/setup/unit-isolation.ts fails one that
 * tries to connect). `npm run test:vitest` still runs these
 * with everything else (vitest.config.ts).
 */
import { defineConfig } from "vitest/config";
import full from "./vitest.config";

export default defineConfig({
  ...full,
  test: {
    ...full.test,
    include: ["app/**/*.test.ts", "extensions/*/src/**/*.test.ts"],
    globalSetup: [],
    setupFiles: ["tests/setup/unit-isolation.ts"],
    // Pure tests need no fresh process per file: reusing the workers halves the run.
    isolate: false,
    // The CI's JSON results file belongs to the full run.
    reporters: ["default"],
  },
});
