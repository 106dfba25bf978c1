/**
 * Where the GraphQL schemas and documents are, for the codegen script
 * (scripts/graphql-codegen.ts), the validation test and editors (.graphqlrc.ts
 * re-exports the projects). One API version for everything: app/shopify/api-version.ts.
 */
import { API_VERSION } from "./app/shopify/api-version";

/** The npm package whose tarball carries Shopify's introspection schemas (scripts/shopify-schemas.ts). */
export const SCHEMA_PACKAGE = "@shopify/dev-mcp@1.16.0";

export const SCHEMA_FILES = {
  admin: { introspection: `dist/data/admin_${API_VERSION}.json.gz`, sdl: `app/shopify/schema/admin-${API_VERSION}.graphql` },
  customer: { introspection: `dist/data/customer_${API_VERSION}.json.gz`, sdl: `app/shopify/schema/customer-${API_VERSION}.graphql` },
} as const;

export type Api = keyof typeof SCHEMA_FILES;

export interface GraphqlProject {
  schema: string;
  /** Files whose `#graphql` strings are this API's operations, with types generated for them. */
  documents: string[];
  /** Files also validated against the schema (test and simulator documents), without generated types. */
  checkedOnly: string[];
  exclude: string[];
  /** The generated types: operation results and variables, and the map that types the gateway. */
  generated: string;
}

// Customer Account API documents live in customer account extensions; everything else talks to the Admin API.
const CUSTOMER_DOCUMENTS = ["extensions/customer-account-*/src/**/*.{ts,tsx}"];

export const GRAPHQL_PROJECTS: Record<Api, GraphqlProject> = {
  admin: {
    schema: SCHEMA_FILES.admin.sdl,
    documents: ["app/**/*.{ts,tsx}", "extensions/*/src/**/*.{ts,tsx}"],
    checkedOnly: ["simulator/**/*.ts", "tests/**/*.ts", "bench/**/*.ts", "demo/**/*.ts"],
    exclude: [...CUSTOMER_DOCUMENTS, "**/*.generated.d.ts", "**/node_modules/**"],
    generated: "app/shopify/generated/admin.generated.d.ts",
  },
  customer: {
    schema: SCHEMA_FILES.customer.sdl,
    documents: CUSTOMER_DOCUMENTS,
    checkedOnly: [],
    exclude: ["**/*.generated.d.ts", "**/node_modules/**"],
    generated: "app/shopify/generated/customer.generated.d.ts",
  },
};
