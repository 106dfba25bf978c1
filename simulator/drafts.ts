/**
 * Shopify's contract edit workflow: `subscriptionContractUpdate` opens a
 * draft (a copy of the contract at its revisionId), the draft mutations
 * change only the draft, and `subscriptionDraftCommit` applies it to the
 * contract, unless the contract changed meanwhile (STALE_CONTRACT). A
 * refused draft mutation changes nothing. The 2026-10 schema has no
 * `subscriptionDraftDiscard`: a draft nobody commits just stays open
 * (`SubscriptionsState.openDrafts(contractId)` lists them). Discounts are
 * not modelled (always empty).
 */
import type { AdminApiSimulator } from "./admin-api";
import {
  amount,
  billingPolicyObject,
  deliveryMethodFrom,
  deliveryMethodObject,
  deliveryPolicyObject,
  emptyConnection,
  lineFromVariant,
  lineObject,
  linesConnection,
  money,
  nextBillingDate,
  type ContractStatus,
  type DeliveryMethodInput,
  type SimulatedContract,
  type SimulatedCycleDiscount,
  type SimulatedDeliveryMethod,
  type SimulatedLine,
  type SimulatedPolicy,
  type SubscriptionActor,
} from "./contracts";
import type { AdjustmentType, SellingPlanInterval } from "./plans";
import type { SubscriptionsState } from "./subscriptions";

export interface SimulatedDraft {
  id: string;
  shop: string;
  contractId: string;
  /** The contract's revisionId when the draft was made: committing after it changed is refused. */
  baseRevision: number;
  committed: boolean;
  createdAt: string;
  lines: SimulatedLine[];
  /** Lines added to, and contract lines removed from, this draft. */
  addedLineIds: string[];
  removedLines: SimulatedLine[];
  billingPolicy: SimulatedPolicy;
  deliveryPolicy: SimulatedPolicy;
  deliveryMethod: SimulatedDeliveryMethod | null;
  deliveryPrice: string;
  nextBillingDate: string | null;
  note: string | null;
  status: ContractStatus;
  paymentMethodId: string | null;
}

/** The quantities the admin accepts on a subscription line. */
export const MAX_LINE_QUANTITY = 1_000_000;
/** The longest note the simulator accepts (Shopify's limit is not documented). */
export const MAX_NOTE_LENGTH = 5000;

type Maybe<T> = T | null | undefined;
type DraftError = { field: string[] | null; message: string; code: string };

interface PricingPolicyInput {
  basePrice: string | number;
  cycleDiscounts: Array<{
    adjustmentType: AdjustmentType;
    adjustmentValue: { percentage?: Maybe<number>; fixedValue?: Maybe<string | number> };
    afterCycle: number;
    computedPrice: string | number;
  }>;
}

interface LineInput {
  productVariantId?: Maybe<string>;
  quantity?: Maybe<number>;
  currentPrice?: Maybe<string | number>;
  pricingPolicy?: Maybe<PricingPolicyInput>;
  sellingPlanId?: Maybe<string>;
  sellingPlanName?: Maybe<string>;
}

interface PolicyInput {
  interval: SellingPlanInterval;
  intervalCount: number;
  minCycles?: Maybe<number>;
  maxCycles?: Maybe<number>;
}

interface DraftInput {
  billingPolicy?: Maybe<PolicyInput>;
  deliveryPolicy?: Maybe<PolicyInput>;
  deliveryMethod?: Maybe<DeliveryMethodInput>;
  deliveryPrice?: Maybe<string | number>;
  nextBillingDate?: Maybe<string>;
  note?: Maybe<string>;
  status?: Maybe<ContractStatus>;
  paymentMethodId?: Maybe<string>;
}

const error = (code: string, message: string, field: string[] | null = null): DraftError => ({ field, message, code });
const DAYS: Partial<Record<SellingPlanInterval, number>> = { DAY: 1, WEEK: 7 };
const MONTHS: Partial<Record<SellingPlanInterval, number>> = { MONTH: 1, YEAR: 12 };

/** Billing every 2 months with monthly deliveries is fine; monthly billing with deliveries every 2 weeks is not. */
function billingIsMultipleOfDelivery(billing: SimulatedPolicy, delivery: SimulatedPolicy): boolean {
  for (const unit of [DAYS, MONTHS]) {
    const billed = unit[billing.interval];
    const delivered = unit[delivery.interval];
    if (billed !== undefined && delivered !== undefined) return (billed * billing.intervalCount) % (delivered * delivery.intervalCount) === 0;
  }
  return false;
}

