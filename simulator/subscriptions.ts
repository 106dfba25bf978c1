/**
 * Subscription contracts as Shopify keeps them, with their customers,
 * payment methods, orders, billing cycles, billing attempts and drafts, and
 * the Admin API root fields that answer from them (contract data, listing
 * and lifecycle in contracts.ts, the draft workflow in drafts.ts, billing
 * here). Payments succeed or fail as scripted per contract. Shopify reports
 * an attempt's outcome by webhook; tests read settled attempts from
 * `takeNewAttempts()` and deliver those webhooks themselves
 * (webhook-payloads.ts has the payload shapes).
 *
 * Billing cycles: cycle 1 is the origin order (BILLED at createdAt), then one
 * every billing interval; `billingAttemptExpectedDate` is also the cycle's
 * end, and a cycle starts where the previous one ends. A test that gives
 * explicit `cycles` gets exactly those (the billing engine's tests do).
 */
import { randomUUID } from "node:crypto";
import type { AdminApiSimulator } from "./admin-api";
import { DEMO_CATALOGUE, type CatalogueProduct, type CatalogueVariant } from "./catalogue";
import {
  addInterval,
  addressFrom,
  amount,
  ContractAnswers,
  cycleAt,
  cycleStartAt,
  DAY_MS,
  deliveryMethodFrom,
  discountedPrice,
  hexToken,
  installContracts,
  lineFromVariant,
  orderTotal,
  TERMINATED,
  type ContractEvent,
  type ContractStatus,
  type DeliveryMethodInput,
  type MailingAddressInput,
  type SimulatedAttempt,
  type SimulatedContract,
  type SimulatedCustomer,
  type SimulatedCycle,
  type SimulatedCycleDiscount,
  type SimulatedLine,
  type SimulatedOrder,
  type SimulatedPaymentMethod,
  type SimulatedPolicy,
  type SubscriptionActor,
} from "./contracts";
import { installDrafts, type SimulatedDraft } from "./drafts";
import { connection, numericId, SIMULATED_APP_ID } from "./plans";

export type {
  ContractEvent,
  ContractStatus,
  SimulatedAttempt,
  SimulatedContract,
  SimulatedCustomer,
  SimulatedCycle,
  SimulatedLine,
  SimulatedOrder,
  SimulatedPaymentMethod,
  SubscriptionActor,
} from "./contracts";
export type { SimulatedDraft } from "./drafts";

/** A line to put on a new contract: a catalogue variant (the shop's first one by default), or anything spelt out. */
export interface NewLine {
  variantId?: string;
  productId?: string | null;
  title?: string;
  variantTitle?: string | null;
  sku?: string | null;
  quantity?: number;
  /** Unit price; defaults to the variant's price after the matching selling plan's discount. */
  currentPrice?: string | number;
  sellingPlanId?: string | null;
  sellingPlanName?: string | null;
  pricingPolicy?: SimulatedLine["pricingPolicy"];
}

export interface NewCustomer {
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string | null;
  address?: MailingAddressInput;
}

export interface NewPaymentMethod {
  brand?: string;
  lastDigits?: string;
  expiryMonth?: number;
  expiryYear?: number;
  name?: string;
  /** Revoked (with this CustomerPaymentMethodRevocationReason, or MANUALLY_REVOKED for `true`). */
  revoked?: boolean | string;
}

export interface NewContract {
  id?: string;
  status?: ContractStatus;
  /** Exactly these cycles, UNBILLED, instead of cycles generated from the billing policy. */
  cycles?: Array<{ index: number; expectedDate: Date | string }>;
  /** The error code new payments fail with (null: they succeed). */
  paymentError?: string | null;
  createdAt?: Date | string;
  /** An existing customer's ID, or a new customer (made up when left out). */
  customer?: string | NewCustomer;
  lines?: NewLine[];
  billingPolicy?: Partial<SimulatedPolicy>;
  /** Defaults to the billing policy's interval. */
  deliveryPolicy?: Partial<Pick<SimulatedPolicy, "interval" | "intervalCount">>;
  currencyCode?: string;
  /** Shopify's SubscriptionDeliveryMethodInput; shipping to the customer's address by default; null for none. */
  deliveryMethod?: DeliveryMethodInput | null;
  deliveryPrice?: string | number;
  note?: string | null;
  /** A visa card by default; null for none. */
  paymentMethod?: NewPaymentMethod | null;
  /** Created at checkout with an origin order (cycle 1, BILLED); false for a contract created through the API. */
  originOrder?: boolean;
  /** How many cycles to generate at first (more are added on demand); defaults to every past cycle and 12 more. */
  cycleCount?: number;
  /**
   * Past billing attempts, in order: each settles at once, a success bills its
   * cycle with an order. Defaults to one successful attempt for every
   * generated cycle after the first that was due before now.
   */
  billingHistory?: Array<{ cycleIndex: number; errorCode?: string | null; at?: Date | string }>;
  /** Reads of `subscriptionBillingAttempt` a new attempt stays pending for (SubscriptionsState.pendingReads by default). */
  pendingReads?: number;
}

export interface SentUpdateEmail {
  shop: string;
  paymentMethodId: string;
  customerId: string;
  at: string;
  /** The `email` argument (EmailInput), as sent. */
  email: Record<string, unknown> | null;
}

/** Generated cycles stop at the billing policy's maxCycles, and at this many in any case. */
const MAX_GENERATED_CYCLES = 1000;

const iso = (date: Date | string | number) => new Date(date).toISOString();
const userError = (code: string, message: string, field: string[] | null = null) => ({ field, message, code });

