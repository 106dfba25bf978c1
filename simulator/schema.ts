/**
 * Shopify's Admin and Customer Account API schemas (the pinned SDL in app/shopify/schema/), made
 * executable: requests are validated against it and answered by executing
 * them, so an answer always has the shape Shopify's would. Root fields the
 * simulator models are answered from the request's root value (see
 * admin-api.ts); every other field gets a deterministic, schema-shaped mock
 * from @graphql-tools/mock. Each is built once per process (about a second).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { addMocksToSchema, createMockStore } from "@graphql-tools/mock";
import { buildSchema, type GraphQLSchema } from "graphql";
import { SCHEMA_FILES, type Api } from "../graphql.config";

export interface SimulatorSchema {
  /** The schema as Shopify publishes it: what requests are validated against. */
  schema: GraphQLSchema;
  /** The same schema with mocks for everything not modelled. */
  executable: GraphQLSchema;
}

// Plain, repeatable values: the mock store would otherwise pick random numbers and booleans.
const SCALAR_MOCKS: Record<string, () => unknown> = {
  String: () => "Simulated",
  Int: () => 1,
  Float: () => 1.5,
  Boolean: () => false,
  ARN: () => "arn:aws:events:us-east-1::event-source/aws.partner/shopify.com/1/simulated",
  BigInt: () => "1",
  Color: () => "#000000",
  Date: () => "2026-01-01",
  DateTime: () => "2026-01-01T00:00:00Z",
  Decimal: () => "10.0",
  FormattedString: () => "Simulated",
  HTML: () => "<p>Simulated</p>",
  JSON: () => ({}),
  Money: () => "10.00",
  StorefrontID: () => "Z2lkOi8vc2hvcGlmeS9TaW11bGF0ZWQvMQ==",
  URL: () => "https://simulated.myshopify.com/",
  UnsignedInt64: () => "1",
  UtcOffset: () => "+00:00",
};

const cached = new Map<Api, SimulatorSchema>();

function loadSchema(api: Api): SimulatorSchema {
  const found = cached.get(api);
  if (found) return found;
  const file = fileURLToPath(new URL(`../${SCHEMA_FILES[api].sdl}`, import.meta.url));
  const schema = buildSchema(readFileSync(file, "utf8"));
  const store = createMockStore({ schema, mocks: SCALAR_MOCKS });
  const loaded = { schema, executable: addMocksToSchema({ schema, store }) };
  cached.set(api, loaded);
  return loaded;
}

/** The Admin API: what the app's server and the admin extensions talk to. */
export function adminSchema(): SimulatorSchema {
  return loadSchema("admin");
}

/** The Customer Account API: what the customer account extensions talk to. */
export function customerSchema(): SimulatorSchema {
  return loadSchema("customer");
}
