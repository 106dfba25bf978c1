/**
 * Subscription contracts, billing cycles and billing attempts as Shopify
 * keeps them, enough to answer the operations the billing scheduler and the
 * dunning engine use. Payments succeed or fail as scripted per contract.
 * Shopify reports an attempt's outcome by webhook; tests read new attempts
 * from `takeNewAttempts()` and deliver those webhooks themselves.
 */
import { randomUUID } from "node:crypto";
import type { AdminApiSimulator } from "./admin-api";

export type ContractStatus = "ACTIVE" | "PAUSED" | "CANCELLED" | "EXPIRED" | "FAILED";

export interface SimulatedAttempt {
  id: string;
  shop: string;
  contractId: string;
  cycleIndex: number;
  originTime: string;
  ready: boolean;
  /** null when the payment went through. */
  errorCode: string | null;
}

export interface SimulatedCycle {
  index: number;
  expectedDate: string;
  status: "UNBILLED" | "BILLED";
  skipped: boolean;
  attempts: SimulatedAttempt[];
}

export interface SimulatedContract {
  id: string;
  shop: string;
  status: ContractStatus;
  cycles: SimulatedCycle[];
  /** The error code new payments fail with, or null when they succeed. */
  paymentError: string | null;
}

const userError = (code: string, message: string) => ({ field: null, message, code });

export class SubscriptionsState {
  /** Shopify's clock, for the checks that depend on it; tests that drive the engine's clock set it too. */
  now: () => number = () => Date.now();
  readonly contracts = new Map<string, SimulatedContract>();
  private readonly attempts = new Map<string, SimulatedAttempt>();
  private fresh: SimulatedAttempt[] = [];
  private nextContract = 1;

  addContract(
    shop: string,
    options: { id?: string; status?: ContractStatus; cycles?: Array<{ index: number; expectedDate: Date | string }>; paymentError?: string | null } = {},
  ): SimulatedContract {
    const id = options.id ?? `gid://shopify/SubscriptionContract/${this.nextContract++}`;
    const contract: SimulatedContract = {
      id,
      shop,
      status: options.status ?? "ACTIVE",
      paymentError: options.paymentError ?? null,
      cycles: (options.cycles ?? []).map(({ index, expectedDate }) => ({
        index,
        expectedDate: new Date(expectedDate).toISOString(),
        status: "UNBILLED",
        skipped: false,
        attempts: [],
      })),
    };
    this.contracts.set(id, contract);
    return contract;
  }

  contract(id: string): SimulatedContract {
    const contract = this.contracts.get(id);
    if (!contract) throw new Error(`No simulated contract ${id}`);
    return contract;
  }

  cycle(contractId: string, index: number): SimulatedCycle {
    const cycle = this.contract(contractId).cycles.find((candidate) => candidate.index === index);
    if (!cycle) throw new Error(`No cycle ${index} on ${contractId}`);
    return cycle;
  }

  /** Attempts created since the last call, i.e. the webhooks Shopify would now send. */
  takeNewAttempts(): SimulatedAttempt[] {
    const taken = this.fresh;
    this.fresh = [];
    return taken;
  }

  reset(): void {
    this.contracts.clear();
    this.attempts.clear();
    this.fresh = [];
  }

  private attempt(contract: SimulatedContract, cycle: SimulatedCycle): SimulatedAttempt {
    const attempt: SimulatedAttempt = {
      id: `gid://shopify/SubscriptionBillingAttempt/${randomUUID()}`,
      shop: contract.shop,
      contractId: contract.id,
      cycleIndex: cycle.index,
      originTime: cycle.expectedDate,
      ready: true,
      errorCode: contract.paymentError,
    };
    cycle.attempts.push(attempt);
    if (!attempt.errorCode) cycle.status = "BILLED";
    this.attempts.set(attempt.id, attempt);
    this.fresh.push(attempt);
    return attempt;
  }