export class SubscriptionsState {
  /** Shopify's clock, for the checks that depend on it; tests that drive the engine's clock set it too. */
  now: () => number = () => Date.now();
  /** Reads of `subscriptionBillingAttempt` a new attempt stays pending for before it settles (0: settled at once). */
  pendingReads = 0;
  /** Every shop starts with the demo contracts (SHOPIFY_SIMULATOR_DEMO). */
  demoContracts: boolean;
  /** Contracts of every shop, by ID. */
  readonly contracts = new Map<string, SimulatedContract>();
  readonly customers = new Map<string, SimulatedCustomer>();
  readonly paymentMethods = new Map<string, SimulatedPaymentMethod>();
  readonly orders = new Map<string, SimulatedOrder>();
  readonly drafts = new Map<string, SimulatedDraft>();
  /** customerPaymentMethodSendUpdateEmail calls that Shopify accepted. */
  readonly sentUpdateEmails: SentUpdateEmail[] = [];
  readonly answers = new ContractAnswers(this);
  private readonly attempts = new Map<string, SimulatedAttempt>();
  private fresh: SimulatedAttempt[] = [];
  private readonly seeded = new Set<string>();
  private readonly orderNumbers = new Map<string, number>();
  private simulator: AdminApiSimulator | undefined;
  private readonly counters = { contract: 1, customer: 1, paymentMethod: 1, line: 1, address: 1, order: 1, draft: 1, attempt: 1, historicAttempt: 1, revision: 100_000 };

  constructor({ demoContracts = false }: { demoContracts?: boolean } = {}) {
    this.demoContracts = demoContracts;
  }

  // --- Building state ---------------------------------------------------------------

  addContract(shop: string, options: NewContract = {}): SimulatedContract {
    this.seedShop(shop);
    const now = this.now();
    const billingPolicy: SimulatedPolicy = { interval: "MONTH", intervalCount: 1, minCycles: null, maxCycles: null, ...options.billingPolicy };
    const deliveryPolicy: SimulatedPolicy = {
      interval: options.deliveryPolicy?.interval ?? billingPolicy.interval,
      intervalCount: options.deliveryPolicy?.intervalCount ?? billingPolicy.intervalCount,
      minCycles: null,
      maxCycles: null,
    };
    const explicit = options.cycles;
    // Explicit cycles: the contract is old enough for the first of them to have started.
    const earliest = explicit?.length
      ? Math.min(...explicit.map(({ expectedDate }) => addInterval(expectedDate, billingPolicy.interval, -billingPolicy.intervalCount).getTime()))
      : now;
    const createdAt = iso(options.createdAt ?? Math.min(now, earliest));
    const customer = typeof options.customer === "string" ? this.customerOrThrow(shop, options.customer) : this.addCustomer(shop, options.customer ?? {}, createdAt);
    const deliveryMethod =
      options.deliveryMethod === null
        ? null
        : deliveryMethodFrom(options.deliveryMethod ?? { shipping: {} }, null, () => this.newAddressId(), { ...customer.address, id: this.newAddressId() });
    if (deliveryMethod && "error" in deliveryMethod) throw new Error(`addContract: ${deliveryMethod.error}`);
    const status = options.status ?? "ACTIVE";
    const contract: SimulatedContract = {
      id: options.id ?? `gid://shopify/SubscriptionContract/${this.counters.contract++}`,
      shop,
      status,
      paymentError: options.paymentError ?? null,
      customerId: customer.id,
      paymentMethodId: options.paymentMethod === null ? null : this.addPaymentMethod(shop, customer.id, options.paymentMethod ?? {}).id,
      lines: (options.lines ?? [{}]).map((line) => this.newLine(shop, line, billingPolicy)),
      billingPolicy,
      deliveryPolicy,
      currencyCode: options.currencyCode ?? this.currencyOf(shop),
      deliveryMethod,
      deliveryPrice: amount(options.deliveryPrice ?? (deliveryMethod?.kind === "pickup" ? 0 : 5)),
      note: options.note ?? null,
      createdAt,
      updatedAt: createdAt,
      revisionId: this.counters.revision++,
      originOrderId: null,
      orderIds: [],
      generatedCycles: !explicit,
      cycleAnchor: { index: 1, date: createdAt },
      pendingReads: options.pendingReads ?? null,
      history: [{ action: "create", actor: null, at: createdAt, status }],
      cycles: (explicit ?? []).map(({ index, expectedDate }) => ({ index, expectedDate: iso(expectedDate), status: "UNBILLED", skipped: false, edited: false, attempts: [] })),
    };
    this.contracts.set(contract.id, contract);
    if (options.originOrder !== false) {
      const order = this.addOrder(contract, createdAt);
      contract.originOrderId = order.id;
    }
    if (explicit) return contract;

    const pastCycles = countDueBefore(contract, now);
    this.extendCycles(contract, { index: Math.max(1, options.cycleCount ?? pastCycles + 12) });
    if (contract.originOrderId) contract.cycles[0].status = "BILLED";
    const history: NonNullable<NewContract["billingHistory"]> =
      options.billingHistory ??
      contract.cycles.filter((cycle) => cycle.status === "UNBILLED" && Date.parse(cycle.expectedDate) < now).map((cycle) => ({ cycleIndex: cycle.index, errorCode: null }));
    for (const entry of history) {
      this.extendCycles(contract, { index: entry.cycleIndex });
      const cycle = contract.cycles.find((candidate) => candidate.index === entry.cycleIndex);
      if (!cycle) throw new Error(`addContract: no cycle ${entry.cycleIndex} to record an attempt on`);
      this.recordAttempt(contract, cycle, entry.errorCode ?? null, iso(entry.at ?? cycle.expectedDate));
    }
    return contract;
  }

  /** `statuses.length` contracts (or `count` ACTIVE ones) at once, e.g. to try a bulk action that fails for some. */
  addContracts(shop: string, statuses: ContractStatus[] | number, options: Omit<NewContract, "id" | "status"> = {}): SimulatedContract[] {
    const list = typeof statuses === "number" ? Array.from({ length: statuses }, () => "ACTIVE" as const) : statuses;
    return list.map((status) => this.addContract(shop, { ...options, status }));
  }

  addCustomer(shop: string, details: NewCustomer = {}, createdAt: string = iso(this.now())): SimulatedCustomer {
    const n = this.counters.customer++;
    const [firstName, lastName] = [details.firstName ?? FIRST_NAMES[(n - 1) % FIRST_NAMES.length], details.lastName ?? LAST_NAMES[(n * 7 + 2) % LAST_NAMES.length]];
    const email = details.email ?? emailFor(firstName, lastName, n > FIRST_NAMES.length ? String(n) : "");
    const place = ADDRESSES[(n - 1) % ADDRESSES.length];
    const customer: SimulatedCustomer = {
      id: `gid://shopify/Customer/${n}`,
      shop,
      firstName,
      lastName,
      email,
      phone: details.phone ?? null,
      createdAt,
      tags: [],
      address: addressFrom(this.newAddressId(), { firstName, lastName, ...place, ...details.address }),
    };
    this.customers.set(customer.id, customer);
    return customer;
  }

