/**
 * The customer-facing extensions (the portal page, the order links, the
 * thank-you block) as configured and as Shopify CLI bundles them: each
 * target loads a module that exists, the API version matches the installed
 * @shopify/ui-extensions, the capabilities are the ones the code needs, and
 * each bundle stays under Shopify's 64 KB compressed limit with none of the
 * app's server code in it.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const root = new URL("../../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), "utf8");
const LIMIT = 64 * 1024;
const installed = (JSON.parse(read("node_modules/@shopify/ui-extensions/package.json")) as { version: string }).version;

const EXTENSIONS = [
  { folder: "customer-account-subscriptions", targets: ["customer-account.page.render"], capabilities: ["api_access = true", "network_access = true"] },
  { folder: "customer-account-order-links", targets: ["customer-account.order.action.menu-item.render", "customer-account.order-status.block.render"], capabilities: ["api_access = true"] },
  { folder: "thank-you-subscriptions", targets: ["purchase.thank-you.block.render"], capabilities: [] },
];

describe("shopify.app.toml", () => {
  it("asks for the Customer Account API scopes the portal and the order links use", () => {
    const scopes = /^scopes = "([^"]*)"/m.exec(read("shopify.app.toml"))?.[1].split(",") ?? [];
    expect(scopes).toEqual(expect.arrayContaining(["customer_read_own_subscription_contracts", "customer_write_own_subscription_contracts"]));
  });
});

describe.each(EXTENSIONS)("extensions/$folder", async ({ folder, targets, capabilities }) => {
  const toml = read(`extensions/${folder}/shopify.extension.toml`);
  const modules = [...toml.matchAll(/module = "([^"]+)"\s*\ntarget = "([^"]+)"/g)].map(([, module, target]) => ({ module, target }));

  it("targets what it renders, each from a module that exists", () => {
    expect(modules.map((entry) => entry.target)).toEqual(targets);
    for (const { module } of modules) expect(existsSync(new URL(`extensions/${folder}/${module}`, root)), module).toBe(true);
    expect(toml).toMatch(new RegExp(`^handle = "${folder}"$`, "m"));
    expect(toml).toMatch(/^name = "t:name"$/m);
    expect((JSON.parse(read(`extensions/${folder}/locales/en.default.json`)) as { name?: string }).name).toEqual(expect.any(String));
  });

  it("uses the API version of the installed @shopify/ui-extensions, which its package pins", () => {
    const [, year, month] = /^api_version = "(\d{4})-(\d{2})"$/m.exec(toml) ?? [];
    expect(installed).toMatch(new RegExp(`^${year}\\.${Number(month)}\\.\\d+$`));
    expect((JSON.parse(read(`extensions/${folder}/package.json`)) as { dependencies: Record<string, string> }).dependencies["@shopify/ui-extensions"]).toBe(installed);
  });

  it("asks for the capabilities its code uses, and no others", () => {
    const declared = [...toml.matchAll(/^(\w+_access) = true$/gm)].map((match) => match[0]);
    expect(declared).toEqual(capabilities);
  });

  const bundles = await Promise.all(
    modules.map(({ module }) =>
      build({
        entryPoints: [fileURLToPath(new URL(`extensions/${folder}/${module}`, root))],
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
        // What Shopify CLI writes into the bundle.
        define: { "process.env.APP_URL": JSON.stringify("https://app.example.com") },
      }),
    ),
  );

  it.each(modules.map((entry, index) => ({ ...entry, index })))(`bundles $module under ${LIMIT / 1024} KB compressed, without server code`, ({ index }) => {
    const bundle = bundles[index];
    expect(gzipSync(bundle.outputFiles[0].contents).length).toBeLessThan(LIMIT);
    const inputs = Object.keys(bundle.metafile.inputs);
    expect(inputs.filter((input) => /\.server\.tsx?$|simulator\/|node_modules\/(graphql|msw|zod|@shopify\/shopify-|@remix-run|react\/|react-dom)\//.test(input))).toEqual([]);
  });
});
