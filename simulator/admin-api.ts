/**
 * A local stand-in for Shopify at its HTTP edge: the Admin GraphQL API and
 * the OAuth token endpoint (token exchange and refresh). It never touches app
 * code; `simulator/node.ts` installs its handlers with MSW so every `fetch`
 * to `https://<shop>/admin/...` lands here.
 *
 * GraphQL requests are validated against Shopify's pinned schema and
 * answered by executing them (simulator/schema.ts): a document Shopify would
 * reject gets the GraphQL errors Shopify answers with, and every answer has
 * the schema's shape. Root fields the simulator models (`onQuery`,
 * `onMutation`; contracts and billing in subscriptions.ts, products and
 * selling plan groups in plans.ts) answer from its state; anything else gets
 * schema-shaped mock data. An answer that breaks the schema (a resolver bug)
 * is recorded in `faults`, and `close()` fails on it.
 *
 * Tests read `calls` to assert what the app asked, and script failures with
 * `failNext`. The demo and the browser tests run the same simulator inside the
 * app server through `simulator/register.ts`.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { appendFileSync } from "node:fs";
import {
  execute,
  getNamedType,
  GraphQLError,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from "graphql";
import { delay, http, HttpResponse, type RequestHandler } from "msw";
import { PlansState } from "./plans";
import { CustomerAccountApi } from "./customer-api";
import { adminSchema, customerSchema, type SimulatorSchema } from "./schema";
import { SubscriptionsState } from "./subscriptions";

export interface SimulatedShop {
  domain: string;
  name: string;
  ianaTimezone: string;
  currencyCode: string;
  /** The access scopes the shop granted the app: token exchange returns them, `app.installation` lists them. */
  scopes: string;
  /** `shop.contactEmail` and `shop.email`; `owner@<domain>` when not set. */
  contactEmail?: string;
}

/** Where a simulated shop's customer accounts live: `https://shopify.com/<number>/account`, the number stable per domain. */
export function customerAccountsUrl(domain: string): string {
  let hash = 0;
  for (const char of domain) hash = (hash * 31 + char.charCodeAt(0)) % 1_000_000_007;
  return `https://shopify.com/${60_000_000_000 + hash}/account`;
}

export interface UserError {
  field?: string[] | null;
  message: string;
  code?: string;
}

/** What the simulator does instead of answering the next call of an operation. */
export type ScriptedFailure =
  /** 200 with the mutation's payload carrying these userErrors. */
  | { kind: "userErrors"; userErrors: UserError[] }
  /** 200 with a top-level THROTTLED error, as Shopify's cost limiter answers. */
  | { kind: "throttled" }
  /** A bare HTTP status, e.g. 429 (rate limited) or 500 / 502 / 503. */
  | { kind: "http"; status: number }
  /** No answer: the connection fails (the caller sees a network error). */
  | { kind: "network" };

export interface RecordedCall {
  /** Shop domain the request was addressed to. */
  shop: string;
  /** "graphql" for Admin API calls, "customer" for Customer Account API calls, "oauth" for the token endpoint. */
  api: "graphql" | "customer" | "oauth";
  apiVersion: string | null;
  /** GraphQL operation name, or the OAuth grant ("token-exchange", "refresh"). */
  operationName: string;
  variables: Record<string, unknown>;
  /** "ok", the scripted failure that answered instead, or "invalid" for a document the schema rejects. */
  outcome: "ok" | ScriptedFailure["kind"] | "unauthorized" | "invalid";
  at: string;
}

export interface ResolverContext {
  shop: SimulatedShop;
  simulator: AdminApiSimulator;
  /** The signed-in customer, on Customer Account API calls (whose data is the customer's own). */
  customerId?: string;
}

/**
 * Answers one root field (e.g. `subscriptionContract`) from its arguments,
 * as the plain data Shopify would return; fields left out are mocked, so a
 * resolver returns what it models and nothing more. Throw
 * `ShopifyGraphqlError` for a top-level error Shopify would give.
 */
export type FieldResolver = (args: Record<string, unknown>, context: ResolverContext) => unknown;

/** A deliberate top-level GraphQL error, as Shopify reports e.g. ACCESS_DENIED; not a simulator fault. */
export class ShopifyGraphqlError extends GraphQLError {
  constructor(message: string, code: string) {
    super(message, { extensions: { code } });
  }
}