  addPaymentMethod(shop: string, customerId: string, card: NewPaymentMethod = {}): SimulatedPaymentMethod {
    const customer = this.customers.get(customerId);
    const n = this.counters.paymentMethod++;
    const expiry = new Date(this.now());
    const revoked = card.revoked ? (typeof card.revoked === "string" ? card.revoked : "MANUALLY_REVOKED") : null;
    const method: SimulatedPaymentMethod = {
      id: `gid://shopify/CustomerPaymentMethod/${hexToken(`payment-method-${n}`)}`,
      shop,
      customerId,
      brand: card.brand ?? "visa",
      lastDigits: card.lastDigits ?? "4242",
      expiryMonth: card.expiryMonth ?? 8,
      expiryYear: card.expiryYear ?? expiry.getUTCFullYear() + 3,
      name: card.name ?? (customer ? `${customer.firstName} ${customer.lastName}` : "Card holder"),
      revokedAt: revoked ? iso(this.now()) : null,
      revokedReason: revoked,
    };
    this.paymentMethods.set(method.id, method);
    return method;
  }

  /** Revokes the contract's payment method (as Shopify does after, say, too many failures). */
  revokePaymentMethod(contractId: string, reason = "MANUALLY_REVOKED"): SimulatedPaymentMethod {
    const contract = this.contract(contractId);
    const method = contract.paymentMethodId ? this.paymentMethods.get(contract.paymentMethodId) : undefined;
    if (!method) throw new Error(`${contractId} has no payment method`);
    method.revokedAt = iso(this.now());
    method.revokedReason = reason;
    return method;
  }

  // --- Reading state ----------------------------------------------------------------

  /** A contract by ID (of `shop`, or of any shop); throws if there is none. */
  contract(id: string, shop?: string): SimulatedContract {
    const contract = shop ? this.findContract(shop, id) : this.contracts.get(id);
    if (!contract) throw new Error(`No simulated contract ${id}`);
    return contract;
  }

  cycle(contractId: string, index: number): SimulatedCycle {
    const cycle = this.contract(contractId).cycles.find((candidate) => candidate.index === index);
    if (!cycle) throw new Error(`No cycle ${index} on ${contractId}`);
    return cycle;
  }

  /** The shop's contract with this ID, if any (what the Admin API lets that shop see). */
  findContract(shop: string, id: string): SimulatedContract | undefined {
    this.seedShop(shop);
    const contract = this.contracts.get(id);
    return contract?.shop === shop ? contract : undefined;
  }

  /** The shop's contracts, in ID order. */
  contractsOf(shop: string): SimulatedContract[] {
    this.seedShop(shop);
    return [...this.contracts.values()].filter((contract) => contract.shop === shop).sort((a, b) => numericId(a.id) - numericId(b.id));
  }

  customersOf(shop: string): SimulatedCustomer[] {
    this.seedShop(shop);
    return [...this.customers.values()].filter((customer) => customer.shop === shop);
  }

  findCustomer(shop: string, id: string): SimulatedCustomer | undefined {
    this.seedShop(shop);
    const customer = this.customers.get(id);
    return customer?.shop === shop ? customer : undefined;
  }

  findOrder(shop: string, id: string): SimulatedOrder | undefined {
    this.seedShop(shop);
    const order = this.orders.get(id);
    return order?.shop === shop ? order : undefined;
  }

  /** The contract's drafts that were not committed. */
  openDrafts(contractId: string): SimulatedDraft[] {
    return [...this.drafts.values()].filter((draft) => draft.contractId === contractId && !draft.committed);
  }

  /** Settled attempts not taken yet, i.e. the billing-attempt webhooks Shopify would now send. */
  takeNewAttempts(): SimulatedAttempt[] {
    const taken = this.fresh;
    this.fresh = [];
    return taken;
  }

  /** Settles every attempt still pending, as Shopify eventually does. */
  settleAttempts(): void {
    for (const attempt of this.attempts.values()) if (!attempt.ready) this.settle(attempt);
  }

  /**
   * Forgets every shop's contracts, customers, orders and drafts. IDs keep
   * counting: a contract or order an app stored in its database in an
   * earlier test never shares its ID with a new one.
   */
  reset(): void {
    for (const map of [this.contracts, this.customers, this.paymentMethods, this.orders, this.drafts, this.attempts]) map.clear();
    this.sentUpdateEmails.length = 0;
    this.fresh = [];
    this.seeded.clear();
    this.orderNumbers.clear();
  }

  // --- Changes the resolvers make (also for drafts.ts and contracts.ts) ---------------

  /** Records a change to the contract itself: updatedAt, and a new revisionId. */
  touch(contract: SimulatedContract): void {
    contract.updatedAt = iso(this.now());
    contract.revisionId = this.counters.revision++;
  }

  changeStatus(contract: SimulatedContract, status: ContractStatus, action: string, actor: SubscriptionActor | null): void {
    if (contract.status !== status) {
      contract.status = status;
      this.touch(contract);
    }
    contract.history.push({ action, actor, at: iso(this.now()), status });
  }

  newLineId(): string {
    return `gid://shopify/SubscriptionLine/${this.counters.line++}`;
  }

  newAddressId(): string {
    return `gid://shopify/MailingAddress/${this.counters.address++}`;
  }

  newDraftId(): string {
    return `gid://shopify/SubscriptionDraft/${this.counters.draft++}`;
  }

  /** A variant of the shop's catalogue. */
  variant(shop: string, id: string): { product: CatalogueProduct; variant: CatalogueVariant } | undefined {
    for (const product of this.catalogue(shop)) {
      const variant = product.variants.find((candidate) => candidate.id === id);
      if (variant) return { product, variant };
    }
    return undefined;
  }

