/**
 * Edits a contract through Shopify's draft workflow: open a draft of the
 * contract, remove, change and add lines, change its policies, commit. Nothing changes on the
 * contract until the commit succeeds; when any step is refused the draft is
 * simply not committed (Shopify has no discard: an uncommitted draft changes
 * nothing, and the next edit opens a fresh one). The edit is recorded in the
 * contract's activity either way.
 */
import { AdminApiError, type AdminGateway } from "../shopify/admin-gateway.server";
import { recordContractActivity } from "../dunning/contract-activity.server";
import type { ActionContext } from "./contract-actions.server";
import { lineLabel, productLabel } from "./contract-display";
import { addedLineConflicts, draftChanges, draftErrorField, hasChanges, type ContractEditForm, type DraftChanges, type EditFieldErrors, type EditableLine } from "./contract-edit";
import { isTerminated } from "./contract-rules";
import { CONTRACT_DETAIL_QUERY } from "./graphql/ContractDetailQuery";
import { CONTRACT_DRAFT_CREATE_MUTATION } from "./graphql/ContractDraftCreateMutation";
import { DRAFT_COMMIT_MUTATION } from "./graphql/DraftCommitMutation";
import { DRAFT_LINE_ADD_MUTATION } from "./graphql/DraftLineAddMutation";
import { DRAFT_LINE_REMOVE_MUTATION } from "./graphql/DraftLineRemoveMutation";
import { DRAFT_LINE_UPDATE_MUTATION } from "./graphql/DraftLineUpdateMutation";
import { DRAFT_UPDATE_MUTATION } from "./graphql/DraftUpdateMutation";

export interface EditableContract {
  id: string;
  status: string;
  currencyCode: string;
  lines: Array<EditableLine & { title: string; variantTitle: string | null; variantId: string | null }>;
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
      variantId: line.variantId ?? null,
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

function fieldErrors(userErrors: ReadonlyArray<{ field?: readonly string[] | null; message: string }> | undefined, row: string | null) {
  const errors: EditFieldErrors = {};
  for (const error of userErrors ?? []) errors[draftErrorField(row, error)] ??= error.message;
  return errors;
}

/** The activity log's account of the edit; `addedLabels` are the added lines as Shopify named them. */
function describe(contract: EditableContract, changes: DraftChanges, addedLabels: string[]): string {
  const line = (id: string) => contract.lines.find((candidate) => candidate.id === id)!;
  const parts = changes.lineRemovals.map((id) => `removed ${lineLabel(line(id))}`);
  for (const { lineId, input } of changes.lineUpdates) {
    const before = line(lineId);
    const what = [input.quantity !== undefined ? `quantity ${before.quantity} → ${input.quantity}` : null, input.currentPrice !== undefined ? `price ${before.price} → ${input.currentPrice}` : null];
    parts.push(`${lineLabel(before)}: ${what.filter(Boolean).join(", ")}`);
  }
  changes.lineAdds.forEach(({ input }, index) => parts.push(`added ${addedLabels[index]} × ${input.quantity} at ${input.currentPrice}`));
  if (changes.policy) parts.push(`frequency ${contract.intervalCount} ${contract.interval} → ${changes.policy.intervalCount} ${changes.policy.interval}`);
  return parts.join("; ");
}

export async function editContract(ctx: ActionContext, contractId: string, form: ContractEditForm): Promise<EditResult> {
  const contract = await loadEditableContract(ctx.gateway, contractId);
  if (!contract) return { ok: false, status: 404, errors: { form: "This contract does not exist in this shop." } };
  if (isTerminated(contract.status)) return { ok: false, status: 409, errors: { form: `The contract is ${contract.status.toLowerCase()}: it cannot change any more.` } };
  const unknown = form.lines.findIndex((line) => !contract.lines.some((candidate) => candidate.id === line.id));
  if (unknown >= 0) return { ok: false, status: 409, errors: { form: "The contract's products changed meanwhile. Reload the page." } };
  const conflicts = addedLineConflicts(contract.lines, form);
  if (Object.keys(conflicts).length > 0) return { ok: false, status: 422, errors: conflicts };
  const changes = draftChanges(contract, form);
  if (!hasChanges(changes)) return { ok: true, changed: false };

  const record = (outcome: "succeeded" | "failed", detail: string) =>
    recordContractActivity(ctx.prisma, { shop: ctx.shop, contractId, actor: "merchant", staffUserId: ctx.staffUserId, action: "edit", outcome, detail });
  let addedLabels: string[];
  try {
    addedLabels = await applyThroughDraft(ctx.gateway, contract, form, changes);
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
  await record("succeeded", describe(contract, changes, addedLabels));
  return { ok: true, changed: true };
}

/** Applies the changes to a fresh draft and commits it; returns the added lines' labels. */
async function applyThroughDraft(gateway: AdminGateway, contract: EditableContract, form: ContractEditForm, changes: DraftChanges): Promise<string[]> {
  const opened = (await gateway.request(CONTRACT_DRAFT_CREATE_MUTATION, { contractId: contract.id })).subscriptionContractUpdate;
  const draftId = opened?.draft?.id;
  if (!draftId) throw new StepRefused(fieldErrors(opened?.userErrors, null));
  const formRow = (lineId: string) => `lines[${form.lines.findIndex((line) => line.id === lineId)}]`;

  for (const lineId of changes.lineRemovals) {
    const payload = (await gateway.request(DRAFT_LINE_REMOVE_MUTATION, { draftId, lineId })).subscriptionDraftLineRemove;
    if (!payload || payload.userErrors.length > 0) throw new StepRefused(fieldErrors(payload?.userErrors, formRow(lineId)));
  }
  for (const update of changes.lineUpdates) {
    const payload = (await gateway.request(DRAFT_LINE_UPDATE_MUTATION, { draftId, lineId: update.lineId, input: update.input })).subscriptionDraftLineUpdate;
    if (!payload || payload.userErrors.length > 0) throw new StepRefused(fieldErrors(payload?.userErrors, formRow(update.lineId)));
  }
  const addedLabels: string[] = [];
  for (const { index, input } of changes.lineAdds) {
    const payload = (await gateway.request(DRAFT_LINE_ADD_MUTATION, { draftId, input })).subscriptionDraftLineAdd;
    if (!payload?.lineAdded || payload.userErrors.length > 0) throw new StepRefused(fieldErrors(payload?.userErrors, `added[${index}]`));
    addedLabels.push(productLabel(payload.lineAdded));
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
  return addedLabels;
}