export interface AdminApiSimulatorOptions {
  /** The app's API key and secret: token exchange checks the session token and client credentials against them. */
  apiKey: string;
  apiSecret: string;
  /** Time zone of shops not configured with `setShop`. */
  defaultTimezone?: string;
  /** Appends every call as a JSON line, so tests can read calls made in other processes. */
  journalPath?: string;
  /** Scopes granted by token exchange. */
  scopes?: string;
  /** Added to every GraphQL answer, to stand for Shopify's network and processing time. */
  latencyMs?: number;
  /** Every shop starts with the demo plan groups and demo contracts as well as the demo catalogue (the demo sets it). */
  demoData?: boolean;
}

/** What token exchange grants when the options name no scopes: what the app's features need. */
const DEFAULT_SCOPES = "write_products,read_purchase_options,write_purchase_options,read_own_subscription_contracts,write_own_subscription_contracts,read_customer_payment_methods,write_customers,write_orders";

const ADMIN_GRAPHQL = "https://:shop/admin/api/:version/graphql.json";
/** The Customer Account API of the shop whose customer accounts are at `https://shopify.com/<number>/account`. */
const CUSTOMER_GRAPHQL = "https://shopify.com/:shopNumber/account/customer/api/:version/graphql";

type Resolvers = { query: Map<string, FieldResolver>; mutation: Map<string, FieldResolver> };

/** One of Shopify's GraphQL APIs as the simulator answers it: its schema and the root fields it models. */
interface GraphqlApi {
  name: "graphql" | "customer";
  schema: () => SimulatorSchema;
  resolvers: Resolvers;
}
const ACCESS_TOKEN = "https://:shop/admin/oauth/access_token";

export class AdminApiSimulator {
  readonly calls: RecordedCall[] = [];
  /** Contracts with their customers, orders, billing cycles, attempts and drafts, and the operations on them. */
  readonly subscriptions: SubscriptionsState;
  /** Products, variants and selling plan groups, and the operations on them. */
  readonly plans: PlansState;
  private readonly shops = new Map<string, SimulatedShop>();
  /** Answers that broke the schema (resolver bugs), with the operation they answered. */
  readonly faults: Array<{ operationName: string; message: string; path?: ReadonlyArray<string | number> }> = [];
  private readonly failures = new Map<string, ScriptedFailure[]>();
  private readonly admin: GraphqlApi = { name: "graphql", schema: adminSchema, resolvers: { query: new Map(), mutation: new Map() } };
  private readonly customerApi: GraphqlApi = { name: "customer", schema: customerSchema, resolvers: { query: new Map(), mutation: new Map() } };
  /** The Customer Account API (customer account extensions): the signed-in customer's contracts and orders, and their self-service mutations. */
  readonly customerAccount: CustomerAccountApi;

  constructor(private readonly options: AdminApiSimulatorOptions) {
    this.onQuery("shop", (_args, { shop }) => ({
      name: shop.name,
      myshopifyDomain: shop.domain,
      ianaTimezone: shop.ianaTimezone,
      currencyCode: shop.currencyCode,
      contactEmail: shop.contactEmail ?? `owner@${shop.domain}`,
      email: shop.contactEmail ?? `owner@${shop.domain}`,
      // New customer accounts, at the address Shopify hosts them on (the emails' portal link).
      customerAccountsV2: {
        customerAccountsVersion: "NEW_CUSTOMER_ACCOUNTS",
        loginLinksVisibleOnStorefrontAndCheckout: true,
        loginRequiredAtCheckout: false,
        url: customerAccountsUrl(shop.domain),
      },
    }));
    // The calling app and what the shop granted it (what `scopes.query()` / `scopes.request()` read).
    this.onQuery("app", (_args, { shop }) => {
      const handles = (list: string) => list.split(",").filter(Boolean).map((handle) => ({ handle: handle.trim() }));
      return { installation: { accessScopes: handles(shop.scopes) }, requestedAccessScopes: handles(this.options.scopes ?? DEFAULT_SCOPES), optionalAccessScopes: [] };
    });
    this.subscriptions = new SubscriptionsState({ demoContracts: options.demoData ?? false });
    this.subscriptions.install(this);
    this.plans = new PlansState({ demoGroups: options.demoData ?? false });
    this.plans.install(this);
    this.customerAccount = new CustomerAccountApi(this.subscriptions);
    this.customerAccount.install(this);
  }

  /** Answer the Admin API's query root field `field` with `resolver` (replacing any earlier one). */
  onQuery(field: string, resolver: FieldResolver): this {
    return this.onRoot("query", field, resolver);
  }

  /** Answer the mutation `field` with `resolver` (replacing any earlier one). */
  onMutation(field: string, resolver: FieldResolver): this {
    return this.onRoot("mutation", field, resolver);
  }

