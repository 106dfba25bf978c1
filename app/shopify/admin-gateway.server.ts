import { SUBSCRIPTION_BILLING_CYCLE_BULK_CHARGE_MUTATION } from "../billing/graphql/SubscriptionBillingCycleBulkChargeMutation";
import { SUBSCRIPTION_BILLING_ATTEMPT_QUERY } from "../dunning/graphql/SubscriptionBillingAttemptQuery";
import { SUBSCRIPTION_BILLING_CYCLE_CHARGE_MUTATION } from "../dunning/graphql/SubscriptionBillingCycleChargeMutation";
import { SUBSCRIPTION_BILLING_CYCLE_SKIP_MUTATION } from "../dunning/graphql/SubscriptionBillingCycleSkipMutation";
import { SUBSCRIPTION_CONTRACT_ACTIVATE_MUTATION } from "../dunning/graphql/SubscriptionContractActivateMutation";
import { SUBSCRIPTION_CONTRACT_CANCEL_MUTATION } from "../dunning/graphql/SubscriptionContractCancelMutation";
import { SUBSCRIPTION_CONTRACT_PAUSE_MUTATION } from "../dunning/graphql/SubscriptionContractPauseMutation";
import { SUBSCRIPTION_CONTRACT_WITH_BILLING_CYCLE_QUERY } from "../dunning/graphql/SubscriptionContractWithBillingCycleQuery";
import { NOTIFICATION_CONTRACT_QUERY } from "../notifications/graphql/NotificationContractQuery";
import { NOTIFICATION_SHOP_QUERY } from "../notifications/graphql/NotificationShopQuery";
import { TAGS_ADD_MUTATION } from "../orders/graphql/TagsAddMutation";
import type { AdminOperationMap } from "./generated/admin.generated";
import { SHOP_TIMEZONE_QUERY } from "./graphql/ShopTimezoneQuery";

/** A `#graphql` document of the app's, as generated into AdminOperationMap by `npm run graphql:codegen`. */
export type AdminOperation = keyof AdminOperationMap;
export type OperationResult<Q extends AdminOperation> = AdminOperationMap[Q]["return"];
export type OperationVariables<Q extends AdminOperation> = AdminOperationMap[Q]["variables"];

/** The `admin.graphql` function of a Shopify admin context (request, webhook or unauthenticated). */
export type AdminGraphqlClient = (
  query: string,
  options?: { variables?: Record<string, unknown> },
) => Promise<Response>;

export type AdminApiErrorKind =
  /** Cost limit (THROTTLED) or HTTP 429: retried with backoff. */
  | "throttled"
  /** HTTP 5xx: retried with backoff. */
  | "server"
  /** No answer at all (connection refused or reset, DNS, timeout): retried with backoff. */
  | "network"
  /** The mutation ran and refused (userErrors): not retried. */
  | "userErrors"
  /** Any other failure (bad query, 4xx, missing data): not retried. */
  | "failed";

/** The userErrors every Admin API mutation payload carries (each payload has its own `code` enum). */
export interface UserError {
  field?: string[] | null;
  message: string;
  code?: string | null;
}

export class AdminApiError extends Error {
  override name = "AdminApiError";
  constructor(
    message: string,
    readonly operationName: string,
    readonly kind: AdminApiErrorKind,
    readonly details: unknown,
    readonly userErrors: UserError[] = [],
  ) {
    super(message);
  }

  get retryable(): boolean {
    return this.kind === "throttled" || this.kind === "server" || this.kind === "network";
  }
}

/** Throws a mutation's userErrors as an AdminApiError of kind "userErrors" (Shopify refused; retrying will not help). */
export function refuseOnUserErrors(operationName: string, userErrors: ReadonlyArray<UserError> | null | undefined): void {
  if (userErrors && userErrors.length > 0) {
    const message = userErrors.map((error) => error.message).join("; ");
    throw new AdminApiError(`${operationName}: ${message}`, operationName, "userErrors", userErrors, [...userErrors]);
  }
}

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** Delay before the 2nd try; doubled for each later one, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 1000, maxDelayMs: 10_000 };
/** Short retries for calls a merchant is waiting on (pages, install). */
export const INTERACTIVE_RETRY: RetryPolicy = { attempts: 2, baseDelayMs: 250, maxDelayMs: 500 };

export interface GatewayOptions {
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
}

