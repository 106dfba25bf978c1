/**
 * Merchant actions on a contract: pause, resume, cancel, skip and unskip a
 * cycle, bill a cycle now, send the payment-method update email. Each one
 * checks the contract's state first (contract-rules.ts), then asks Shopify,
 * and records who did it and how it went (ContractActivity), refusals
 * included. Results carry an HTTP status for the route: 404 for a contract
 * the shop does not have, 409 when the contract's state forbids the action,
 * 422 when Shopify refused, 503 when Shopify could not be reached.
 */
import type { PrismaClient } from "@prisma/client";
import { AdminApiError, refuseOnUserErrors, type AdminGateway } from "../shopify/admin-gateway.server";
import { recordContractActivity } from "../dunning/contract-activity.server";
import { billRefusal, paymentEmailRefusal, refusal, skipRefusal, type BulkAction, type ContractAction } from "./contract-rules";
import { BILLING_CYCLE_SKIP_MUTATION } from "./graphql/BillingCycleSkipMutation";
import { BILLING_CYCLE_UNSKIP_MUTATION } from "./graphql/BillingCycleUnskipMutation";
import { CONTRACT_BILL_NOW_MUTATION } from "./graphql/ContractBillNowMutation";
import { CONTRACT_CANCEL_MUTATION } from "./graphql/ContractCancelMutation";
import { CONTRACT_PAUSE_MUTATION } from "./graphql/ContractPauseMutation";
import { CONTRACT_PAYMENT_METHOD_QUERY } from "./graphql/ContractPaymentMethodQuery";
import { CONTRACT_RESUME_MUTATION } from "./graphql/ContractResumeMutation";
import { PAYMENT_METHOD_UPDATE_EMAIL_MUTATION } from "./graphql/PaymentMethodUpdateEmailMutation";

export interface ActionContext {
  gateway: AdminGateway;
  prisma: PrismaClient;
  shop: string;
  /** The staff member acting (the session token's `sub`), for the activity row. */
  staffUserId: string | null;
}

export type ActionResult =
  | { ok: true; message: string; attemptId?: string }
  | { ok: false; message: string; status: 404 | 409 | 422 | 503 };

export interface ActionRequest {
  action: ContractAction;
  /** The billing cycle for skip, unskip and bill. */
  cycleIndex?: number;
}

const DONE: Record<ContractAction, string> = {
  pause: "Contract paused",
  resume: "Contract resumed",
  cancel: "Contract cancelled",
  bill: "Billing started",
  skip: "Billing cycle skipped",
  unskip: "Billing cycle unskipped",
  "payment-email": "Payment method update email sent",
  edit: "Contract updated",
};

class Refused extends Error {
  constructor(
    message: string,
    readonly status: 404 | 409,
  ) {
    super(message);
  }
}

export async function runContractAction(ctx: ActionContext, contractId: string, request: ActionRequest): Promise<ActionResult> {
  const { action, cycleIndex } = request;
  const cycle = cycleIndex === undefined ? null : `Cycle ${cycleIndex}`;
  let result: ActionResult;
  try {
    const attemptId = await perform(ctx, contractId, request);
    result = { ok: true, message: DONE[action], ...(attemptId ? { attemptId } : {}) };
  } catch (error) {
    if (error instanceof Refused) result = { ok: false, message: error.message, status: error.status };
    else if (error instanceof AdminApiError && (error.kind === "userErrors" || error.kind === "failed"))
      result = { ok: false, message: error.userErrors.map((userError) => userError.message).join("; ") || error.message, status: 422 };
    else if (error instanceof AdminApiError) result = { ok: false, message: "Shopify did not answer. Try again in a moment.", status: 503 };
    else throw error;
  }
  // A contract the shop does not have gets no history row.
  if (result.ok || result.status !== 404) {
    await recordContractActivity(ctx.prisma, {
      shop: ctx.shop,
      contractId,
      actor: "merchant",
      staffUserId: ctx.staffUserId,
      action,
      outcome: result.ok ? "succeeded" : "failed",
      // A refusal says why; a success says on what (the cycle, the billing attempt).
      detail: result.ok
        ? [cycle, result.attemptId ? `billing attempt ${result.attemptId}` : null].filter(Boolean).join(", ") || null
        : [cycle, result.message].filter(Boolean).join(": "),
    });
  }
  return result;
}