  /** Answer the Customer Account API's query root field `field` with `resolver`; the context names the signed-in customer. */
  onCustomerQuery(field: string, resolver: FieldResolver): this {
    return this.onRoot("query", field, resolver, this.customerApi);
  }

  /** Answer the Customer Account API's mutation `field` with `resolver`. */
  onCustomerMutation(field: string, resolver: FieldResolver): this {
    return this.onRoot("mutation", field, resolver, this.customerApi);
  }

  private onRoot(root: "query" | "mutation", field: string, resolver: FieldResolver, api: GraphqlApi = this.admin): this {
    const { schema } = api.schema();
    const type = root === "query" ? schema.getQueryType() : schema.getMutationType();
    if (!type?.getFields()[field]) throw new Error(`The ${api.name === "customer" ? "Customer Account" : "Admin"} API schema has no ${root} field ${field}`);
    api.resolvers[root].set(field, resolver);
    return this;
  }

  /** Configure a shop; unknown shops get defaults on first use. */
  setShop(domain: string, shop: Partial<Omit<SimulatedShop, "domain">>): SimulatedShop {
    const next = { ...this.shop(domain), ...shop };
    this.shops.set(domain, next);
    return next;
  }

  shop(domain: string): SimulatedShop {
    return (
      this.shops.get(domain) ?? {
        domain,
        name: domain.replace(/\.myshopify\.com$/, ""),
        ianaTimezone: this.options.defaultTimezone ?? "America/Toronto",
        currencyCode: "USD",
        scopes: this.options.scopes ?? DEFAULT_SCOPES,
      }
    );
  }

  /** The next `times` calls of `operationName` (a GraphQL operation, or "token-exchange") answer with `failure`. */
  failNext(operationName: string, failure: ScriptedFailure, times = 1): this {
    const queue = this.failures.get(operationName) ?? [];
    for (let i = 0; i < times; i++) queue.push(failure);
    this.failures.set(operationName, queue);
    return this;
  }

  callsTo(operationName: string): RecordedCall[] {
    return this.calls.filter((call) => call.operationName === operationName);
  }

  /** Forget calls, faults, scripted failures, shops, contracts, catalogues and plan groups (resolvers stay). */
  reset(): void {
    this.calls.length = 0;
    this.faults.length = 0;
    this.failures.clear();
    this.shops.clear();
    this.subscriptions.reset();
    this.plans.reset();
    this.customerAccount.reset();
  }

  get handlers(): RequestHandler[] {
    return [
      http.post(ACCESS_TOKEN, ({ request, params }) => this.handleAccessToken(request, String(params.shop))),
      http.post(ADMIN_GRAPHQL, ({ request, params }) => {
        const token = request.headers.get("x-shopify-access-token");
        return this.handleGraphql(request, this.admin, { shopDomain: String(params.shop), apiVersion: String(params.version), authorized: Boolean(token) });
      }),
      http.post(CUSTOMER_GRAPHQL, ({ request, params }) => {
        // A customer access token, as Shopify's customer account extensions and the Customer Account API client send it.
        const signedIn = this.customerAccount.signedIn(request.headers.get("authorization") ?? "", String(params.shopNumber));
        return this.handleGraphql(request, this.customerApi, {
          shopDomain: signedIn?.shop ?? `unknown shop ${String(params.shopNumber)}`,
          apiVersion: String(params.version),
          authorized: Boolean(signedIn),
          customerId: signedIn?.customerId,
        });
      }),
      // Anything else addressed to Shopify fails loudly instead of reaching the internet.
      http.all(/^https:\/\/[^/]*(myshopify\.com|shopify\.com)\//, ({ request }) =>
        HttpResponse.json(
          { errors: `The Admin API simulator does not implement ${request.method} ${new URL(request.url).pathname}` },
          { status: 501 },
        ),
      ),
    ];
  }

  private record(call: Omit<RecordedCall, "at">): void {
    const entry = { ...call, at: new Date().toISOString() };
    this.calls.push(entry);
    if (this.options.journalPath) appendFileSync(this.options.journalPath, `${JSON.stringify(entry)}\n`);
  }

  private takeFailure(operationName: string): ScriptedFailure | undefined {
    return this.failures.get(operationName)?.shift();
  }

