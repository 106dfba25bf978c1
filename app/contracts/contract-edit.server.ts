/**
 * Edits a contract through Shopify's draft workflow: open a draft of the
 * contract, change its lines and policies, commit. Nothing changes on the
 * contract until the commit succeeds; when any step is refused the draft is
 * simply not committed (Shopify has no discard: an uncommitted draft changes
 * nothing, and the next edit opens a fresh one). The edit is recorded in the
 * contract's activity either way.
 */
import { AdminApiError, type AdminGateway } from "../shopify/admin-gateway.server";
import { recordContractActivity } from "../dunning/contract-activity.server";
import type { ActionContext } from "./contract-actions.server";
import { lineLabel } from "./contract-display";
import { draftChanges, draftErrorField, hasChanges, type ContractEditForm, type DraftChanges, type EditFieldErrors, type EditableLine } from "./contract-edit";
import { isTerminated } from "./contract-rules";
import { CONTRACT_DETAIL_QUERY } from "./graphql/ContractDetailQuery";
import { CONTRACT_DRAFT_CREATE_MUTATION } from "./graphql/ContractDraftCreateMutation";
import { DRAFT_COMMIT_MUTATION } from "./graphql/DraftCommitMutation";
import { DRAFT_LINE_UPDATE_MUTATION } from "./graphql/DraftLineUpdateMutation";
import { DRAFT_UPDATE_MUTATION } from "./graphql/DraftUpdateMutation";

export interface EditableContract {
  id: string;
  status: string;
  currencyCode: string;
  lines: Array<EditableLine & { title: string; variantTitle: string | null }>;
  interval: string;
  intervalCount: number;
  minCycles: number | null;
  maxCycles: number | null;
}

/** The contract as the edit form shows it, or null when the shop has no such contract. */
export async function loadEditableContract(gateway: AdminGateway, id: string): Promise<EditableContract | null> {
  const contract = (await gateway.request(CONTRACT_DETAIL_QUERY, { id })).subscriptionContract;
  if (!contract) return null;
  return {
    id: contract.id,
    status: contract.status,
    currencyCode: contract.currencyCode,
    lines: contract.lines.nodes.map((line) => ({
      id: line.id,
      title: line.title,
      variantTitle: line.variantTitle ?? null,
      quantity: line.quantity,
      price: Number(line.currentPrice.amount).toFixed(2),
    })),
    interval: contract.billingPolicy.interval,
    intervalCount: contract.billingPolicy.intervalCount,
    minCycles: contract.billingPolicy.minCycles ?? null,
    maxCycles: contract.billingPolicy.maxCycles ?? null,
  };
}

export type EditResult = { ok: true; changed: boolean } | { ok: false; status: 404 | 409 | 422 | 503; errors: EditFieldErrors };

class StepRefused extends Error {
  constructor(readonly errors: EditFieldErrors) {
    super(Object.values(errors).join("; "));
  }
}

function fieldErrors(userErrors: ReadonlyArray<{ field?: readonly string[] | null; message: string }> | undefined, lineIndex: number | null) {
  const errors: EditFieldErrors = {};
  for (const error of userErrors ?? []) errors[draftErrorField(lineIndex, error)] ??= error.message;
  return errors;
}

function describe(contract: EditableContract, changes: DraftChanges): string {
  const parts = changes.lineUpdates.map(({ lineId, input }) => {
    const line = contract.lines.find((candidate) => candidate.id === lineId)!;
    const what = [input.quantity !== undefined ? `quantity ${line.quantity} → ${input.quantity}` : null, input.currentPrice !== undefined ? `price ${line.price} → ${input.currentPrice}` : null];
    return `${lineLabel(line)}: ${what.filter(Boolean).join(", ")}`;
  });
  if (changes.policy) parts.push(`frequency ${contract.intervalCount} ${contract.interval} → ${changes.policy.intervalCount} ${changes.policy.interval}`);
  return parts.join("; ");
}

export async function editContract(ctx: ActionContext, contractId: string, form: ContractEditForm): Promise<EditResult> {
  const contract = await loadEditableContract(ctx.gateway, contractId);
  if (!contract) return { ok: false, status: 404, errors: { form: "This contract does not exist in this shop." } };
  if (isTerminated(contract.status)) return { ok: false, status: 409, errors: { form: `The contract is ${contract.status.toLowerCase()}: it cannot change any more.` } };
  const unknown = form.lines.findIndex((line) => !contract.lines.some((candidate) => candidate.id === line.id));
  if (unknown >= 0) return { ok: false, status: 409, errors: { form: "The contract's products changed meanwhile. Reload the page." } };
  const changes = draftChanges(contract, form);
  if (!hasChanges(changes)) return { ok: true, changed: false };

  const record = (outcome: "succeeded" | "failed", detail: string) =>
    recordContractActivity(ctx.prisma, { shop: ctx.shop, contractId, actor: "merchant", staffUserId: ctx.staffUserId, action: "edit", outcome, detail });
  try {
    await applyThroughDraft(ctx.gateway, contract, form, changes);
  } catch (error) {
    if (error instanceof StepRefused) {
      await record("failed", error.message);
      return { ok: false, status: 422, errors: error.errors };
    }
    if (error instanceof AdminApiError) {
      await record("failed", error.message);
      return { ok: false, status: error.retryable ? 503 : 422, errors: { form: error.retryable ? "Shopify did not answer. Try again in a moment." : error.message } };
    }
    throw error;
  }
  await record("succeeded", describe(contract, changes));
  return { ok: true, changed: true };
}

async function applyThroughDraft(gateway: AdminGateway, contract: EditableContract, form: ContractEditForm, changes: DraftChanges): Promise<void> {
  const opened = (await gateway.request(CONTRACT_DRAFT_CREATE_MUTATION, { contractId: contract.id })).subscriptionContractUpdate;
  const draftId = opened?.draft?.id;
  if (!draftId) throw new StepRefused(fieldErrors(opened?.userErrors, null));

  for (const update of changes.lineUpdates) {
    const lineIndex = form.lines.findIndex((line) => line.id === update.lineId);
    const payload = (await gateway.request(DRAFT_LINE_UPDATE_MUTATION, { draftId, lineId: update.lineId, input: update.input })).subscriptionDraftLineUpdate;
    if (!payload || payload.userErrors.length > 0) throw new StepRefused(fieldErrors(payload?.userErrors, lineIndex));
  }
  if (changes.policy) {
    // The app bills once per delivery: billing and delivery change together, keeping the contract's cycle limits.
    const billingPolicy = { ...changes.policy, minCycles: contract.minCycles, maxCycles: contract.maxCycles };
    const payload = (await gateway.request(DRAFT_UPDATE_MUTATION, { draftId, input: { billingPolicy, deliveryPolicy: changes.policy } })).subscriptionDraftUpdate;
    if (!payload || payload.userErrors.length > 0) throw new StepRefused(fieldErrors(payload?.userErrors, null));
  }
  const committed = (await gateway.request(DRAFT_COMMIT_MUTATION, { draftId })).subscriptionDraftCommit;
  if (!committed?.contract || committed.userErrors.length > 0) {
    const stale = committed?.userErrors.some((error) => error.code === "STALE_CONTRACT");
    throw new StepRefused(stale ? { form: "The contract changed while you edited it. Reload the page and try again." } : fieldErrors(committed?.userErrors, null));
  }
}
