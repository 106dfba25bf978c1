import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import graphqlConfig from "../../.graphqlrc";
import { API_VERSION } from "./api-version";

const TOML_PATH = fileURLToPath(new URL("../../shopify.app.toml", import.meta.url));

/**
 * The `api_version` key of the `[webhooks]` table: only lines after the
 * `[webhooks]` header and before the next table header (`[x]` or `[[x]]`) count.
 */
function webhooksApiVersion(toml: string): string | undefined {
  let inWebhooks = false;
  for (const line of toml.split(/\r?\n/)) {
    if (/^\s*\[/.test(line)) {
      inWebhooks = /^\s*\[\s*webhooks\s*\]\s*(#.*)?$/.test(line);
      continue;
    }
    if (!inWebhooks) continue;
    const match = /^\s*api_version\s*=\s*"([^"]*)"\s*(#.*)?$/.exec(line);
    if (match) return match[1];
  }
  return undefined;
}

describe("webhooksApiVersion (the test's own TOML reader)", () => {
  it("reads api_version under [webhooks] only", () => {
    expect(webhooksApiVersion('[webhooks]\n# comment\napi_version = "2026-10"\n')).toBe("2026-10");
    expect(webhooksApiVersion('[build]\napi_version = "2020-01"\n[webhooks]\napi_version = "2026-10"\n')).toBe(
      "2026-10",
    );
    expect(webhooksApiVersion('[webhooks]\n[[webhooks.subscriptions]]\napi_version = "2020-01"\n')).toBeUndefined();
    expect(webhooksApiVersion('[webhooks]\n# api_version = "2020-01"\n')).toBeUndefined();
  });
});

describe("API_VERSION", () => {
  it("matches [webhooks] api_version in shopify.app.toml", () => {
    const tomlVersion = webhooksApiVersion(readFileSync(TOML_PATH, "utf8"));
    expect(tomlVersion, "shopify.app.toml has no api_version under [webhooks]").toBeDefined();
    expect(tomlVersion).toBe(API_VERSION);
  });

  it("is a dated release, not unstable", () => {
    expect(API_VERSION).not.toBe("unstable");
    expect(API_VERSION).toMatch(/^\d{4}-(01|04|07|10)$/);
  });
});

describe("GraphQL tooling", () => {
  it("reads the Admin and Customer Account schemas of API_VERSION, for codegen and editors", () => {
    expect(graphqlConfig.projects.admin.schema).toBe(`app/shopify/schema/admin-${API_VERSION}.graphql`);
    expect(graphqlConfig.projects.customer.schema).toBe(`app/shopify/schema/customer-${API_VERSION}.graphql`);
    expect(existsSync(graphqlConfig.projects.admin.schema)).toBe(true);
  });
});
