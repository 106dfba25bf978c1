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

  install(simulator: AdminApiSimulator): void {
    simulator.on("SubscriptionBillingCycleBulkCharge", ({ shop, variables }) => {
      const start = Date.parse(String(variables.startDate));
      const end = Date.parse(String(variables.endDate));
      const statuses = (variables.contractStatus as string[] | undefined) ?? ["ACTIVE"];
      for (const contract of this.contracts.values()) {
        if (contract.shop !== shop.domain || !statuses.includes(contract.status)) continue;
        for (const cycle of contract.cycles) {
          const expected = Date.parse(cycle.expectedDate);
          // UNBILLED and NO_ATTEMPT: overlapping windows never charge a cycle twice.
          if (expected < start || expected > end || cycle.status !== "UNBILLED" || cycle.skipped || cycle.attempts.length > 0) continue;
          this.attempt(contract, cycle);
        }
      }
      return { subscriptionBillingCycleBulkCharge: { job: { id: `gid://shopify/Job/${randomUUID()}` }, userErrors: [] } };
    });

    simulator.on("SubscriptionBillingAttempt", ({ variables }) => {
      const attempt = this.attempts.get(String(variables.id));
      return {
        subscriptionBillingAttempt: attempt && {
          id: attempt.id,
          originTime: attempt.originTime,
          ready: attempt.ready,
          subscriptionContract: { id: attempt.contractId },
        },
      };
    });

    simulator.on("SubscriptionContractWithBillingCycle", ({ variables }) => {
      const contract = this.contracts.get(String(variables.contractId));
      if (!contract) return { subscriptionContract: null, subscriptionBillingCycle: null };
      const selector = variables.selector as { index?: number; date?: string };
      const cycle =
        selector.index !== undefined
          ? contract.cycles.find((candidate) => candidate.index === selector.index)
          : [...contract.cycles].reverse().find((candidate) => Date.parse(candidate.expectedDate) <= Date.parse(String(selector.date)));
      return {
        subscriptionContract: { id: contract.id, status: contract.status },
        subscriptionBillingCycle: cycle && {
          cycleIndex: cycle.index,
          status: cycle.status,
          skipped: cycle.skipped,
          billingAttemptExpectedDate: cycle.expectedDate,
          billingAttempts: {
            edges: cycle.attempts.map((attempt) => ({
              node: { id: attempt.id, ready: attempt.ready, originTime: attempt.originTime, errorCode: attempt.errorCode },
            })),
          },
        },
      };
    });

    simulator.on("SubscriptionBillingCycleCharge", ({ variables }) => {
      const contract = this.contracts.get(String(variables.subscriptionContractId));
      const payload = (userErrors: unknown[], attempt?: SimulatedAttempt) => ({
        subscriptionBillingCycleCharge: { subscriptionBillingAttempt: attempt ? { id: attempt.id, ready: attempt.ready } : null, userErrors },
      });
      if (!contract) return payload([userError("INVALID", "Contract does not exist")]);
      if (contract.status === "PAUSED") return payload([userError("CONTRACT_PAUSED", "Contract is paused")]);
      if (contract.status !== "ACTIVE") return payload([userError("CONTRACT_TERMINATED", "Contract is terminated")]);
      const cycle = contract.cycles.find((candidate) => candidate.index === Number(variables.index));
      if (!cycle) return payload([userError("INVALID", "Billing cycle does not exist")]);
      if (cycle.skipped) return payload([userError("BILLING_CYCLE_SKIPPED", "Billing cycle is skipped")]);
      return payload([], this.attempt(contract, cycle));
    });

    const setStatus = (field: string, status: ContractStatus) => ({ variables }: { variables: Record<string, unknown> }) => {
      const contract = this.contracts.get(String(variables.subscriptionContractId));
      if (!contract) return { [field]: { contract: null, userErrors: [userError("INVALID", "Contract does not exist")] } };
      contract.status = status;
      return { [field]: { contract: { id: contract.id, status }, userErrors: [] } };
    };
    simulator.on("SubscriptionContractCancel", setStatus("subscriptionContractCancel", "CANCELLED"));
    simulator.on("SubscriptionContractPause", setStatus("subscriptionContractPause", "PAUSED"));

    simulator.on("SubscriptionBillingCycleSkip", ({ variables }) => {
      const contract = this.contracts.get(String(variables.contractId));
      const cycle = contract?.cycles.find((candidate) => candidate.index === Number(variables.index));
      if (!cycle) {
        return { subscriptionBillingCycleScheduleEdit: { billingCycle: null, userErrors: [userError("INVALID", "Billing cycle does not exist")] } };
      }
      cycle.skipped = true;
      return { subscriptionBillingCycleScheduleEdit: { billingCycle: { cycleIndex: cycle.index, skipped: true }, userErrors: [] } };
    });
  }
}
