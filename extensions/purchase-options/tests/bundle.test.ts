/**
 * The extension as Shopify CLI bundles it (esbuild, minified, one ES module):
 * under Shopify's 64 KB compressed limit for UI extensions (enforced at
 * deploy), and with none of the app's server code pulled in through the
 * shared modules.
 */
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const ENTRY = fileURLToPath(new URL("../src/index.tsx", import.meta.url));
const LIMIT = 64 * 1024;

describe("the extension's bundle", async () => {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    minify: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2020",
    jsx: "automatic",
    jsxImportSource: "preact",
    metafile: true,
    logLevel: "silent",
  });
  const inputs = Object.keys(result.metafile.inputs);

  it(`stays under ${LIMIT / 1024} KB compressed`, () => {
    const compressed = gzipSync(result.outputFiles[0].contents).length;
    expect(compressed).toBeLessThan(LIMIT);
  });

  it("holds the shared plan modules and documents, and nothing server-side", () => {
    expect(inputs).toEqual(expect.arrayContaining(["app/plans/plan-form.ts", "app/plans/plan-display.ts", "app/plans/graphql/SellingPlanGroupCreateMutation.ts"].map((file) => expect.stringContaining(file))));
    expect(inputs.filter((input) => /\.server\.tsx?$|node_modules\/(graphql|msw|@shopify\/shopify-|@remix-run|react\/|react-dom)\//.test(input))).toEqual([]);
  });
});
