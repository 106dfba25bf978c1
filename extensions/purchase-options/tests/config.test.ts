/**
 * The extensions' configuration against what the code and packages say:
 * the purchase-options extension's API version is the one its
 * @shopify/ui-extensions types describe, both targets load a module that
 * exists, its name comes from its locale; the subscription link opens a
 * route the app has.
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const root = new URL("../../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), "utf8");
const tomlString = (toml: string, key: string) => [...toml.matchAll(new RegExp(`^${key}\\s*=\\s*"([^"]*)"`, "gm"))].map((match) => match[1]);

describe("extensions/purchase-options", () => {
  const toml = read("extensions/purchase-options/shopify.extension.toml");
  const extensionPackage = JSON.parse(read("extensions/purchase-options/package.json")) as { dependencies: Record<string, string> };
  const installed = ["extensions/purchase-options/node_modules", "node_modules"]
    .map((folder) => `${folder}/@shopify/ui-extensions/package.json`)
    .find((path) => existsSync(new URL(path, root)));

  it("uses the API version its @shopify/ui-extensions types are for (2026.7.x for 2026-07)", () => {
    const [apiVersion] = tomlString(toml, "api_version");
    const [year, month] = apiVersion.split("-");
    const pinned = extensionPackage.dependencies["@shopify/ui-extensions"];
    expect(pinned).toMatch(new RegExp(`^${year}\\.${Number(month)}\\.\\d+$`));
    expect(installed, "@shopify/ui-extensions is installed (npm install)").toBeDefined();
    expect((JSON.parse(read(installed!)) as { version: string }).version).toBe(pinned);
  });

  it("renders on the product's and the variant's purchase options card, from a module that exists", () => {
    expect(tomlString(toml, "target")).toEqual(["admin.product-purchase-option.action.render", "admin.product-variant-purchase-option.action.render"]);
    for (const module of tomlString(toml, "module")) expect(existsSync(new URL(module, new URL("extensions/purchase-options/", root))), module).toBe(true);
    expect(toml).toMatch(/^\[extensions\.capabilities\]\s*\napi_access = true$/m);
  });

  it("takes its name from its default locale", () => {
    expect(tomlString(toml, "name")).toEqual(["t:name"]);
    expect(JSON.parse(read("extensions/purchase-options/locales/en.default.json")).name).toEqual(expect.any(String));
  });
});

describe("extensions/subscription-link", () => {
  const toml = read("extensions/subscription-link/shopify.extension.toml");

  it("is a subscription link to the app's contract page, by the contract's numeric id", () => {
    expect(tomlString(toml, "type")).toEqual(["subscription_link_extension"]);
    expect(tomlString(toml, "pattern")).toEqual(["/app/contracts/{contract_id}"]);
    const routes = ["app/routes/app.contracts.$id.tsx", "app/routes/app.contracts.$id._index.tsx"];
    expect(routes.some((route) => existsSync(new URL(route, root))), `one of ${routes.join(", ")}`).toBe(true);
  });
});