  /**
   * Re-plans the cycles after the contract's billing policy or next billing
   * date changed: cycles already billed or attempted stay; the others follow
   * the policy again from `from` (the next billing date), keeping their skips.
   */
  replanCycles(contract: SimulatedContract, from?: string): void {
    const kept = contract.cycles.filter((cycle) => cycle.status === "BILLED" || cycle.attempts.length > 0);
    const lastKept = kept.at(-1);
    const nextIndex = (lastKept?.index ?? 0) + 1;
    const start = from ?? (lastKept ? addInterval(lastKept.expectedDate, contract.billingPolicy.interval, contract.billingPolicy.intervalCount).toISOString() : contract.createdAt);
    const upcoming = contract.cycles.filter((cycle) => cycle.index >= nextIndex).length;
    const skipped = new Set(contract.cycles.filter((cycle) => cycle.skipped && cycle.index >= nextIndex).map((cycle) => cycle.index));
    contract.cycles = kept;
    contract.generatedCycles = true;
    contract.cycleAnchor = { index: nextIndex, date: iso(start) };
    this.extendCycles(contract, { index: nextIndex + Math.max(upcoming, 12) - 1 });
    for (const cycle of contract.cycles) if (skipped.has(cycle.index)) cycle.skipped = true;
  }

  // --- Billing ------------------------------------------------------------------------

  /** Adds generated cycles up to an index or a date (within maxCycles). */
  extendCycles(contract: SimulatedContract, until: { index?: number; date?: string }): void {
    if (!contract.generatedCycles) return;
    const { interval, intervalCount, maxCycles } = contract.billingPolicy;
    const limit = Math.min(maxCycles ?? MAX_GENERATED_CYCLES, MAX_GENERATED_CYCLES);
    const anchor = contract.cycleAnchor;
    for (;;) {
      const last = contract.cycles.at(-1);
      const index = (last?.index ?? 0) + 1;
      const wanted = (until.index !== undefined && index <= until.index) || (until.date !== undefined && (!last || Date.parse(last.expectedDate) < Date.parse(until.date)));
      if (!wanted || index > limit) return;
      const expectedDate = addInterval(anchor.date, interval, (index - anchor.index) * intervalCount).toISOString();
      contract.cycles.push({ index, expectedDate, status: "UNBILLED", skipped: false, edited: false, attempts: [] });
    }
  }

  /** The cycle a selector names: by index, or the one a date falls in. */
  findCycle(contract: SimulatedContract, selector: { index?: number | null; date?: string | null }): SimulatedCycle | undefined {
    if (selector.index !== undefined && selector.index !== null) {
      this.extendCycles(contract, { index: selector.index });
      return contract.cycles.find((cycle) => cycle.index === selector.index);
    }
    if (!selector.date) return undefined;
    this.extendCycles(contract, { date: selector.date });
    return cycleAt(contract, selector.date);
  }

  /** A new attempt on the cycle, settled at once unless it is to stay pending for some reads. */
  private createAttempt(contract: SimulatedContract, cycle: SimulatedCycle, options: { actor?: SubscriptionActor | null; inventoryPolicy?: string } = {}): SimulatedAttempt {
    const now = this.now();
    const createdAt = iso(now);
    const pendingReads = contract.pendingReads ?? this.pendingReads;
    const attempt: SimulatedAttempt = {
      id: `gid://shopify/SubscriptionBillingAttempt/${randomUUID()}`,
      shop: contract.shop,
      contractId: contract.id,
      cycleIndex: cycle.index,
      // Shopify: the expected date when it has passed, otherwise the time of the charge.
      originTime: Date.parse(cycle.expectedDate) <= now ? cycle.expectedDate : createdAt,
      ready: false,
      errorCode: contract.paymentError,
      createdAt,
      completedAt: null,
      orderId: null,
      seq: this.counters.attempt++,
      pendingReads,
      actor: options.actor ?? null,
      inventoryPolicy: options.inventoryPolicy ?? "PRODUCT_VARIANT_INVENTORY_POLICY",
    };
    cycle.attempts.push(attempt);
    this.attempts.set(attempt.id, attempt);
    if (pendingReads <= 0) this.settle(attempt);
    return attempt;
  }

  /** The attempt's outcome: a success creates the order and bills the cycle; its webhook is now due. */
  private settle(attempt: SimulatedAttempt, at: string = iso(this.now()), webhook = true): void {
    attempt.ready = true;
    attempt.pendingReads = 0;
    attempt.completedAt = at;
    const contract = this.findContract(attempt.shop, attempt.contractId);
    const cycle = contract?.cycles.find((candidate) => candidate.index === attempt.cycleIndex);
    if (contract && !attempt.errorCode) {
      attempt.orderId = this.addOrder(contract, at).id;
      if (cycle) cycle.status = "BILLED";
    }
    if (webhook) this.fresh.push(attempt);
  }

  /** An attempt in the contract's past: settled, and its webhook long delivered. */
  private recordAttempt(contract: SimulatedContract, cycle: SimulatedCycle, errorCode: string | null, at: string): void {
    const attempt: SimulatedAttempt = {
      id: `gid://shopify/SubscriptionBillingAttempt/${this.counters.historicAttempt++}`,
      shop: contract.shop,
      contractId: contract.id,
      cycleIndex: cycle.index,
      originTime: cycle.expectedDate,
      ready: false,
      errorCode,
      createdAt: at,
      completedAt: null,
      orderId: null,
      seq: this.counters.attempt++,
      pendingReads: 0,
      actor: null,
      inventoryPolicy: "PRODUCT_VARIANT_INVENTORY_POLICY",
    };
    cycle.attempts.push(attempt);
    this.attempts.set(attempt.id, attempt);
    this.settle(attempt, at, false);
  }

  private addOrder(contract: SimulatedContract, createdAt: string): SimulatedOrder {
    const number = (this.orderNumbers.get(contract.shop) ?? 1000) + 1;
    this.orderNumbers.set(contract.shop, number);
    const order: SimulatedOrder = {
      id: `gid://shopify/Order/${this.counters.order++}`,
      shop: contract.shop,
      name: `#${number}`,
      createdAt,
      totalPrice: orderTotal(contract),
      currencyCode: contract.currencyCode,
      customerId: contract.customerId,
      contractId: contract.id,
      tags: [],
    };
    this.orders.set(order.id, order);
    contract.orderIds.push(order.id);
    return order;
  }