/** A billing attempt is finished once its state is no longer pending (success, failure, or action required). */
function isFinished(state: { __typename: string }): boolean {
  return state.__typename !== "SubscriptionBillingAttemptPendingState";
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function classify(operationName: string, error: unknown): AdminApiError {
  if (error instanceof AdminApiError) return error;
  const status =
    error instanceof Response ? error.status : (error as { response?: { code?: number } } | null)?.response?.code;
  const errors = (error as { body?: { errors?: unknown } } | null)?.body?.errors;
  if (isThrottled(errors) || status === 429) return new AdminApiError(`${operationName} throttled`, operationName, "throttled", errors ?? status);
  if (typeof status === "number" && status >= 500) {
    return new AdminApiError(`${operationName} failed with HTTP ${status}`, operationName, "server", status);
  }
  const message = `${operationName} failed: ${(error as Error)?.message ?? String(error)}`;
  // Shopify answered and refused (4xx, GraphQL errors): trying again will not help.
  if (typeof status === "number" || errors) return new AdminApiError(message, operationName, "failed", errors ?? status);
  return new AdminApiError(message, operationName, "network", error);
}

function isThrottled(errors: unknown): boolean {
  const list = Array.isArray(errors) ? errors : (errors as { graphQLErrors?: unknown[] } | null)?.graphQLErrors;
  return Array.isArray(list) && list.some((item) => (item as { extensions?: { code?: string } })?.extensions?.code === "THROTTLED");
}

/**
 * Every Admin API call the app makes goes through here: `request` takes any
 * of the app's generated documents (result and variables typed from
 * Shopify's schema), and the methods below name what the engine does with
 * them. Each returns plain data or throws AdminApiError. Throttling and 5xx are retried with exponential backoff;
 * userErrors are returned to the caller as an AdminApiError of kind
 * "userErrors" so it can decide (some are final, e.g. a cancelled contract).
 */
export function createAdminGateway(graphql: AdminGraphqlClient, options: GatewayOptions = {}) {
  const retry = options.retry ?? DEFAULT_RETRY;
  const sleep = options.sleep ?? sleepFor;

  async function once<T>(operationName: string, query: string, variables?: object): Promise<T> {
    let body: { data?: T; errors?: unknown };
    try {
      const response = await graphql(query, variables ? { variables: variables as Record<string, unknown> } : undefined);
      if (response.status === 429 || response.status >= 500) throw response;
      body = (await response.json()) as { data?: T; errors?: unknown };
    } catch (error) {
      throw classify(operationName, error);
    }
    if (body.errors || !body.data) {
      if (isThrottled(body.errors)) throw new AdminApiError(`${operationName} throttled`, operationName, "throttled", body.errors);
      throw new AdminApiError(`${operationName} failed`, operationName, "failed", body.errors ?? body);
    }
    return body.data;
  }

  /** Runs one of the app's documents, retrying what is transient; the operation's name labels errors and logs. */
  async function request<Q extends AdminOperation>(query: Q, variables?: OperationVariables<Q>): Promise<OperationResult<Q>> {
    const operationName = /(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? "anonymous";
    for (let attempt = 1; ; attempt++) {
      try {
        return await once<OperationResult<Q>>(operationName, query, variables);
      } catch (error) {
        const failure = error as AdminApiError;
        if (!failure.retryable || attempt >= retry.attempts) throw failure;
        const backoff = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
        await sleep(backoff / 2 + Math.random() * (backoff / 2));
      }
    }
  }

  return {
    request,

    /** The shop's IANA time zone, e.g. "America/Toronto". */
    async shopTimezone(): Promise<string> {
      const data = await request(SHOP_TIMEZONE_QUERY);
      return data.shop.ianaTimezone;
    },

    /**
     * Starts Shopify's bulk charge of ACTIVE contracts' UNBILLED cycles with no
     * attempt yet, expected in [start, end]. Safe to repeat over overlapping
     * windows: a cycle already attempted is filtered out. Returns the job id.
     */
    async bulkCharge(window: { start: Date; end: Date }): Promise<string> {
      const data = await request(SUBSCRIPTION_BILLING_CYCLE_BULK_CHARGE_MUTATION, {
        startDate: window.start.toISOString(),
        endDate: window.end.toISOString(),
        contractStatus: ["ACTIVE"],
        billingCycleStatus: ["UNBILLED"],
        billingAttemptStatus: "NO_ATTEMPT",
      });
      const payload = data.subscriptionBillingCycleBulkCharge;
      refuseOnUserErrors("SubscriptionBillingCycleBulkCharge", payload?.userErrors);
      if (!payload?.job?.id) {
        throw new AdminApiError("SubscriptionBillingCycleBulkCharge returned no job", "SubscriptionBillingCycleBulkCharge", "failed", payload);
      }
      return payload.job.id;
    },

    /** A billing attempt with whether Shopify has finished processing it; null when Shopify has none. */
    async billingAttempt(id: string) {
      const data = await request(SUBSCRIPTION_BILLING_ATTEMPT_QUERY, { id });
      const attempt = data.subscriptionBillingAttempt;
      return attempt && { id: attempt.id, originTime: attempt.originTime, ready: isFinished(attempt.state) };
    },

    /** The contract's status and one billing cycle, by index or by a date inside it, with its attempts. */
    async contractWithBillingCycle(contractId: string, selector: { index: number } | { date: string }) {
      const data = await request(SUBSCRIPTION_CONTRACT_WITH_BILLING_CYCLE_QUERY, { contractId, selector });
      return {
        contract: data.subscriptionContract,
        cycle: data.subscriptionBillingCycle && {
          index: data.subscriptionBillingCycle.cycleIndex,
          status: data.subscriptionBillingCycle.status,
          skipped: data.subscriptionBillingCycle.skipped,
          attempts: data.subscriptionBillingCycle.billingAttempts.edges.map(({ node }) => ({
            id: node.id,
            originTime: node.originTime,
            ready: isFinished(node.state),
          })),
        },
      };
    },

    /** Charges a cycle again; returns the new billing attempt's id. */
    async chargeBillingCycle(contractId: string, index: number): Promise<string> {
      const data = await request(SUBSCRIPTION_BILLING_CYCLE_CHARGE_MUTATION, { subscriptionContractId: contractId, index });
      const payload = data.subscriptionBillingCycleCharge;
      refuseOnUserErrors("SubscriptionBillingCycleCharge", payload?.userErrors);
      return payload?.subscriptionBillingAttempt?.id ?? "";
    },

    async cancelContract(contractId: string): Promise<void> {
      const data = await request(SUBSCRIPTION_CONTRACT_CANCEL_MUTATION, { subscriptionContractId: contractId });
      refuseOnUserErrors("SubscriptionContractCancel", data.subscriptionContractCancel?.userErrors);
    },

    async pauseContract(contractId: string): Promise<void> {
      const data = await request(SUBSCRIPTION_CONTRACT_PAUSE_MUTATION, { subscriptionContractId: contractId });
      refuseOnUserErrors("SubscriptionContractPause", data.subscriptionContractPause?.userErrors);
    },

    async skipBillingCycle(contractId: string, index: number): Promise<void> {
      const data = await request(SUBSCRIPTION_BILLING_CYCLE_SKIP_MUTATION, { contractId, index });
      refuseOnUserErrors("SubscriptionBillingCycleSkip", data.subscriptionBillingCycleScheduleEdit?.userErrors);
    },

    /** Activates a paused contract again (the dunning engine's reactivation after a recovered payment). */
    async activateContract(contractId: string): Promise<void> {
      const data = await request(SUBSCRIPTION_CONTRACT_ACTIVATE_MUTATION, { subscriptionContractId: contractId });
      refuseOnUserErrors("SubscriptionContractActivate", data.subscriptionContractActivate?.userErrors);
    },

    /** The shop's name, addresses and customer accounts URL, for an email. */
    async notificationShop() {
      return (await request(NOTIFICATION_SHOP_QUERY)).shop;
    },

    /** The contract an email is about: customer address and first name, product lines; null when Shopify has no such contract. */
    async notificationContract(contractId: string) {
      return (await request(NOTIFICATION_CONTRACT_QUERY, { id: contractId })).subscriptionContract;
    },

    /** Adds `tags` to an order. Tags are a set: adding ones it already has changes nothing, so a repeat is harmless. */
    async tagOrder(orderId: string, tags: string[]): Promise<void> {
      const data = await request(TAGS_ADD_MUTATION, { id: orderId, tags });
      refuseOnUserErrors("TagsAdd", data.tagsAdd?.userErrors);
    },
  };
}

export type AdminGateway = ReturnType<typeof createAdminGateway>;