  private async handleGraphql(
    request: Request,
    api: GraphqlApi,
    { shopDomain, apiVersion, authorized, customerId }: { shopDomain: string; apiVersion: string; authorized: boolean; customerId?: string },
  ): Promise<Response> {
    const body = (await request.json()) as { query?: string; variables?: Record<string, unknown> };
    const variables = body.variables ?? {};
    if (this.options.latencyMs) await delay(this.options.latencyMs);
    const checked = checkDocument(body.query ?? "", api.schema().schema);
    if ("parseError" in checked) return HttpResponse.json({ errors: [checked.parseError] });
    const { document, invalid } = checked;
    let operation: OperationDefinitionNode;
    try {
      operation = singleNamedOperation(document);
    } catch (error) {
      return HttpResponse.json({ errors: [{ message: (error as Error).message }] }, { status: 400 });
    }
    const operationName = operation.name!.value;
    const base = { shop: shopDomain, api: api.name, apiVersion, operationName, variables };

    if (!authorized) {
      this.record({ ...base, outcome: "unauthorized" });
      return HttpResponse.json(
        { errors: api.name === "customer" ? "Invalid token" : "[API] Invalid API key or access token (unrecognized login or wrong password)" },
        { status: 401 },
      );
    }

    const { executable } = api.schema();
    if (invalid.length > 0) {
      this.record({ ...base, outcome: "invalid" });
      return HttpResponse.json({ errors: invalid });
    }

    const failure = this.takeFailure(operationName);
    this.record({ ...base, outcome: failure?.kind ?? "ok" });
    if (failure?.kind === "network") return HttpResponse.error();
    if (failure?.kind === "http") {
      return HttpResponse.json({ errors: `Simulated HTTP ${failure.status}` }, { status: failure.status });
    }
    if (failure?.kind === "throttled") {
      return HttpResponse.json({
        errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }],
        extensions: { cost: { throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 0, restoreRate: 100 } } },
      });
    }

    const context: ResolverContext = { shop: this.shop(shopDomain), simulator: this, ...(customerId ? { customerId } : {}) };
    const root = operation.operation === "mutation" ? "mutation" : "query";
    // Modelled root fields are functions on the root value; the mocks answer every other field.
    const rootValue: Record<string, (args: Record<string, unknown>) => unknown> = {};
    for (const [field, resolver] of api.resolvers[root]) rootValue[field] = (args) => resolver(args, context);
    if (failure?.kind === "userErrors") {
      const field = rootFieldName(operation);
      rootValue[field] = () => payloadWithUserErrors(api.schema().schema, root, field, failure.userErrors);
    }
    const result = await execute({ schema: executable, document, rootValue, variableValues: variables, operationName });
    // Variables that do not fit the operation: Shopify answers with errors and no data.
    if (!result.data) return HttpResponse.json({ errors: (result.errors ?? []).map((error) => shopifyError(error, "INVALID_VARIABLE")) });
    for (const error of result.errors ?? []) {
      if (error.originalError instanceof ShopifyGraphqlError) continue;
      this.faults.push({ operationName, message: error.message, path: error.path });
    }
    return HttpResponse.json(result.errors ? { data: result.data, errors: result.errors.map((error) => shopifyError(error, "INTERNAL_SERVER_ERROR")) } : { data: result.data });
  }

  private async handleAccessToken(request: Request, shopDomain: string): Promise<Response> {
    const body = (await request.json()) as Record<string, string>;
    const grant = body.grant_type === "refresh_token" ? "refresh" : "token-exchange";
    const base = { shop: shopDomain, api: "oauth" as const, apiVersion: null, operationName: grant, variables: {} };

    const failure = this.takeFailure(grant);
    if (failure) {
      this.record({ ...base, outcome: failure.kind });
      const status = failure.kind === "http" ? failure.status : 400;
      return HttpResponse.json({ error: "simulated_failure" }, { status });
    }
    const credentialsOk = body.client_id === this.options.apiKey && body.client_secret === this.options.apiSecret;
    const grantOk =
      grant === "refresh"
        ? (body.refresh_token ?? "").startsWith("shprt_")
        : verifySessionToken(body.subject_token ?? "", this.options.apiSecret, shopDomain);
    if (!credentialsOk || !grantOk) {
      this.record({ ...base, outcome: "unauthorized" });
      return HttpResponse.json({ error: "invalid_subject_token" }, { status: 400 });
    }
    this.record({ ...base, outcome: "ok" });
    const accessToken = `shpat_${randomBytes(16).toString("hex")}`;
    const refreshToken = `shprt_${randomBytes(16).toString("hex")}`;
    return HttpResponse.json({
      access_token: accessToken,
      scope: this.shop(shopDomain).scopes,
      expires_in: 3600,
      refresh_token: refreshToken,
      refresh_token_expires_in: 30 * 24 * 3600,
    });
  }
}