  /** Answers the Admin API root fields for contracts, billing and drafts, from this state. */
  install(simulator: AdminApiSimulator): void {
    this.simulator = simulator;
    installContracts(this, simulator);
    installDrafts(this, simulator);

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
      for (const contract of this.contractsOf(shop.domain)) {
        if (!statuses.includes(contract.status)) continue;
        this.extendCycles(contract, { date: range.endDate });
        for (const cycle of contract.cycles) {
          const expected = Date.parse(cycle.expectedDate);
          // UNBILLED and NO_ATTEMPT: overlapping windows never charge a cycle twice.
          if (expected < start || expected > end || cycle.status !== "UNBILLED" || cycle.skipped || cycle.attempts.length > 0) continue;
          this.createAttempt(contract, cycle);
        }
      }
      return { job: { id: `gid://shopify/Job/${randomUUID()}`, done: false }, userErrors: [] };
    });

    // Each read of a pending attempt counts down its pendingReads; it settles after the last one.
    simulator.onQuery("subscriptionBillingAttempt", (args, { shop }) => {
      const attempt = this.attempts.get(String(args.id));
      if (!attempt || attempt.shop !== shop.domain) return null;
      const answer = this.answers.attempt(attempt);
      if (!attempt.ready) {
        attempt.pendingReads = (attempt.pendingReads ?? 0) - 1;
        if (attempt.pendingReads <= 0) this.settle(attempt);
      }
      return answer;
    });

    simulator.onQuery("subscriptionBillingCycle", (args, { shop }) => {
      const input = args.billingCycleInput as { contractId: string; selector: { index?: number; date?: string } };
      const contract = this.findContract(shop.domain, input.contractId);
      const cycle = contract && this.findCycle(contract, input.selector);
      return contract && cycle ? this.answers.cycle(contract, cycle) : null;
    });

    simulator.onQuery("subscriptionBillingCycles", (args, { shop }) => {
      const contract = this.findContract(shop.domain, String(args.contractId));
      const dates = args.billingCyclesDateRangeSelector as { startDate: string; endDate: string } | null | undefined;
      const indexes = args.billingCyclesIndexRangeSelector as { startIndex: number; endIndex: number } | null | undefined;
      if (contract && dates) this.extendCycles(contract, { date: dates.endDate });
      if (contract && indexes) this.extendCycles(contract, { index: indexes.endIndex });
      const cycles = (contract?.cycles ?? []).filter((cycle) => {
        const expected = Date.parse(cycle.expectedDate);
        if (dates && (expected < Date.parse(dates.startDate) || expected > Date.parse(dates.endDate))) return false;
        return !indexes || (cycle.index >= indexes.startIndex && cycle.index <= indexes.endIndex);
      });
      return connection(cycles, args, (cycle) => ({ last_id: cycle.index, last_value: cycle.index }), (cycle) => this.answers.cycle(contract!, cycle));
    });

    simulator.onMutation("subscriptionBillingCycleCharge", (args, { shop }) => {
      const contract = this.findContract(shop.domain, String(args.subscriptionContractId));
      const payload = (userErrors: unknown[], attempt?: SimulatedAttempt) => ({
        subscriptionBillingAttempt: attempt ? this.answers.attempt(attempt) : null,
        userErrors,
      });
      const refuse = (code: string, message: string, field: string[] | null = null) => payload([userError(code, message, field)]);
      if (!contract) return refuse("CONTRACT_NOT_FOUND", "Contract does not exist", ["subscriptionContractId"]);
      if (TERMINATED.includes(contract.status)) return refuse("CONTRACT_TERMINATED", "Contract is terminated");
      if (contract.status === "PAUSED") return refuse("CONTRACT_PAUSED", "Contract is paused");
      const selector = args.billingCycleSelector as { index?: number | null; date?: string | null };
      const cycle = this.findCycle(contract, selector);
      if (!cycle) {
        return selector.index !== undefined && selector.index !== null
          ? refuse("CYCLE_INDEX_OUT_OF_RANGE", "Billing cycle does not exist", ["billingCycleSelector", "index"])
          : refuse("CYCLE_START_DATE_OUT_OF_RANGE", "No billing cycle at that date", ["billingCycleSelector", "date"]);
      }
      if (cycle.skipped) return refuse("BILLING_CYCLE_SKIPPED", "Billing cycle is skipped");
      // The simulator's reading: Shopify's docs name no code for this one.
      if (cycle.status === "BILLED") return refuse("INVALID", "Billing cycle has already been billed");
      if (Date.parse(cycleStartAt(contract, cycle)) > this.now()) return refuse("BILLING_CYCLE_CHARGE_BEFORE_EXPECTED_DATE", "Billing cycle charge attempted too early");
      const actor = (args.actor as SubscriptionActor | null | undefined) ?? null;
      contract.history.push({ action: "charge", actor, at: iso(this.now()), cycleIndex: cycle.index });
      return payload([], this.createAttempt(contract, cycle, { actor, inventoryPolicy: String(args.inventoryPolicy ?? "PRODUCT_VARIANT_INVENTORY_POLICY") }));
    });

    // The Customer Account API's names for a skip: userErrors are all INVALID.
    const skipOrUnskip = (skip: boolean) => (args: Record<string, unknown>, { shop }: { shop: { domain: string } }) => {
      const input = args.billingCycleInput as { contractId: string; selector: { index?: number; date?: string } };
      const refuse = (message: string, field: string[]) => ({ billingCycle: null, userErrors: [userError("INVALID", message, ["billingCycleInput", ...field])] });
      const contract = this.findContract(shop.domain, input.contractId);
      if (!contract) return refuse("Contract does not exist", ["contractId"]);
      const cycle = this.findCycle(contract, input.selector);
      if (!cycle) return refuse("Billing cycle does not exist", ["selector"]);
      if (cycle.status === "BILLED") return refuse("Billing cycle has already been billed", ["selector"]);
      cycle.skipped = skip;
      contract.history.push({ action: skip ? "skip" : "unskip", actor: null, at: iso(this.now()), cycleIndex: cycle.index });
      return { billingCycle: this.answers.cycle(contract, cycle), userErrors: [] };
    };
    simulator.onMutation("subscriptionBillingCycleSkip", skipOrUnskip(true));
    simulator.onMutation("subscriptionBillingCycleUnskip", skipOrUnskip(false));

    simulator.onMutation("subscriptionBillingCycleScheduleEdit", (args, { shop }) => {
      const input = args.billingCycleInput as { contractId: string; selector: { index?: number; date?: string } };
      const edit = args.input as { skip?: boolean | null; billingDate?: string | null };
      const refuse = (code: string, message: string) => ({ billingCycle: null, userErrors: [userError(code, message)] });
      const contract = this.findContract(shop.domain, input.contractId);
      const cycle = contract && this.findCycle(contract, input.selector);
      if (!contract || !cycle) return refuse("CYCLE_NOT_FOUND", "Billing cycle does not exist");
      const skip = edit.skip ?? undefined;
      if (skip === undefined && !edit.billingDate) return refuse("EMPTY_BILLING_CYCLE_EDIT_SCHEDULE_INPUT", "Give skip or billingDate");
      if (edit.billingDate && (skip ?? cycle.skipped)) return refuse("BILLING_DATE_SET_ON_SKIPPED", "A skipped cycle's billing date can't be set");
      if (edit.billingDate) {
        cycle.expectedDate = iso(edit.billingDate);
        cycle.edited = true;
      }
      if (skip !== undefined) cycle.skipped = skip;
      contract.history.push({ action: skip === undefined ? "reschedule" : skip ? "skip" : "unskip", actor: null, at: iso(this.now()), cycleIndex: cycle.index });
      return { billingCycle: this.answers.cycle(contract, cycle), userErrors: [] };
    });
  }

  // --- Shop data -----------------------------------------------------------------------

  private catalogue(shop: string): readonly CatalogueProduct[] {
    return this.simulator?.plans ? this.simulator.plans.products(shop) : DEMO_CATALOGUE;
  }

  private currencyOf(shop: string): string {
    return this.simulator?.shop(shop).currencyCode ?? "USD";
  }

  private customerOrThrow(shop: string, id: string): SimulatedCustomer {
    const customer = this.customers.get(id);
    if (!customer || customer.shop !== shop) throw new Error(`addContract: no customer ${id} in ${shop}`);
    return customer;
  }

  /** This app's selling plan for the line, if the shop has one on the product or variant with the contract's billing frequency. */
  private sellingPlan(shop: string, productId: string, variantId: string, policy: SimulatedPolicy) {
    for (const group of this.simulator?.plans?.groupsOf(shop) ?? []) {
      if (group.ownerAppId !== SIMULATED_APP_ID || !(group.productIds.includes(productId) || group.productVariantIds.includes(variantId))) continue;
      const plan = group.plans.find((candidate) => candidate.billingPolicy.interval === policy.interval && candidate.billingPolicy.intervalCount === policy.intervalCount);
      if (plan) return plan;
    }
    return undefined;
  }

  private newLine(shop: string, spec: NewLine, policy: SimulatedPolicy): SimulatedLine {
    const found = spec.variantId ? this.variant(shop, spec.variantId) : undefined;
    const fallback = this.catalogue(shop)[0];
    const product = found?.product ?? (spec.variantId ? undefined : fallback);
    const variant = found?.variant ?? (spec.variantId ? undefined : fallback?.variants[0]);
    const quantity = spec.quantity ?? 1;
    if (!product || !variant) {
      // Not in the catalogue (e.g. a deleted product): only what was given.
      return {
        id: this.newLineId(),
        productId: spec.productId ?? null,
        variantId: spec.variantId ?? null,
        title: spec.title ?? "Subscription item",
        variantTitle: spec.variantTitle ?? null,
        sku: spec.sku ?? null,
        quantity,
        currentPrice: amount(spec.currentPrice ?? 10),
        sellingPlanId: spec.sellingPlanId ?? null,
        sellingPlanName: spec.sellingPlanName ?? planLabel(policy),
        pricingPolicy: spec.pricingPolicy ?? null,
      };
    }
    const line = lineFromVariant(this.newLineId(), product, variant, quantity);
    const plan = this.sellingPlan(shop, product.id, variant.id, policy);
    const fixed = plan?.pricingPolicies.find((pricing) => pricing.kind === "fixed");
    let pricingPolicy: SimulatedLine["pricingPolicy"] = null;
    if (fixed) {
      const base = Number(variant.price);
      const computed = amount(discountedPrice(base, fixed.adjustmentType, fixed.percentage, fixed.amount));
      const discount: SimulatedCycleDiscount = { adjustmentType: fixed.adjustmentType, percentage: fixed.percentage, amount: fixed.amount, afterCycle: 0, computedPrice: computed };
      pricingPolicy = { basePrice: amount(base), cycleDiscounts: [discount] };
      line.currentPrice = computed;
    }
    return {
      ...line,
      title: spec.title ?? line.title,
      variantTitle: spec.variantTitle !== undefined ? spec.variantTitle : line.variantTitle,
      sku: spec.sku !== undefined ? spec.sku : line.sku,
      currentPrice: spec.currentPrice !== undefined ? amount(spec.currentPrice) : line.currentPrice,
      sellingPlanId: spec.sellingPlanId !== undefined ? spec.sellingPlanId : (plan?.id ?? null),
      sellingPlanName: spec.sellingPlanName !== undefined ? spec.sellingPlanName : (plan?.name ?? planLabel(policy)),
      pricingPolicy: spec.pricingPolicy !== undefined ? spec.pricingPolicy : pricingPolicy,
    };
  }

  // --- Demo contracts ------------------------------------------------------------------

  /** With `demoContracts`, a shop's first use gives it the demo contracts (once). */
  private seedShop(shop: string): void {
    if (!this.demoContracts || this.seeded.has(shop)) return;
    this.seeded.add(shop);
    const added: SimulatedContract[] = [];
    // Contract IDs are global: the first shop gets 1001..1053 (what demo/seed.ts expects), later ones the next free thousand.
    let base = 1001;
    while (this.contracts.has(`gid://shopify/SubscriptionContract/${base}`)) base += 1000;
    for (const { contract, events, sameCustomerAs } of demoContracts(this.now(), this.catalogue(shop), base)) {
      const customer = sameCustomerAs === undefined ? contract.customer : added[sameCustomerAs].customerId;
      const contractAdded = this.addContract(shop, { ...contract, customer });
      added.push(contractAdded);
      for (const event of events) {
        if (event.status) contractAdded.status = event.status;
        contractAdded.history.push(event);
        contractAdded.updatedAt = event.at;
        contractAdded.revisionId = this.counters.revision++;
      }
    }
  }
}

