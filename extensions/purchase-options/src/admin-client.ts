/**
 * The extension's Admin API client: a POST to Shopify's direct API endpoint
 * (`shopify:admin/...`, which the admin authenticates for the extension),
 * typed by the app's generated operation map. A document is one of the app's
 * `#graphql` constants (app/plans/graphql/*), so its result and variables
 * are the types `npm run graphql:codegen` generated for it; anything else
 * does not compile.
 */
import type { AdminOperationMap } from "../../../app/shopify/generated/admin.generated";
import { API_VERSION } from "../../../app/shopify/api-version";

export type AdminOperation = keyof AdminOperationMap;
export type OperationResult<Q extends AdminOperation> = AdminOperationMap[Q]["return"];
export type OperationVariables<Q extends AdminOperation> = AdminOperationMap[Q]["variables"];

/**
 * The app's one Admin API version, named in the URL: the documents are
 * validated and typed against that version's schema, so they are sent to it
 * rather than to whatever version the extension's `api_version` implies.
 */
export const ADMIN_GRAPHQL_URL = `shopify:admin/api/${API_VERSION}/graphql.json`;

export interface AdminClient {
  request<Q extends AdminOperation>(
    query: Q,
    ...variables: Record<string, never> extends OperationVariables<Q> ? [variables?: OperationVariables<Q>] : [variables: OperationVariables<Q>]
  ): Promise<OperationResult<Q>>;
}

/** A request Shopify did not answer with data: HTTP failure, GraphQL errors, or no connection. */
export class AdminRequestError extends Error {
  override name = "AdminRequestError";
  constructor(
    message: string,
    readonly operationName: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

function operationNameOf(query: string): string {
  return /\b(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? "anonymous";
}

interface GraphqlBody {
  data?: unknown;
  errors?: unknown;
}

function errorMessages(errors: unknown): string {
  if (typeof errors === "string") return errors;
  if (Array.isArray(errors)) return errors.map((error) => (error && typeof error === "object" && "message" in error ? String(error.message) : String(error))).join("; ");
  return "Shopify answered with an error";
}

/** `fetchImpl` is the platform's fetch in the admin; tests pass one that routes to the simulator. */
export function createAdminClient(fetchImpl: typeof fetch = (input, init) => fetch(input, init), url = ADMIN_GRAPHQL_URL): AdminClient {
  return {
    async request(query: string, variables?: object) {
      const operationName = operationNameOf(query);
      let response: Response;
      try {
        response = await fetchImpl(url, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify({ query, variables: variables ?? {} }),
        });
      } catch (error) {
        throw new AdminRequestError(`Shopify could not be reached (${(error as Error).message})`, operationName, null);
      }
      let body: GraphqlBody | null = null;
      try {
        body = (await response.json()) as GraphqlBody;
      } catch {
        // Not JSON: reported below by status.
      }
      if (!response.ok) throw new AdminRequestError(body?.errors ? errorMessages(body.errors) : `Shopify answered HTTP ${response.status}`, operationName, response.status);
      if (!body?.data) throw new AdminRequestError(body?.errors ? errorMessages(body.errors) : "Shopify answered without data", operationName, response.status);
      if (body.errors) throw new AdminRequestError(errorMessages(body.errors), operationName, response.status);
      return body.data as never;
    },
  } as AdminClient;
}