/**
 * The one named operation of a document. Shopify accepts anonymous and
 * several operations too; the simulator does not, because this app sends
 * exactly one named operation per request and records calls by its name.
 */
function singleNamedOperation(document: DocumentNode): OperationDefinitionNode {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (operations.length !== 1 || !operations[0].name) {
    throw new Error("Send exactly one named operation per request");
  }
  return operations[0];
}

function rootFieldName(operation: OperationDefinitionNode): string {
  const first = operation.selectionSet.selections[0];
  return first.kind === Kind.FIELD ? first.name.value : "";
}

/** A mutation payload that carries only `userErrors`: every other nullable field null, as Shopify answers a refusal. */
function payloadWithUserErrors(schema: GraphQLSchema, root: "query" | "mutation", field: string, userErrors: UserError[]): Record<string, unknown> {
  const type = getNamedType((root === "mutation" ? schema.getMutationType() : schema.getQueryType())?.getFields()[field]?.type);
  const payload: Record<string, unknown> = { userErrors: userErrors.map((error) => ({ field: null, code: null, ...error })) };
  if (isObjectType(type)) {
    for (const [name, definition] of Object.entries(type.getFields())) {
      if (name !== "userErrors" && !isNonNullType(definition.type)) payload[name] = null;
    }
  }
  return payload;
}

/**
 * graphql-js's rules, each mapped to the `extensions.code` that Shopify's
 * GraphQL server (graphql-ruby) gives the same mistake, so an app reading
 * the code sees what it would see in production.
 */
const RULE_CODES: Array<[string, string]> = [
  ["FieldsOnCorrectTypeRule", "undefinedField"],
  ["KnownArgumentNamesRule", "argumentNotAccepted"],
  ["ProvidedRequiredArgumentsRule", "missingRequiredArguments"],
  ["ValuesOfCorrectTypeRule", "argumentLiteralsIncompatible"],
  ["VariablesInAllowedPositionRule", "variableMismatch"],
  ["NoUnusedVariablesRule", "variableNotUsed"],
  ["NoUndefinedVariablesRule", "variableNotDefined"],
  ["KnownTypeNamesRule", "undefinedType"],
  ["ScalarLeafsRule", "selectionMismatch"],
  ["KnownDirectivesRule", "undefinedDirective"],
];

type ShopifyError = ReturnType<typeof shopifyError>;
type CheckedDocument = { document: DocumentNode; invalid: ShopifyError[] } | { parseError: ShopifyError };

// An app sends the same few documents over and over: parse and validate each text once per schema.
const checkedDocuments = new WeakMap<GraphQLSchema, Map<string, CheckedDocument>>();

function checkDocument(query: string, schema: GraphQLSchema): CheckedDocument {
  const cache = checkedDocuments.get(schema) ?? new Map<string, CheckedDocument>();
  checkedDocuments.set(schema, cache);
  let checked = cache.get(query);
  if (checked) return checked;
  try {
    const document = parse(query);
    checked = { document, invalid: validateAgainstShopify(schema, document) };
  } catch (error) {
    checked = { parseError: shopifyError(error as GraphQLError, "PARSE_ERROR") };
  }
  if (cache.size >= 1000) cache.clear();
  cache.set(query, checked);
  return checked;
}

function validateAgainstShopify(schema: GraphQLSchema, document: DocumentNode) {
  const errors = [];
  for (const rule of specifiedRules) {
    const code = RULE_CODES.find(([name]) => name === (rule as ValidationRule & { name: string }).name)?.[1] ?? "validationError";
    for (const error of validate(schema, document, [rule])) errors.push(shopifyError(error, code));
  }
  return errors;
}

/** A GraphQL error as Shopify writes it: message, locations, path and `extensions.code`. */
function shopifyError(error: GraphQLError, fallbackCode: string) {
  const code = (error.extensions?.code as string | undefined) ?? fallbackCode;
  return {
    message: error.message,
    ...(error.locations ? { locations: error.locations } : {}),
    ...(error.path ? { path: error.path } : {}),
    extensions: { ...error.extensions, code },
  };
}

/** Shopify checks the id_token it is asked to exchange: HS256 with the app secret, issued for this shop. */
function verifySessionToken(token: string, secret: string, shopDomain: string): boolean {
  const [header, payload, signature] = token.split(".");
  if (!header || !payload || !signature) return false;
  const expected = createHmac("sha256", secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { dest?: string };
  return claims.dest === `https://${shopDomain}`;
}