/** How many cycles of the contract's policy fall due before `now`. */
function countDueBefore(contract: SimulatedContract, now: number): number {
  let count = 0;
  while (count < MAX_GENERATED_CYCLES && addInterval(contract.createdAt, contract.billingPolicy.interval, count * contract.billingPolicy.intervalCount).getTime() < now) count++;
  return count;
}

/** "chloe.tremblay@example.com" for Chloé Tremblay. */
function emailFor(firstName: string, lastName: string, suffix = ""): string {
  return `${firstName}.${lastName}${suffix}@example.com`
    .normalize("NFD")
    .replace(/[^A-Za-z0-9.@]/g, "")
    .toLowerCase();
}

/** "Deliver every month", "Deliver every 2 weeks". */
export function planLabel(policy: Pick<SimulatedPolicy, "interval" | "intervalCount">): string {
  const unit = policy.interval.toLowerCase();
  return policy.intervalCount === 1 ? `Deliver every ${unit}` : `Deliver every ${policy.intervalCount} ${unit}s`;
}

// --- The demo's contracts ------------------------------------------------------------------

const FIRST_NAMES = ["Ava", "Liam", "Noor", "Mateo", "Chloé", "Kenji", "Priya", "Oliver", "Amara", "Lucas", "Sofia", "Ethan", "Maya", "Jonas", "Leila", "Hugo", "Zara", "Felix", "Ines", "Diego", "Hannah", "Omar", "Elena", "Samuel", "Aiko", "Theo", "Isla", "Rafael", "Mei", "Gabriel"];
const LAST_NAMES = ["Martin", "Nguyen", "Okafor", "García", "Tremblay", "Sato", "Patel", "Smith", "Johansson", "Rossi", "Kowalski", "Dubois", "Chen", "Müller", "Haddad", "Lefebvre", "Silva", "Wright", "Moreau", "Kim", "Byrne", "Novak", "Costa", "Fischer", "Ahmed", "O'Brien", "Laurent", "Yamamoto", "Brown", "Singh"];
const ADDRESSES: MailingAddressInput[] = [
  { address1: "1200 Rue Saint-Denis", city: "Montréal", province: "Quebec", provinceCode: "QC", countryCode: "CA", zip: "H2X 3J6" },
  { address1: "44 Queen St W", address2: "Apt 1203", city: "Toronto", province: "Ontario", provinceCode: "ON", countryCode: "CA", zip: "M5H 2M5" },
  { address1: "350 Fifth Avenue", city: "New York", province: "New York", provinceCode: "NY", countryCode: "US", zip: "10118" },
  { address1: "1 Ferry Building", city: "San Francisco", province: "California", provinceCode: "CA", countryCode: "US", zip: "94111" },
  { address1: "221 Pike St", city: "Seattle", province: "Washington", provinceCode: "WA", countryCode: "US", zip: "98101" },
  { address1: "10 Downing Lane", city: "London", province: "England", provinceCode: "ENG", countryCode: "GB", zip: "SW1A 2AA" },
  { address1: "88 Granville St", city: "Vancouver", province: "British Columbia", provinceCode: "BC", countryCode: "CA", zip: "V6C 1T2" },
  { address1: "500 Congress Ave", city: "Austin", province: "Texas", provinceCode: "TX", countryCode: "US", zip: "78701" },
  { address1: "75 Spring St", city: "Melbourne", province: "Victoria", provinceCode: "VIC", countryCode: "AU", zip: "3000" },
  { address1: "12 Harcourt St", city: "Dublin", province: "Dublin", provinceCode: "D", countryCode: "IE", zip: "D02 W924" },
];

