import { SHOP_TIMEZONE_QUERY, type ShopTimezoneData } from "../graphql/ShopTimezoneQuery";

/** The `admin.graphql` function of a Shopify admin context (request, webhook or unauthenticated). */
export type AdminGraphqlClient = (
  query: string,
  options?: { variables?: Record<string, unknown> },
) => Promise<Response>;

export class AdminApiError extends Error {
  override name = "AdminApiError";
  constructor(
    message: string,
    readonly operationName: string,
    readonly details: unknown,
  ) {
    super(message);
  }
}

/**
 * Every Admin API call the app makes goes through here: one method per
 * GraphQL document in app/graphql, each returning plain data or throwing
 * AdminApiError. Routes and services never build GraphQL requests themselves.
 */
export function createAdminGateway(graphql: AdminGraphqlClient) {
  async function run<T>(operationName: string, query: string, variables?: Record<string, unknown>): Promise<T> {
    const response = await graphql(query, variables ? { variables } : undefined);
    const body = (await response.json()) as { data?: T; errors?: unknown };
    if (body.errors || !body.data) {
      throw new AdminApiError(`${operationName} failed`, operationName, body.errors ?? body);
    }
    return body.data;
  }

  return {
    /** The shop's IANA time zone, e.g. "America/Toronto". */
    async shopTimezone(): Promise<string> {
      const data = await run<ShopTimezoneData>("ShopTimezone", SHOP_TIMEZONE_QUERY);
      return data.shop.ianaTimezone;
    },
  };
}

export type AdminGateway = ReturnType<typeof createAdminGateway>;
