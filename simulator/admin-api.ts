/**
 * A local stand-in for Shopify at its HTTP edge: the Admin GraphQL API
 * (answered by operation name) and the OAuth token endpoint (token exchange
 * and refresh). It never touches app code; `simulator/node.ts` installs its
 * handlers with MSW so every `fetch` to `https://<shop>/admin/...` lands here.
 *
 * Tests read `calls` to assert what the app asked, and script failures with
 * `failNext`. The demo and the browser tests run the same simulator inside the
 * app server through `simulator/register.ts`.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { appendFileSync } from "node:fs";
import { Kind, parse, type OperationDefinitionNode } from "graphql";
import { delay, http, HttpResponse, type RequestHandler } from "msw";
import { SubscriptionsState } from "./subscriptions";

export interface SimulatedShop {
  domain: string;
  name: string;
  ianaTimezone: string;
  currencyCode: string;
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
  | { kind: "http"; status: number };

export interface RecordedCall {
  /** Shop domain the request was addressed to. */
  shop: string;
  /** "graphql" for Admin API calls, "oauth" for the token endpoint. */
  api: "graphql" | "oauth";
  apiVersion: string | null;
  /** GraphQL operation name, or the OAuth grant ("token-exchange", "refresh"). */
  operationName: string;
  variables: Record<string, unknown>;
  /** "ok", or the scripted failure that answered instead. */
  outcome: "ok" | ScriptedFailure["kind"] | "unauthorized";
  at: string;
}

export interface ResolverContext {
  shop: SimulatedShop;
  variables: Record<string, unknown>;
  simulator: AdminApiSimulator;
}

/** Returns the `data` of a GraphQL response for one operation. */
export type OperationResolver = (context: ResolverContext) => unknown;

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
}

const ADMIN_GRAPHQL = "https://:shop/admin/api/:version/graphql.json";
const ACCESS_TOKEN = "https://:shop/admin/oauth/access_token";

export class AdminApiSimulator {
  readonly calls: RecordedCall[] = [];
  /** Contracts, billing cycles and attempts, and the operations on them. */
  readonly subscriptions = new SubscriptionsState();
  private readonly shops = new Map<string, SimulatedShop>();
  private readonly failures = new Map<string, ScriptedFailure[]>();
  private readonly resolvers = new Map<string, OperationResolver>();

  constructor(private readonly options: AdminApiSimulatorOptions) {
    this.on("ShopTimezone", ({ shop }) => ({ shop: { ianaTimezone: shop.ianaTimezone } }));
    this.subscriptions.install(this);
  }

  /** Answer `operationName` with `resolver` (replacing any earlier one). */
  on(operationName: string, resolver: OperationResolver): this {
    this.resolvers.set(operationName, resolver);
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

  /** Forget calls, scripted failures, shops and contracts (resolvers stay). */
  reset(): void {
    this.calls.length = 0;
    this.failures.clear();
    this.shops.clear();
    this.subscriptions.reset();
  }

  get handlers(): RequestHandler[] {
    return [
      http.post(ACCESS_TOKEN, ({ request, params }) => this.handleAccessToken(request, String(params.shop))),
      http.post(ADMIN_GRAPHQL, ({ request, params }) =>
        this.handleGraphql(request, String(params.shop), String(params.version)),
      ),
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

  private async handleGraphql(request: Request, shopDomain: string, apiVersion: string): Promise<Response> {
    const body = (await request.json()) as { query?: string; variables?: Record<string, unknown> };
    const variables = body.variables ?? {};
    if (this.options.latencyMs) await delay(this.options.latencyMs);
    let operation: OperationDefinitionNode;
    try {
      operation = singleNamedOperation(body.query ?? "");
    } catch (error) {
      return HttpResponse.json({ errors: [{ message: (error as Error).message }] }, { status: 400 });
    }
    const operationName = operation.name!.value;
    const base = { shop: shopDomain, api: "graphql" as const, apiVersion, operationName, variables };

    const token = request.headers.get("x-shopify-access-token");
    if (!token) {
      this.record({ ...base, outcome: "unauthorized" });
      return HttpResponse.json(
        { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" },
        { status: 401 },
      );
    }

    const failure = this.takeFailure(operationName);
    this.record({ ...base, outcome: failure?.kind ?? "ok" });
    if (failure?.kind === "http") {
      return HttpResponse.json({ errors: `Simulated HTTP ${failure.status}` }, { status: failure.status });
    }
    if (failure?.kind === "throttled") {
      return HttpResponse.json({
        errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }],
        extensions: { cost: { throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 0, restoreRate: 100 } } },
      });
    }
    if (failure?.kind === "userErrors") {
      return HttpResponse.json({ data: { [rootField(operation)]: { userErrors: failure.userErrors } } });
    }

    const resolver = this.resolvers.get(operationName);
    if (!resolver) {
      return HttpResponse.json({
        errors: [{ message: `The Admin API simulator has no resolver for operation ${operationName}` }],
      });
    }
    const data = resolver({ shop: this.shop(shopDomain), variables, simulator: this });
    return HttpResponse.json({ data });
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
      scope: this.options.scopes ?? "write_own_subscription_contracts,read_own_subscription_contracts",
      expires_in: 3600,
      refresh_token: refreshToken,
      refresh_token_expires_in: 30 * 24 * 3600,
    });
  }
}

/** The one named operation of a document; the app's gateway sends exactly one per request. */
function singleNamedOperation(query: string): OperationDefinitionNode {
  const operations = parse(query).definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (operations.length !== 1 || !operations[0].name) {
    throw new Error("Send exactly one named operation per request");
  }
  return operations[0];
}

function rootField(operation: OperationDefinitionNode): string {
  const first = operation.selectionSet.selections[0];
  return first.kind === Kind.FIELD ? (first.alias ?? first.name).value : "data";
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