/** Must match demo/seed.ts: tracker i is for contract 1001 + i, with these outcomes (i % 6) and failures (i % 4). */
const DEMO_TRACKERS = 45;
const DEMO_FAILURES = ["CARD_DECLINED", "INSUFFICIENT_FUNDS", "EXPIRED_PAYMENT_METHOD", "INSUFFICIENT_INVENTORY"];
type DemoOutcome = "open" | "recovered" | "cancelled" | "paused";
const DEMO_OUTCOMES: DemoOutcome[] = ["open", "recovered", "open", "cancelled", "recovered", "paused"];
const DEMO_HEALTHY = 8;
const WEEKLY: Partial<SimulatedPolicy> = { interval: "WEEK", intervalCount: 1 };
const FORTNIGHTLY: Partial<SimulatedPolicy> = { interval: "WEEK", intervalCount: 2 };
const MONTHLY: Partial<SimulatedPolicy> = { interval: "MONTH", intervalCount: 1 };
const BIMONTHLY: Partial<SimulatedPolicy> = { interval: "MONTH", intervalCount: 2 };

/**
 * The demo's contracts, deterministic for a given `now`: 1001..1045 match
 * the dunning trackers demo/seed.ts creates (a failed payment on cycle
 * 1 + i % 12, (45 - i) days ago; then still failing, recovered three days
 * later, cancelled or paused), 1046..1053 are healthy. Each has a customer
 * (a few customers have two), catalogue lines, a card (a few expiring soon,
 * one revoked), past cycles billed with orders, and upcoming ones.
 */
type DemoContract = { contract: NewContract; events: ContractEvent[]; sameCustomerAs?: number };