  /** Answers the Admin API root fields the billing engine uses, from this state. */
  install(simulator: AdminApiSimulator): void {
    simulator.onMutation("subscriptionBillingCycleBulkCharge", (args, { shop }) => {
      const range = args.billingAttemptExpectedDateRange as { startDate: string; endDate: string };
      const filters = (args.filters ?? {}) as { contractStatus?: string[] };
      const start = Date.parse(range.startDate);
      const end = Date.parse(range.endDate);
      // Shopify's documented limits (SubscriptionBillingCycleBulkUserErrorCode).
      const refused = (code: string, message: string) => ({ job: null, userErrors: [{ field: ["billingAttemptExpectedDateRange"], message, code }] });
      if (start >= end) return refused("START_DATE_BEFORE_END_DATE", "Start date should be before end date.");
      if (end - start > 7 * DAY_MS) return refused("INVALID_DATE_RANGE", "The range between start date and end date shouldn't be more than 1 week.");
      if (end - this.now() > DAY_MS) return refused("END_DATE_IN_THE_FUTURE", "End date can't be more than 24 hours in the future.");
      const statuses = filters.contractStatus ?? ["ACTIVE"];
      for (const contract of this.contracts.values()) {
        if (contract.shop !== shop.domain || !statuses.includes(contract.status)) continue;
        for (const cycle of contract.cycles) {
          const expected = Date.parse(cycle.expectedDate);
          // UNBILLED and NO_ATTEMPT: overlapping windows never charge a cycle twice.
          if (expected < start || expected > end || cycle.status !== "UNBILLED" || cycle.skipped || cycle.attempts.length > 0) continue;
          this.attempt(contract, cycle);
        }
      }
      return { job: { id: `gid://shopify/Job/${randomUUID()}`, done: false }, userErrors: [] };
    });

    simulator.onQuery("subscriptionBillingAttempt", (args) => {
      const attempt = this.attempts.get(String(args.id));
      return attempt ? attemptObject(attempt) : null;
    });

    simulator.onQuery("subscriptionContract", (args) => {
      const contract = this.contracts.get(String(args.id));
      return contract ? { id: contract.id, status: contract.status } : null;
    });

    simulator.onQuery("subscriptionBillingCycle", (args) => {
      const input = args.billingCycleInput as { contractId: string; selector: { index?: number; date?: string } };
      const contract = this.contracts.get(input.contractId);
      if (!contract) return null;
      const { index, date } = input.selector;
      const cycle =
        index !== undefined && index !== null
          ? contract.cycles.find((candidate) => candidate.index === index)
          : [...contract.cycles].reverse().find((candidate) => Date.parse(candidate.expectedDate) <= Date.parse(String(date)));
      return cycle ? cycleObject(contract, cycle) : null;
    });

    simulator.onMutation("subscriptionBillingCycleCharge", (args) => {
      const contract = this.contracts.get(String(args.subscriptionContractId));
      const payload = (userErrors: unknown[], attempt?: SimulatedAttempt) => ({
        subscriptionBillingAttempt: attempt ? attemptObject(attempt) : null,
        userErrors,
      });
      if (!contract) return payload([userError("CONTRACT_NOT_FOUND", "Contract does not exist")]);
      if (contract.status === "PAUSED") return payload([userError("CONTRACT_PAUSED", "Contract is paused")]);
      if (contract.status !== "ACTIVE") return payload([userError("CONTRACT_TERMINATED", "Contract is terminated")]);
      const selector = args.billingCycleSelector as { index?: number };
      const cycle = contract.cycles.find((candidate) => candidate.index === selector.index);
      if (!cycle) return payload([userError("CYCLE_INDEX_OUT_OF_RANGE", "Billing cycle does not exist")]);
      if (cycle.skipped) return payload([userError("BILLING_CYCLE_SKIPPED", "Billing cycle is skipped")]);
      return payload([], this.attempt(contract, cycle));
    });

    const setStatus = (status: ContractStatus) => (args: Record<string, unknown>) => {
      const contract = this.contracts.get(String(args.subscriptionContractId));
      if (!contract) return { contract: null, userErrors: [userError("INVALID", "Contract does not exist")] };
      contract.status = status;
      return { contract: { id: contract.id, status }, userErrors: [] };
    };
    simulator.onMutation("subscriptionContractCancel", setStatus("CANCELLED"));
    simulator.onMutation("subscriptionContractPause", setStatus("PAUSED"));

    simulator.onMutation("subscriptionBillingCycleScheduleEdit", (args) => {
      const input = args.billingCycleInput as { contractId: string; selector: { index?: number } };
      const edit = args.input as { skip?: boolean };
      const contract = this.contracts.get(input.contractId);
      const cycle = contract?.cycles.find((candidate) => candidate.index === input.selector.index);
      if (!contract || !cycle) return { billingCycle: null, userErrors: [userError("CYCLE_NOT_FOUND", "Billing cycle does not exist")] };
      if (edit.skip !== undefined && edit.skip !== null) cycle.skipped = edit.skip;
      return { billingCycle: cycleObject(contract, cycle), userErrors: [] };
    });
  }
}

const DAY_MS = 24 * 3600 * 1000;

/** A billing attempt as the Admin API shows it: the 2026-04 `state` union, and the deprecated fields it replaced. */
function attemptObject(attempt: SimulatedAttempt) {
  const state = !attempt.ready
    ? { __typename: "SubscriptionBillingAttemptPendingState", processing: true }
    : attempt.errorCode
      ? { __typename: "SubscriptionBillingAttemptFailedState", error: attemptError(attempt.errorCode) }
      : { __typename: "SubscriptionBillingAttemptSuccessState", order: null };
  return {
    id: attempt.id,
    idempotencyKey: attempt.id,
    originTime: attempt.originTime,
    createdAt: attempt.originTime,
    completedAt: attempt.ready ? attempt.originTime : null,
    subscriptionContract: { id: attempt.contractId },
    state,
    ready: attempt.ready,
    errorCode: attempt.errorCode,
    errorMessage: attempt.errorCode ? "Payment failed" : null,
    order: null,
  };
}

const INVENTORY_CODES = ["INSUFFICIENT_INVENTORY", "INVENTORY_ALLOCATIONS_NOT_FOUND"];

function attemptError(code: string) {
  if (INVENTORY_CODES.includes(code)) return { __typename: "SubscriptionBillingAttemptInventoryError", code, insufficientStockProductVariants: { edges: [], nodes: [] } };
  return { __typename: "SubscriptionBillingAttemptPaymentError", code };
}

function cycleObject(contract: SimulatedContract, cycle: SimulatedCycle) {
  return {
    cycleIndex: cycle.index,
    status: cycle.status,
    skipped: cycle.skipped,
    billingAttemptExpectedDate: cycle.expectedDate,
    edited: false,
    billingAttempts: {
      edges: cycle.attempts.map((attempt) => ({ cursor: attempt.id, node: attemptObject(attempt) })),
      nodes: cycle.attempts.map(attemptObject),
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    },
    sourceContract: { id: contract.id, status: contract.status },
  };
}
