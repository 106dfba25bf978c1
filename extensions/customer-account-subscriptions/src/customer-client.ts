/**
 * The portal's Customer Account API client: a POST to Shopify's endpoint for
 * customer account extensions (`shopify://customer-account/api/...`, which
 * Shopify authenticates as the signed-in customer: no token is sent),
 * typed by the operation map `npm run graphql:codegen` generates from the
 * pinned customer schema. A document is one of this extension's `#graphql`
 * constants (src/graphql/*); anything else does not compile.
 */
import type { CustomerAccountOperationMap } from "../../../app/shopify/generated/customer.generated";
import { API_VERSION } from "../../../app/shopify/api-version";

export type CustomerOperation = keyof CustomerAccountOperationMap;
export type OperationResult<Q extends CustomerOperation> = CustomerAccountOperationMap[Q]["return"];
export type OperationVariables<Q extends CustomerOperation> = CustomerAccountOperationMap[Q]["variables"];

/** The app's one API version, which the documents are validated against (app/shopify/api-version.ts). */
export const CUSTOMER_GRAPHQL_URL = `shopify://customer-account/api/${API_VERSION}/graphql.json`;

export interface CustomerClient {
  request<Q extends CustomerOperation>(query: Q, variables: OperationVariables<Q>): Promise<OperationResult<Q>>;
}

/** A request Shopify did not answer with data: HTTP failure, GraphQL errors, or no connection. */
export class CustomerRequestError extends Error {
  override name = "CustomerRequestError";
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

function errorMessages(errors: unknown): string {
  if (typeof errors === "string") return errors;
  if (Array.isArray(errors)) return errors.map((error) => (error && typeof error === "object" && "message" in error ? String(error.message) : String(error))).join("; ");
  return "Shopify answered with an error";
}

/** `fetchImpl` is the platform's fetch in customer accounts; tests pass one that routes to the simulator. */
export function createCustomerClient(fetchImpl: typeof fetch = (input, init) => fetch(input, init), url = CUSTOMER_GRAPHQL_URL): CustomerClient {
  return {
    async request(query: string, variables: object) {
      let response: Response;
      try {
        response = await fetchImpl(url, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify({ query, variables }),
        });
      } catch (error) {
        throw new CustomerRequestError(`Shopify could not be reached (${(error as Error).message})`, null);
      }
      let body: { data?: unknown; errors?: unknown } | null = null;
      try {
        body = (await response.json()) as { data?: unknown; errors?: unknown };
      } catch {
        // Not JSON: reported below by status.
      }
      if (!response.ok) throw new CustomerRequestError(body?.errors ? errorMessages(body.errors) : `Shopify answered HTTP ${response.status}`, response.status);
      if (!body?.data || body.errors) throw new CustomerRequestError(body?.errors ? errorMessages(body.errors) : "Shopify answered without data", response.status);
      return body.data as never;
    },
  } as CustomerClient;
}
