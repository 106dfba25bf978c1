import { API_VERSION } from "./app/shopify/api-version";

/**
 * GraphQL tooling (editor validation and completion, graphql-codegen): the
 * Admin API schema of the app's one API version, and the app's documents.
 */
export const ADMIN_SCHEMA_URL = `https://shopify.dev/admin-graphql-direct-proxy/${API_VERSION}`;

export default {
  schema: ADMIN_SCHEMA_URL,
  documents: ["app/graphql/**/*.ts"],
};