function pricingPolicyFrom(input: PricingPolicyInput, path: string[], errors: DraftError[]): SimulatedLine["pricingPolicy"] {
  const afterCycles = new Set<number>();
  const cycleDiscounts: SimulatedCycleDiscount[] = [];
  input.cycleDiscounts.forEach((discount, i) => {
    const at = [...path, "cycleDiscounts", String(i)];
    const { percentage, fixedValue } = discount.adjustmentValue;
    const hasPercentage = percentage !== undefined && percentage !== null;
    const hasFixed = fixedValue !== undefined && fixedValue !== null;
    if (hasPercentage === hasFixed || hasPercentage !== (discount.adjustmentType === "PERCENTAGE")) {
      errors.push(error("INVALID_ADJUSTMENT_VALUE", "Adjustment value does not match the adjustment type", [...at, "adjustmentValue"]));
    }
    if (afterCycles.has(discount.afterCycle)) errors.push(error("CYCLE_DISCOUNTS_UNIQUE_AFTER_CYCLE", "Cycle discounts must have different afterCycle values", [...at, "afterCycle"]));
    afterCycles.add(discount.afterCycle);
    cycleDiscounts.push({
      adjustmentType: discount.adjustmentType,
      percentage: hasPercentage ? Number(percentage) : null,
      amount: hasFixed ? amount(fixedValue!) : null,
      afterCycle: discount.afterCycle,
      computedPrice: amount(discount.computedPrice),
    });
  });
  return { basePrice: amount(input.basePrice), cycleDiscounts };
}

/** Checks the quantity and price of a line input (all optional for an update). */
function checkLine(input: LineInput, errors: DraftError[]): void {
  if (input.quantity !== undefined && input.quantity !== null && (input.quantity < 1 || input.quantity > MAX_LINE_QUANTITY)) {
    errors.push(error("NOT_IN_RANGE", `Quantity must be between 1 and ${MAX_LINE_QUANTITY}`, ["input", "quantity"]));
  }
  if (input.currentPrice !== undefined && input.currentPrice !== null && !(Number(input.currentPrice) >= 0)) {
    errors.push(error("GREATER_THAN_OR_EQUAL_TO", "Current price must be greater than or equal to 0", ["input", "currentPrice"]));
  }
}

function policyFrom(input: PolicyInput, kind: "billingPolicy" | "deliveryPolicy", errors: DraftError[]): SimulatedPolicy {
  const path = ["input", kind];
  if (input.intervalCount < 1) errors.push(error("GREATER_THAN", "Interval count must be greater than 0", [...path, "intervalCount"]));
  const minCycles = kind === "billingPolicy" ? (input.minCycles ?? null) : null;
  const maxCycles = kind === "billingPolicy" ? (input.maxCycles ?? null) : null;
  if (minCycles !== null && maxCycles !== null && maxCycles < minCycles) {
    errors.push(error("SELLING_PLAN_MAX_CYCLES_MUST_BE_GREATER_THAN_MIN_CYCLES", "Max cycles must be greater than min cycles", [...path, "maxCycles"]));
  }
  return { interval: input.interval, intervalCount: input.intervalCount, minCycles, maxCycles };
}

export function draftObject(state: SubscriptionsState, draft: SimulatedDraft): Record<string, unknown> {
  const contract = state.findContract(draft.shop, draft.contractId);
  const currency = contract?.currencyCode ?? "USD";
  const customer = contract ? state.customers.get(contract.customerId) : undefined;
  const method = draft.paymentMethodId ? state.paymentMethods.get(draft.paymentMethodId) : undefined;
  return {
    __typename: "SubscriptionDraft",
    id: draft.id,
    status: draft.status,
    currencyCode: currency,
    note: draft.note,
    nextBillingDate: draft.nextBillingDate,
    billingPolicy: billingPolicyObject(draft.billingPolicy),
    deliveryPolicy: deliveryPolicyObject(draft.deliveryPolicy),
    deliveryMethod: deliveryMethodObject(draft.deliveryMethod),
    deliveryPrice: money(draft.deliveryPrice, currency),
    customer: customer ? state.answers.customer(customer) : undefined,
    customerPaymentMethod: (args: Record<string, unknown>) => (method && (!method.revokedAt || args.showRevoked) ? state.answers.paymentMethod(method) : null),
    lines: linesConnection(draft.lines, currency),
    linesAdded: linesConnection(
      draft.lines.filter((line) => draft.addedLineIds.includes(line.id)),
      currency,
    ),
    linesRemoved: linesConnection(draft.removedLines, currency),
    discounts: emptyConnection,
    discountsAdded: emptyConnection,
    discountsRemoved: emptyConnection,
    discountsUpdated: emptyConnection,
    concatenatedBillingCycles: emptyConnection,
    billingCycle: null,
    originalContract: contract ? state.answers.contract(contract) : null,
    customAttributes: [],
    deliveryOptions: null,
    shippingOptions: null,
  };
}