/** Does the action; returns the billing attempt's id for "bill". Throws Refused or AdminApiError. */
async function perform(ctx: ActionContext, contractId: string, { action, cycleIndex }: ActionRequest): Promise<string | void> {
  const { gateway } = ctx;
  if (action === "payment-email") return sendPaymentMethodEmail(gateway, contractId);
  const needsCycle = action === "skip" || action === "unskip" || action === "bill";
  if (needsCycle && (cycleIndex === undefined || !Number.isInteger(cycleIndex) || cycleIndex < 1)) throw new Refused("Choose a billing cycle.", 409);
  const state = await gateway.contractWithBillingCycle(contractId, { index: cycleIndex ?? 1 });
  if (!state.contract) throw new Refused("This contract does not exist in this shop.", 404);
  const refused = refusal(action, state.contract.status);
  if (refused) throw new Refused(refused, 409);
  const cycle = state.cycle && { cycleIndex: state.cycle.index, status: state.cycle.status, skipped: state.cycle.skipped };

  switch (action) {
    case "pause": {
      const data = await gateway.request(CONTRACT_PAUSE_MUTATION, { id: contractId });
      return refuseOnUserErrors("ContractPause", data.subscriptionContractPause?.userErrors);
    }
    case "resume": {
      const data = await gateway.request(CONTRACT_RESUME_MUTATION, { id: contractId });
      return refuseOnUserErrors("ContractResume", data.subscriptionContractActivate?.userErrors);
    }
    case "cancel": {
      const data = await gateway.request(CONTRACT_CANCEL_MUTATION, { id: contractId });
      return refuseOnUserErrors("ContractCancel", data.subscriptionContractCancel?.userErrors);
    }
    case "skip":
    case "unskip": {
      const skipRefused = skipRefusal(cycle, action === "skip");
      if (skipRefused) throw new Refused(skipRefused, 409);
      const variables = { contractId, index: cycleIndex! };
      if (action === "skip") {
        const data = await gateway.request(BILLING_CYCLE_SKIP_MUTATION, variables);
        return refuseOnUserErrors("BillingCycleSkip", data.subscriptionBillingCycleSkip?.userErrors);
      }
      const data = await gateway.request(BILLING_CYCLE_UNSKIP_MUTATION, variables);
      return refuseOnUserErrors("BillingCycleUnskip", data.subscriptionBillingCycleUnskip?.userErrors);
    }
    case "bill": {
      const billRefused = billRefusal(cycle);
      if (billRefused) throw new Refused(billRefused, 409);
      const data = await gateway.request(CONTRACT_BILL_NOW_MUTATION, { id: contractId, index: cycleIndex! });
      refuseOnUserErrors("ContractBillNow", data.subscriptionBillingCycleCharge?.userErrors);
      return data.subscriptionBillingCycleCharge?.subscriptionBillingAttempt?.id;
    }
    case "edit":
      throw new Refused("Edit the contract on its edit page.", 409);
  }
}

async function sendPaymentMethodEmail(gateway: AdminGateway, contractId: string): Promise<void> {
  const data = await gateway.request(CONTRACT_PAYMENT_METHOD_QUERY, { id: contractId });
  const contract = data.subscriptionContract;
  if (!contract) throw new Refused("This contract does not exist in this shop.", 404);
  const refused = paymentEmailRefusal(contract.customerPaymentMethod);
  if (refused) throw new Refused(refused, 409);
  const sent = await gateway.request(PAYMENT_METHOD_UPDATE_EMAIL_MUTATION, { paymentMethodId: contract.customerPaymentMethod!.id });
  refuseOnUserErrors("PaymentMethodUpdateEmail", sent.customerPaymentMethodSendUpdateEmail?.userErrors);
}

/** Most contracts one bulk action takes: a page of the list. */
export const MAX_BULK = 50;
const BULK_CONCURRENCY = 4;

export interface BulkOutcome {
  id: string;
  ok: boolean;
  message: string;
}

/**
 * Pauses, resumes or cancels each contract, a few at a time, and reports
 * each one's outcome: one contract refusing (already cancelled, say) does
 * not stop the others.
 */
export async function runBulkAction(ctx: ActionContext, ids: readonly string[], action: BulkAction): Promise<BulkOutcome[]> {
  const unique = [...new Set(ids)].slice(0, MAX_BULK);
  const outcomes: BulkOutcome[] = new Array(unique.length);
  let next = 0;
  const worker = async () => {
    while (next < unique.length) {
      const index = next++;
      const result = await runContractAction(ctx, unique[index], { action });
      outcomes[index] = { id: unique[index], ok: result.ok, message: result.message };
    }
  };
  await Promise.all(Array.from({ length: Math.min(BULK_CONCURRENCY, unique.length) }, worker));
  return outcomes;
}