function demoContracts(now: number, catalogue: readonly CatalogueProduct[], firstId: number): DemoContract[] {
  const variants = catalogue.flatMap((product) => product.variants.map((variant) => variant.id));
  const lines = (i: number): NewLine[] => {
    if (variants.length === 0) return [{ title: "Coffee subscription", quantity: 1, currentPrice: "18.0" }];
    const [a, b] = [(i * 5) % variants.length, (i * 7 + 2) % variants.length];
    const first: NewLine = { variantId: variants[a], quantity: 1 + (i % 3) };
    return i % 5 === 0 && variants.length > 1 ? [first, { variantId: variants[a === b ? (b + 1) % variants.length : b], quantity: 1 }] : [first];
  };
  const soon = new Date(now + 20 * DAY_MS);
  const card = (i: number): NewPaymentMethod => {
    const brands = ["visa", "mastercard", "american_express", "visa"];
    const base = { brand: brands[i % brands.length], lastDigits: String(4242 + ((i * 37) % 5000)).padStart(4, "0"), expiryMonth: 1 + (i % 12), expiryYear: new Date(now).getUTCFullYear() + 1 + (i % 4) };
    if ([9, 24, 46].includes(i)) return { ...base, expiryMonth: soon.getUTCMonth() + 1, expiryYear: soon.getUTCFullYear() };
    if (i === 2) return { ...base, revoked: "PAYMENT_METHOD_VERIFICATION_FAILED" };
    return base;
  };
  const delivery = (i: number): DeliveryMethodInput | undefined =>
    i === 17 || i === 49
      ? { pickup: { pickupOption: { locationId: "gid://shopify/Location/1", title: "Pick up at the roastery", code: "roastery" } } }
      : i === 30
        ? { localDelivery: { localDeliveryOption: { title: "Local bike delivery", phone: "+15145550123", instructions: "Leave with the concierge" } } }
        : undefined;
  const customer = (i: number): NewCustomer => {
    const firstName = FIRST_NAMES[i % FIRST_NAMES.length];
    const lastName = LAST_NAMES[(i * 7 + 3 + Math.floor(i / FIRST_NAMES.length)) % LAST_NAMES.length];
    return { firstName, lastName, email: emailFor(firstName, lastName), phone: i % 3 === 0 ? `+1514555${String(1000 + i).slice(-4)}` : null, address: ADDRESSES[i % ADDRESSES.length] };
  };
  // A few customers subscribe twice: healthy contracts 1046, 1049 and 1052 belong to the customers of 1001, 1012 and 1020.
  const repeatCustomers: Record<number, number> = { 45: 0, 48: 11, 51: 19 };
  const specs: DemoContract[] = [];

  for (let i = 0; i < DEMO_TRACKERS; i++) {
    const outcome = DEMO_OUTCOMES[i % DEMO_OUTCOMES.length];
    const errorCode = DEMO_FAILURES[i % DEMO_FAILURES.length];
    const failedIndex = 1 + (i % 12);
    const daysAgo = DEMO_TRACKERS - i;
    const failedAt = now - daysAgo * DAY_MS;
    // Still failing: the next cycle is not due yet, so the failed one is the last attempt.
    const policy =
      outcome === "open"
        ? ([WEEKLY, FORTNIGHTLY, MONTHLY, BIMONTHLY].find((candidate) => (candidate.interval === "WEEK" ? 7 : 28) * candidate.intervalCount! > daysAgo) ?? BIMONTHLY)
        : [WEEKLY, FORTNIGHTLY, MONTHLY][i % 3];
    const createdAt = addInterval(failedAt, policy.interval!, -(failedIndex - 1) * policy.intervalCount!);
    const history: NonNullable<NewContract["billingHistory"]> = [];
    for (let index = 2; index < failedIndex; index++) history.push({ cycleIndex: index, errorCode: null });
    history.push({ cycleIndex: failedIndex, errorCode, at: new Date(failedAt) });
    const settledAt = new Date(Math.min(failedAt + 3 * DAY_MS, now));
    const events: ContractEvent[] = [];
    if (outcome === "recovered") {
      history.push({ cycleIndex: failedIndex, errorCode: null, at: settledAt });
      for (let index = failedIndex + 1; addInterval(createdAt, policy.interval!, (index - 1) * policy.intervalCount!).getTime() < now; index++) {
        history.push({ cycleIndex: index, errorCode: null });
      }
    }
    if (outcome === "cancelled") events.push({ action: "cancel", actor: null, at: settledAt.toISOString(), status: "CANCELLED" });
    if (outcome === "paused") events.push({ action: "pause", actor: null, at: settledAt.toISOString(), status: "PAUSED" });
    specs.push({
      contract: {
        id: `gid://shopify/SubscriptionContract/${firstId + i}`,
        customer: customer(i),
        createdAt,
        billingPolicy: policy,
        lines: lines(i),
        paymentMethod: card(i),
        deliveryMethod: delivery(i),
        deliveryPrice: delivery(i)?.pickup || i % 4 === 0 ? 0 : i % 4 === 1 ? 5 : 7.5,
        // Contracts whose first cycle failed were imported through the API: no origin order.
        originOrder: failedIndex > 1,
        billingHistory: history,
        paymentError: outcome === "open" ? errorCode : null,
        note: i % 9 === 0 ? "Gift subscription: please include a card." : null,
      },
      events,
    });
  }

  for (let j = 0; j < DEMO_HEALTHY; j++) {
    const i = DEMO_TRACKERS + j;
    const policy = [MONTHLY, WEEKLY, FORTNIGHTLY, MONTHLY][j % 4];
    specs.push({
      contract: {
        id: `gid://shopify/SubscriptionContract/${firstId + i}`,
        customer: customer(i),
        createdAt: new Date(now - (12 + j * 23) * DAY_MS),
        billingPolicy: { ...policy, ...(j === 3 ? { minCycles: 3, maxCycles: 12 } : {}) },
        lines: lines(i),
        paymentMethod: card(i),
        deliveryMethod: delivery(i),
        deliveryPrice: j % 2 === 0 ? 0 : 5,
      },
      events: [],
      sameCustomerAs: repeatCustomers[i],
    });
  }
  return specs;
}