/** Answers the draft workflow's root fields from `state`. */
export function installDrafts(state: SubscriptionsState, simulator: AdminApiSimulator): void {
  const iso = () => new Date(state.now()).toISOString();

  /** The draft a mutation names, if it is this shop's and still open. */
  const openDraft = (shop: string, id: unknown): SimulatedDraft | DraftError => {
    const draft = state.drafts.get(String(id));
    if (!draft || draft.shop !== shop) return error("INVALID", "Draft does not exist", ["draftId"]);
    if (draft.committed) return error("COMMITTED", "Draft has already been committed", ["draftId"]);
    return draft;
  };
  const isError = (value: unknown): value is DraftError => typeof value === "object" && value !== null && "code" in value && "message" in value;

  simulator.onMutation("subscriptionContractUpdate", (args, { shop }) => {
    const contract = state.findContract(shop.domain, String(args.contractId));
    if (!contract) return { draft: null, userErrors: [error("INVALID", "Contract does not exist", ["contractId"])] };
    const draft: SimulatedDraft = {
      id: state.newDraftId(),
      shop: shop.domain,
      contractId: contract.id,
      baseRevision: contract.revisionId,
      committed: false,
      createdAt: iso(),
      lines: structuredClone(contract.lines),
      addedLineIds: [],
      removedLines: [],
      billingPolicy: { ...contract.billingPolicy },
      deliveryPolicy: { ...contract.deliveryPolicy },
      deliveryMethod: structuredClone(contract.deliveryMethod),
      deliveryPrice: contract.deliveryPrice,
      nextBillingDate: nextBillingDate(contract),
      note: contract.note,
      status: contract.status,
      paymentMethodId: contract.paymentMethodId,
    };
    state.drafts.set(draft.id, draft);
    contract.history.push({ action: "draft", actor: (args.actor as SubscriptionActor | null | undefined) ?? null, at: iso(), draftId: draft.id });
    return { draft: draftObject(state, draft), userErrors: [] };
  });

  simulator.onQuery("subscriptionDraft", (args, { shop }) => {
    const draft = state.drafts.get(String(args.id));
    return draft && draft.shop === shop.domain ? draftObject(state, draft) : null;
  });

  simulator.onMutation("subscriptionDraftLineAdd", (args, { shop }) => {
    const refused = (userErrors: DraftError[]) => ({ draft: null, lineAdded: null, userErrors });
    const draft = openDraft(shop.domain, args.draftId);
    if (isError(draft)) return refused([draft]);
    const input = args.input as LineInput & { productVariantId: string; quantity: number; currentPrice: string | number };
    const errors: DraftError[] = [];
    const found = state.variant(shop.domain, input.productVariantId);
    if (!found) errors.push(error("INVALID", "Product variant does not exist", ["input", "productVariantId"]));
    checkLine(input, errors);
    const pricingPolicy = input.pricingPolicy ? pricingPolicyFrom(input.pricingPolicy, ["input", "pricingPolicy"], errors) : null;
    if (errors.length > 0 || !found) return refused(errors);
    const line: SimulatedLine = {
      ...lineFromVariant(state.newLineId(), found.product, found.variant, input.quantity, input.currentPrice),
      sellingPlanId: input.sellingPlanId ?? null,
      sellingPlanName: input.sellingPlanName ?? null,
      pricingPolicy,
    };
    draft.lines.push(line);
    draft.addedLineIds.push(line.id);
    return { draft: draftObject(state, draft), lineAdded: lineObject(line, currencyOf(state, draft)), userErrors: [] };
  });

  /** The draft's line a mutation names; ALREADY_REMOVED for a line removed from the draft. */
  const draftLine = (draft: SimulatedDraft, lineId: unknown): SimulatedLine | DraftError => {
    const line = draft.lines.find((candidate) => candidate.id === lineId);
    if (line) return line;
    if (draft.removedLines.some((removed) => removed.id === lineId)) return error("ALREADY_REMOVED", "Line has already been removed", ["lineId"]);
    return error("INVALID", "Line does not exist", ["lineId"]);
  };

  simulator.onMutation("subscriptionDraftLineUpdate", (args, { shop }) => {
    const refused = (userErrors: DraftError[]) => ({ draft: null, lineUpdated: null, userErrors });
    const draft = openDraft(shop.domain, args.draftId);
    if (isError(draft)) return refused([draft]);
    const line = draftLine(draft, args.lineId);
    if (isError(line)) return refused([line]);
    const input = args.input as LineInput;
    const errors: DraftError[] = [];
    checkLine(input, errors);
    const swap = input.productVariantId ? state.variant(shop.domain, input.productVariantId) : undefined;
    if (input.productVariantId && !swap) errors.push(error("INVALID", "Product variant does not exist", ["input", "productVariantId"]));
    const pricingPolicy = input.pricingPolicy ? pricingPolicyFrom(input.pricingPolicy, ["input", "pricingPolicy"], errors) : undefined;
    if (errors.length > 0) return refused(errors);
    if (swap) {
      const swapped = lineFromVariant(line.id, swap.product, swap.variant, line.quantity, line.currentPrice);
      Object.assign(line, { productId: swapped.productId, variantId: swapped.variantId, title: swapped.title, variantTitle: swapped.variantTitle, sku: swapped.sku });
    }
    if (input.quantity !== undefined && input.quantity !== null) line.quantity = input.quantity;
    if (input.currentPrice !== undefined && input.currentPrice !== null) line.currentPrice = amount(input.currentPrice);
    if (pricingPolicy !== undefined) line.pricingPolicy = pricingPolicy;
    if (input.sellingPlanId !== undefined) line.sellingPlanId = input.sellingPlanId ?? null;
    if (input.sellingPlanName !== undefined) line.sellingPlanName = input.sellingPlanName ?? null;
    return { draft: draftObject(state, draft), lineUpdated: lineObject(line, currencyOf(state, draft)), userErrors: [] };
  });

  simulator.onMutation("subscriptionDraftLineRemove", (args, { shop }) => {
    const refused = (userErrors: DraftError[]) => ({ draft: null, lineRemoved: null, discountsUpdated: null, userErrors });
    const draft = openDraft(shop.domain, args.draftId);
    if (isError(draft)) return refused([draft]);
    const line = draftLine(draft, args.lineId);
    if (isError(line)) return refused([line]);
    draft.lines = draft.lines.filter((candidate) => candidate !== line);
    if (draft.addedLineIds.includes(line.id)) draft.addedLineIds = draft.addedLineIds.filter((id) => id !== line.id);
    else draft.removedLines.push(line);
    return { draft: draftObject(state, draft), lineRemoved: lineObject(line, currencyOf(state, draft)), discountsUpdated: [], userErrors: [] };
  });

  simulator.onMutation("subscriptionDraftUpdate", (args, { shop }) => {
    const refused = (userErrors: DraftError[]) => ({ draft: null, userErrors });
    const draft = openDraft(shop.domain, args.draftId);
    if (isError(draft)) return refused([draft]);
    const input = args.input as DraftInput;
    const errors: DraftError[] = [];
    const billingPolicy = input.billingPolicy ? policyFrom(input.billingPolicy, "billingPolicy", errors) : draft.billingPolicy;
    const deliveryPolicy = input.deliveryPolicy ? policyFrom(input.deliveryPolicy, "deliveryPolicy", errors) : draft.deliveryPolicy;
    if ((input.billingPolicy || input.deliveryPolicy) && errors.length === 0 && !billingIsMultipleOfDelivery(billingPolicy, deliveryPolicy)) {
      errors.push(error("DELIVERY_MUST_BE_MULTIPLE_OF_BILLING", "The billing interval must be a multiple of the delivery interval", ["input", "deliveryPolicy"]));
    }
    let deliveryMethod = draft.deliveryMethod;
    if (input.deliveryMethod) {
      const built = deliveryMethodFrom(input.deliveryMethod, draft.deliveryMethod, () => state.newAddressId());
      if ("error" in built) errors.push(error(built.code, built.error, ["input", "deliveryMethod"]));
      else deliveryMethod = built;
    }
    if (input.deliveryPrice !== undefined && input.deliveryPrice !== null && !(Number(input.deliveryPrice) >= 0)) {
      errors.push(error("GREATER_THAN_OR_EQUAL_TO", "Delivery price must be greater than or equal to 0", ["input", "deliveryPrice"]));
    }
    if (input.nextBillingDate && !(Date.parse(input.nextBillingDate) > state.now())) {
      errors.push(error("INVALID_BILLING_DATE", "Next billing date must be in the future", ["input", "nextBillingDate"]));
    }
    if (input.note && input.note.length > MAX_NOTE_LENGTH) errors.push(error("INVALID_NOTE_LENGTH", `Note must be at most ${MAX_NOTE_LENGTH} characters`, ["input", "note"]));
    if (input.paymentMethodId) {
      const method = state.paymentMethods.get(input.paymentMethodId);
      const contract = state.findContract(draft.shop, draft.contractId);
      if (!method || method.shop !== draft.shop) errors.push(error("INVALID", "Payment method does not exist", ["input", "paymentMethodId"]));
      else if (method.customerId !== contract?.customerId) errors.push(error("CUSTOMER_MISMATCH", "Payment method belongs to another customer", ["input", "paymentMethodId"]));
    }
    if (errors.length > 0) return refused(errors);
    draft.billingPolicy = billingPolicy;
    draft.deliveryPolicy = deliveryPolicy;
    draft.deliveryMethod = deliveryMethod;
    if (input.deliveryPrice !== undefined && input.deliveryPrice !== null) draft.deliveryPrice = amount(input.deliveryPrice);
    if (input.nextBillingDate) draft.nextBillingDate = new Date(input.nextBillingDate).toISOString();
    if (input.note !== undefined) draft.note = input.note ?? null;
    if (input.status) draft.status = input.status;
    if (input.paymentMethodId) draft.paymentMethodId = input.paymentMethodId;
    return { draft: draftObject(state, draft), userErrors: [] };
  });

  simulator.onMutation("subscriptionDraftCommit", (args, { shop }) => {
    const refused = (userErrors: DraftError[]) => ({ contract: null, userErrors });
    const draft = openDraft(shop.domain, args.draftId);
    if (isError(draft)) return refused([draft]);
    const contract = state.findContract(shop.domain, draft.contractId);
    if (!contract) return refused([error("INVALID", "Contract does not exist")]);
    if (contract.revisionId !== draft.baseRevision) return refused([error("STALE_CONTRACT", "The contract has changed since this draft was created")]);
    if (draft.lines.length === 0) return refused([error("INVALID_LINES", "A contract needs at least one line")]);
    applyDraft(state, contract, draft);
    draft.committed = true;
    contract.history.push({ action: "commit", actor: null, at: iso(), draftId: draft.id });
    return { contract: state.answers.contract(contract), userErrors: [] };
  });
}

function currencyOf(state: SubscriptionsState, draft: SimulatedDraft): string {
  return state.findContract(draft.shop, draft.contractId)?.currencyCode ?? "USD";
}

/** The draft's changes, onto the contract: a new revision; cycles re-planned if the schedule changed. */
function applyDraft(state: SubscriptionsState, contract: SimulatedContract, draft: SimulatedDraft): void {
  const policyChanged =
    contract.billingPolicy.interval !== draft.billingPolicy.interval || contract.billingPolicy.intervalCount !== draft.billingPolicy.intervalCount;
  const dateChanged = draft.nextBillingDate !== null && draft.nextBillingDate !== nextBillingDate(contract);
  contract.lines = structuredClone(draft.lines);
  contract.billingPolicy = { ...draft.billingPolicy };
  contract.deliveryPolicy = { ...draft.deliveryPolicy };
  contract.deliveryMethod = structuredClone(draft.deliveryMethod);
  contract.deliveryPrice = draft.deliveryPrice;
  contract.note = draft.note;
  contract.status = draft.status;
  contract.paymentMethodId = draft.paymentMethodId;
  if (policyChanged || dateChanged) state.replanCycles(contract, draft.nextBillingDate ?? undefined);
  state.touch(contract);
}
