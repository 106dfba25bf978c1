/**
 * Subscription contracts as data, and the answers Shopify gives about them:
 * the contract (customer, lines, policies, delivery, payment method, orders,
 * billing attempts), customers, orders, payment methods and billing cycles,
 * as plain GraphQL data; the contracts list with Shopify's search syntax; and
 * the root fields for contracts, customers, orders, tags, the lifecycle
 * mutations and the payment-method update email. SubscriptionsState
 * (subscriptions.ts) keeps the state and installs these resolvers.
 */
import { createHash } from "node:crypto";
import type { AdminApiSimulator } from "./admin-api";
import type { CatalogueProduct, CatalogueVariant } from "./catalogue";
import {
  compares,
  connection,
  dateTermMatches,
  numericId,
  parseSearchQuery,
  searchMatches,
  SIMULATED_APP_ID,
  textMatches,
  type AdjustmentType,
  type SearchTerm,
  type SellingPlanInterval,
} from "./plans";
import type { SubscriptionsState } from "./subscriptions";

export type ContractStatus = "ACTIVE" | "PAUSED" | "CANCELLED" | "EXPIRED" | "FAILED";
export type SubscriptionActor = "CUSTOMER" | "MERCHANT" | "PARTNER";
export type LastPaymentStatus = "SUCCEEDED" | "FAILED";
export type BillingErrorType = "PAYMENT_ERROR" | "INVENTORY_ERROR" | "CUSTOMER_ERROR" | "OTHER";

/** Cancelled and expired contracts are terminated: their status can no longer change. */
export const TERMINATED: readonly ContractStatus[] = ["CANCELLED", "EXPIRED"];

export interface SimulatedAttempt {
  id: string;
  shop: string;
  contractId: string;
  cycleIndex: number;
  originTime: string;
  /** false while Shopify processes it (the 2026-04 PendingState). */
  ready: boolean;
  /** null when the payment went through. */
  errorCode: string | null;
  createdAt?: string;
  completedAt?: string | null;
  /** The order a successful attempt created. */
  orderId?: string | null;
  /** Creation order, for sorting and cursors. */
  seq?: number;
  /** Reads of `subscriptionBillingAttempt` left that still see it pending. */
  pendingReads?: number;
  actor?: SubscriptionActor | null;
  inventoryPolicy?: string;
}

export interface SimulatedCycle {
  index: number;
  /** billingAttemptExpectedDate, also the cycle's end (cycleEndAt). */
  expectedDate: string;
  status: "UNBILLED" | "BILLED";
  skipped: boolean;
  /** Its billing date was moved (subscriptionBillingCycleScheduleEdit with billingDate). */
  edited?: boolean;
  attempts: SimulatedAttempt[];
}

export interface SimulatedPolicy {
  interval: SellingPlanInterval;
  intervalCount: number;
  /** Billing policies only. */
  minCycles: number | null;
  maxCycles: number | null;
}

export interface SimulatedAddress {
  id: string;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  provinceCode: string | null;
  countryCode: string | null;
  zip: string | null;
  phone: string | null;
}

export interface DeliveryOption {
  title: string | null;
  code: string | null;
  presentmentTitle: string | null;
  description: string | null;
}

export type SimulatedDeliveryMethod =
  | { kind: "shipping"; address: SimulatedAddress; option: DeliveryOption }
  | { kind: "localDelivery"; address: SimulatedAddress; option: DeliveryOption & { phone: string; instructions: string | null } }
  | { kind: "pickup"; option: DeliveryOption & { locationId: string } };

export interface SimulatedCycleDiscount {
  adjustmentType: AdjustmentType;
  percentage: number | null;
  /** FIXED_AMOUNT (amount off) or PRICE (the new price), a decimal string. */
  amount: string | null;
  afterCycle: number;
  computedPrice: string;
}

export interface SimulatedLine {
  id: string;
  productId: string | null;
  variantId: string | null;
  title: string;
  variantTitle: string | null;
  sku: string | null;
  quantity: number;
  /** Price of one unit, a decimal string. */
  currentPrice: string;
  sellingPlanId: string | null;
  sellingPlanName: string | null;
  pricingPolicy: { basePrice: string; cycleDiscounts: SimulatedCycleDiscount[] } | null;
}

export interface SimulatedCustomer {
  id: string;
  shop: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  createdAt: string;
  tags: string[];
  address: SimulatedAddress;
}

export interface SimulatedPaymentMethod {
  id: string;
  shop: string;
  customerId: string;
  brand: string;
  lastDigits: string;
  expiryMonth: number;
  expiryYear: number;
  name: string;
  revokedAt: string | null;
  revokedReason: string | null;
}

export interface SimulatedOrder {
  id: string;
  shop: string;
  /** "#1001" and on, per shop. */
  name: string;
  createdAt: string;
  /** Decimal string in `currencyCode`. */
  totalPrice: string;
  currencyCode: string;
  customerId: string | null;
  contractId: string | null;
  tags: string[];
}

/** Something that happened to a contract, with who asked (the mutation's `actor` argument). */
export interface ContractEvent {
  action: string;
  actor: SubscriptionActor | null;
  at: string;
  status?: ContractStatus;
  cycleIndex?: number;
  draftId?: string;
}

export interface SimulatedContract {
  id: string;
  shop: string;
  status: ContractStatus;
  cycles: SimulatedCycle[];
  /** The error code new payments fail with, or null when they succeed. */
  paymentError: string | null;
  customerId: string;
  paymentMethodId: string | null;
  lines: SimulatedLine[];
  billingPolicy: SimulatedPolicy;
  deliveryPolicy: SimulatedPolicy;
  currencyCode: string;
  deliveryMethod: SimulatedDeliveryMethod | null;
  /** Decimal string. */
  deliveryPrice: string;
  note: string | null;
  createdAt: string;
  updatedAt: string;
  /** Bumped by every change to the contract itself (status, committed draft). */
  revisionId: number;
  originOrderId: string | null;
  /** Origin order first, then the orders of successful billing attempts. */
  orderIds: string[];
  /** Cycles follow the billing policy from createdAt (and are extended on demand), rather than being the explicit list a test gave. */
  generatedCycles: boolean;
  /** Generated cycle `index` falls on `date`; the others are whole billing intervals away from it. */
  cycleAnchor: { index: number; date: string };
  /** Per-contract override of SubscriptionsState.pendingReads. */
  pendingReads: number | null;
  history: ContractEvent[];
}

// --- Inputs ----------------------------------------------------------------------------

type Maybe<T> = T | null | undefined;

export interface MailingAddressInput {
  firstName?: Maybe<string>;
  lastName?: Maybe<string>;
  company?: Maybe<string>;
  address1?: Maybe<string>;
  address2?: Maybe<string>;
  city?: Maybe<string>;
  province?: Maybe<string>;
  provinceCode?: Maybe<string>;
  countryCode?: Maybe<string>;
  zip?: Maybe<string>;
  phone?: Maybe<string>;
}

type OptionInput = { title?: Maybe<string>; code?: Maybe<string>; presentmentTitle?: Maybe<string>; description?: Maybe<string> };

/** Shopify's SubscriptionDeliveryMethodInput: exactly one of the three. */
export interface DeliveryMethodInput {
  shipping?: Maybe<{ address?: Maybe<MailingAddressInput>; shippingOption?: Maybe<OptionInput> }>;
  localDelivery?: Maybe<{ address?: Maybe<MailingAddressInput>; localDeliveryOption?: Maybe<OptionInput & { phone: string; instructions?: Maybe<string> }> }>;
  pickup?: Maybe<{ pickupOption?: Maybe<OptionInput & { locationId: string }> }>;
}

// --- Small things ------------------------------------------------------------------------

export const DAY_MS = 24 * 3600 * 1000;

/** Shopify writes Decimal amounts with at least one decimal place, to the cent: "5.0", "16.65". */
export function amount(value: number | string): string {
  const cents = Math.round(Number(value) * 100) / 100;
  return Number.isInteger(cents) ? cents.toFixed(1) : String(cents);
}

export function money(value: number | string, currencyCode: string) {
  return { __typename: "MoneyV2", amount: amount(value), currencyCode };
}

const iso = (date: Date | string | number) => new Date(date).toISOString();

/** `date` moved by `count` intervals; months keep the day of the month where they can (Jan 31 + 1 month = Feb 28). */
export function addInterval(date: Date | string | number, interval: SellingPlanInterval, count: number): Date {
  const start = new Date(date);
  if (interval === "DAY" || interval === "WEEK") return new Date(start.getTime() + count * (interval === "DAY" ? 1 : 7) * DAY_MS);
  const months = count * (interval === "YEAR" ? 12 : 1);
  const target = new Date(start);
  target.setUTCDate(1);
  target.setUTCMonth(start.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return target;
}

/** A deterministic hex token, like the ones in CustomerPaymentMethod IDs. */
export function hexToken(seed: string): string {
  return createHash("md5").update(seed).digest("hex");
}

export const COUNTRY_NAMES: Record<string, string> = {
  US: "United States",
  CA: "Canada",
  GB: "United Kingdom",
  FR: "France",
  DE: "Germany",
  AU: "Australia",
  IE: "Ireland",
  NZ: "New Zealand",
};

export function addressFrom(id: string, input: MailingAddressInput, base?: SimulatedAddress): SimulatedAddress {
  const pick = <K extends keyof MailingAddressInput>(key: K) => (input[key] !== undefined ? (input[key] ?? null) : (base?.[key as keyof SimulatedAddress] ?? null));
  return {
    id,
    firstName: pick("firstName"),
    lastName: pick("lastName"),
    company: pick("company"),
    address1: pick("address1"),
    address2: pick("address2"),
    city: pick("city"),
    province: pick("province"),
    provinceCode: pick("provinceCode"),
    countryCode: pick("countryCode"),
    zip: pick("zip"),
    phone: pick("phone"),
  };
}

const option = (input: Maybe<OptionInput>, fallbackTitle: string | null): DeliveryOption => ({
  title: input?.title ?? fallbackTitle,
  code: input?.code ?? null,
  presentmentTitle: input?.presentmentTitle ?? input?.title ?? fallbackTitle,
  description: input?.description ?? null,
});

/**
 * A delivery method from Shopify's input shape; an address not given keeps
 * `current`'s (or `fallbackAddress`). Returns an error message for an input
 * Shopify would refuse.
 */
export function deliveryMethodFrom(
  input: DeliveryMethodInput,
  current: SimulatedDeliveryMethod | null,
  newAddressId: () => string,
  fallbackAddress?: SimulatedAddress,
): SimulatedDeliveryMethod | { error: string; code: string } {
  const given = (["shipping", "localDelivery", "pickup"] as const).filter((kind) => input[kind]);
  if (given.length !== 1) return { code: "INVALID", error: "Give exactly one of shipping, localDelivery or pickup" };
  const baseAddress = current && current.kind !== "pickup" ? current.address : fallbackAddress;
  const address = (given: Maybe<MailingAddressInput>) => (given ? addressFrom(newAddressId(), given, baseAddress) : baseAddress);
  if (input.shipping) {
    const shippingAddress = address(input.shipping.address);
    if (!shippingAddress) return { code: "PRESENCE", error: "Shipping address can't be blank" };
    const previous = current?.kind === "shipping" ? current.option : undefined;
    return { kind: "shipping", address: shippingAddress, option: input.shipping.shippingOption ? option(input.shipping.shippingOption, null) : (previous ?? option(null, "Standard")) };
  }
  if (input.localDelivery) {
    const localOption = input.localDelivery.localDeliveryOption;
    if (!localOption) return { code: "MISSING_LOCAL_DELIVERY_OPTIONS", error: "Local delivery options are missing" };
    const localAddress = address(input.localDelivery.address);
    if (!localAddress) return { code: "PRESENCE", error: "Delivery address can't be blank" };
    return { kind: "localDelivery", address: localAddress, option: { ...option(localOption, "Local delivery"), phone: localOption.phone, instructions: localOption.instructions ?? null } };
  }
  const pickupOption = input.pickup!.pickupOption;
  if (!pickupOption) return { code: "PRESENCE", error: "Pickup option can't be blank" };
  return { kind: "pickup", option: { ...option(pickupOption, "Pickup"), locationId: pickupOption.locationId } };
}

export function displayName(customer: SimulatedCustomer): string {
  return `${customer.firstName} ${customer.lastName}`.trim() || customer.email;
}

/** A line for one of the catalogue's variants. */
export function lineFromVariant(
  id: string,
  product: CatalogueProduct,
  variant: CatalogueVariant,
  quantity: number,
  price?: string | number,
): SimulatedLine {
  return {
    id,
    productId: product.id,
    variantId: variant.id,
    title: product.title,
    variantTitle: variant.title === "Default Title" ? null : variant.title,
    sku: `${product.handle}-${variant.title}`.toUpperCase().replace(/[^A-Z0-9]+/g, "-").replace(/-$/, ""),
    quantity,
    currentPrice: amount(price ?? variant.price),
    sellingPlanId: null,
    sellingPlanName: null,
    pricingPolicy: null,
  };
}

/** The price after a plan's discount: PERCENTAGE and FIXED_AMOUNT off the base price, PRICE in its place. */
export function discountedPrice(base: number, adjustmentType: AdjustmentType, percentage: number | null, value: string | null): number {
  if (adjustmentType === "PERCENTAGE") return base * (1 - (percentage ?? 0) / 100);
  if (adjustmentType === "FIXED_AMOUNT") return Math.max(0, base - Number(value ?? 0));
  return Number(value ?? base);
}

const INVENTORY_CODES = ["INSUFFICIENT_INVENTORY", "INVENTORY_ALLOCATIONS_NOT_FOUND"];
const CUSTOMER_CODES = ["CUSTOMER_INVALID", "CUSTOMER_NOT_FOUND"];
const GENERAL_CODES = [
  ...CUSTOMER_CODES,
  "FREE_GIFT_CARD_NOT_ALLOWED",
  "INVALID_BILLING_ADDRESS",
  "MERCHANT_ACCOUNT_ERROR",
  "NON_TEST_ORDER_LIMIT_REACHED",
  "PAYMENT_METHOD_INCOMPATIBLE_WITH_GATEWAY_CONFIG",
  "PAYMENT_METHOD_NOT_FOUND",
  "PAYMENT_METHOD_NOT_SPECIFIED",
  "PAYMENT_PROVIDER_IS_NOT_ENABLED",
];
const OTHER_CODES = ["MERCHANT_ACCOUNT_ERROR", "NON_TEST_ORDER_LIMIT_REACHED", "PAYMENT_PROVIDER_IS_NOT_ENABLED", "UNEXPECTED_ERROR", "FREE_GIFT_CARD_NOT_ALLOWED"];

/** The contract's `lastBillingAttemptErrorType` for a failed attempt's code. */
export function billingErrorType(code: string): BillingErrorType {
  if (INVENTORY_CODES.includes(code)) return "INVENTORY_ERROR";
  if (CUSTOMER_CODES.includes(code)) return "CUSTOMER_ERROR";
  if (OTHER_CODES.includes(code)) return "OTHER";
  return "PAYMENT_ERROR";
}

export function attemptErrorMessage(code: string): string {
  return INVENTORY_CODES.includes(code) ? "Not enough inventory to fulfil the order" : "Payment failed";
}

// --- Derived contract facts --------------------------------------------------------------

export function allAttempts(contract: SimulatedContract): SimulatedAttempt[] {
  return contract.cycles.flatMap((cycle) => cycle.attempts).sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
}

/** The newest attempt that has finished processing. */
function lastSettledAttempt(contract: SimulatedContract): SimulatedAttempt | undefined {
  return allAttempts(contract)
    .filter((attempt) => attempt.ready)
    .at(-1);
}

export function lastPaymentStatus(contract: SimulatedContract): LastPaymentStatus | null {
  const last = lastSettledAttempt(contract);
  return last ? (last.errorCode ? "FAILED" : "SUCCEEDED") : null;
}

/** The error type of the last attempt; null when it succeeded (or there is none). */
export function lastBillingAttemptErrorType(contract: SimulatedContract): BillingErrorType | null {
  const last = lastSettledAttempt(contract);
  return last?.errorCode ? billingErrorType(last.errorCode) : null;
}

/** The expected date of the first cycle that is neither billed nor skipped; null once terminated. */
export function nextBillingDate(contract: SimulatedContract): string | null {
  if (TERMINATED.includes(contract.status)) return null;
  const next = [...contract.cycles].sort((a, b) => a.index - b.index).find((cycle) => cycle.status === "UNBILLED" && !cycle.skipped);
  return next?.expectedDate ?? null;
}

/** Where the cycle starts: the previous cycle's expected date (or one interval before its own, never before the contract). */
export function cycleStartAt(contract: SimulatedContract, cycle: SimulatedCycle): string {
  const previous = contract.cycles.find((candidate) => candidate.index === cycle.index - 1);
  if (previous && Date.parse(previous.expectedDate) <= Date.parse(cycle.expectedDate)) return previous.expectedDate;
  const start = addInterval(cycle.expectedDate, contract.billingPolicy.interval, -contract.billingPolicy.intervalCount).getTime();
  return iso(Math.min(Date.parse(cycle.expectedDate), Math.max(start, Date.parse(contract.createdAt))));
}

/** The cycle a date falls in (start <= date <= end), the earliest one on a boundary. */
export function cycleAt(contract: SimulatedContract, date: string): SimulatedCycle | undefined {
  const at = Date.parse(date);
  return [...contract.cycles]
    .sort((a, b) => a.index - b.index)
    .find((cycle) => Date.parse(cycleStartAt(contract, cycle)) <= at && at <= Date.parse(cycle.expectedDate));
}

export function lineTotal(line: SimulatedLine): number {
  return Number(line.currentPrice) * line.quantity;
}

/** What an order for the contract comes to: its lines and the delivery price. */
export function orderTotal(contract: SimulatedContract): string {
  return amount(contract.lines.reduce((sum, line) => sum + lineTotal(line), 0) + Number(contract.deliveryPrice));
}

// --- Answers: plain data, with functions for fields that take arguments -------------------

type Args = Record<string, unknown>;
const byNumber = (id: string) => ({ last_id: numericId(id), last_value: numericId(id) });
const countOf = (count: number) => ({ count, precision: "EXACT" });

export function addressObject(address: SimulatedAddress) {
  const country = address.countryCode ? (COUNTRY_NAMES[address.countryCode] ?? address.countryCode) : null;
  const name = [address.firstName, address.lastName].filter(Boolean).join(" ") || null;
  const area = [address.city, [address.provinceCode, address.zip].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  return {
    __typename: "MailingAddress",
    ...address,
    name,
    country,
    province: address.province ?? address.provinceCode,
    countryCodeV2: address.countryCode,
    formattedArea: [area, country].filter(Boolean).join(", ") || null,
    formatted: (args: Args) =>
      [
        args.withName ? name : null,
        args.withCompany === false ? null : address.company,
        address.address1,
        address.address2,
        [address.city, address.provinceCode, address.zip].filter(Boolean).join(" "),
        country,
      ].filter((part): part is string => Boolean(part)),
    coordinatesValidated: false,
    latitude: null,
    longitude: null,
    timeZone: null,
    validationResultSummary: null,
  };
}

function policyObject(policy: SimulatedPolicy, billing: boolean) {
  return {
    interval: policy.interval,
    intervalCount: policy.intervalCount,
    anchors: [],
    ...(billing ? { minCycles: policy.minCycles, maxCycles: policy.maxCycles } : {}),
  };
}

export function billingPolicyObject(policy: SimulatedPolicy) {
  return policyObject(policy, true);
}

export function deliveryPolicyObject(policy: SimulatedPolicy) {
  return policyObject(policy, false);
}

export function deliveryMethodObject(method: SimulatedDeliveryMethod | null) {
  if (!method) return null;
  const optionOf = (given: DeliveryOption) => ({ title: given.title, code: given.code, presentmentTitle: given.presentmentTitle, description: given.description });
  switch (method.kind) {
    case "shipping":
      return { __typename: "SubscriptionDeliveryMethodShipping", address: addressObject(method.address), shippingOption: optionOf(method.option) };
    case "localDelivery":
      return {
        __typename: "SubscriptionDeliveryMethodLocalDelivery",
        address: addressObject(method.address),
        localDeliveryOption: { ...optionOf(method.option), phone: method.option.phone, instructions: method.option.instructions },
      };
    case "pickup":
      return {
        __typename: "SubscriptionDeliveryMethodPickup",
        pickupOption: { ...optionOf(method.option), location: { __typename: "Location", id: method.option.locationId, name: method.option.title ?? "Pickup location" } },
      };
  }
}

export function lineObject(line: SimulatedLine, currencyCode: string) {
  return {
    __typename: "SubscriptionLine",
    id: line.id,
    title: line.title,
    variantTitle: line.variantTitle,
    quantity: line.quantity,
    productId: line.productId,
    variantId: line.variantId,
    sku: line.sku,
    sellingPlanId: line.sellingPlanId,
    sellingPlanName: line.sellingPlanName,
    currentPrice: money(line.currentPrice, currencyCode),
    lineDiscountedPrice: money(lineTotal(line), currencyCode),
    pricingPolicy: line.pricingPolicy && {
      basePrice: money(line.pricingPolicy.basePrice, currencyCode),
      cycleDiscounts: line.pricingPolicy.cycleDiscounts.map((discount) => ({
        adjustmentType: discount.adjustmentType,
        adjustmentValue:
          discount.percentage !== null
            ? { __typename: "SellingPlanPricingPolicyPercentageValue", percentage: discount.percentage }
            : { ...money(discount.amount ?? 0, currencyCode) },
        afterCycle: discount.afterCycle,
        computedPrice: money(discount.computedPrice, currencyCode),
      })),
    },
    variantImage: null,
    requiresShipping: true,
    taxable: true,
    customAttributes: [],
    discountAllocations: [],
    concatenatedOriginContract: null,
  };
}

export function linesConnection(lines: SimulatedLine[], currencyCode: string) {
  return (args: Args) => connection(lines, args, (line) => byNumber(line.id), (line) => lineObject(line, currencyCode));
}

/** An empty connection, for what the simulator does not model (e.g. discounts). */
export function emptyConnection(args: Args) {
  return connection([] as string[], args, byNumber, () => null);
}

/** Whether a card runs out within two months (including one already expired). */
export function expiresSoon(method: SimulatedPaymentMethod, now: number): boolean {
  const firstDayAfterExpiry = Date.UTC(method.expiryYear, method.expiryMonth, 1);
  return firstDayAfterExpiry - now <= 60 * DAY_MS;
}

/**
 * The answers for one state: contract, customer, order, payment method,
 * billing cycle and attempt objects, which refer to one another through it.
 */
export class ContractAnswers {
  constructor(private readonly state: SubscriptionsState) {}

  contract(contract: SimulatedContract): Record<string, unknown> {
    const state = this.state;
    const currency = contract.currencyCode;
    const customer = state.customers.get(contract.customerId);
    const origin = contract.originOrderId ? state.orders.get(contract.originOrderId) : undefined;
    return {
      __typename: "SubscriptionContract",
      id: contract.id,
      status: contract.status,
      createdAt: contract.createdAt,
      updatedAt: contract.updatedAt,
      revisionId: String(contract.revisionId),
      currencyCode: currency,
      note: contract.note,
      customAttributes: [],
      app: { __typename: "App", id: SIMULATED_APP_ID },
      appAdminUrl: appAdminUrl(contract),
      customer: customer ? this.customer(customer) : null,
      customerPaymentMethod: (args: Args) => this.contractPaymentMethod(contract, Boolean(args.showRevoked)),
      billingPolicy: billingPolicyObject(contract.billingPolicy),
      deliveryPolicy: deliveryPolicyObject(contract.deliveryPolicy),
      deliveryMethod: deliveryMethodObject(contract.deliveryMethod),
      deliveryPrice: money(contract.deliveryPrice, currency),
      discounts: emptyConnection,
      lines: linesConnection(contract.lines, currency),
      linesCount: countOf(contract.lines.length),
      lineCount: contract.lines.length,
      nextBillingDate: nextBillingDate(contract),
      lastPaymentStatus: lastPaymentStatus(contract),
      lastBillingAttemptErrorType: lastBillingAttemptErrorType(contract),
      billingAttempts: (args: Args) =>
        connection(allAttempts(contract), args, (attempt) => ({ last_id: attempt.seq ?? 0, last_value: attempt.seq ?? 0 }), (attempt) => this.attempt(attempt)),
      orders: (args: Args) => this.orderConnection(contract.orderIds, args),
      originOrder: origin ? this.order(origin) : null,
    };
  }

  contractPaymentMethod(contract: SimulatedContract, showRevoked: boolean) {
    const method = contract.paymentMethodId ? this.state.paymentMethods.get(contract.paymentMethodId) : undefined;
    if (!method || (method.revokedAt && !showRevoked)) return null;
    return this.paymentMethod(method);
  }

  contractConnection(contracts: SimulatedContract[], args: Args) {
    return connection(contracts, args, (contract) => byNumber(contract.id), (contract) => this.contract(contract));
  }

  customer(customer: SimulatedCustomer): Record<string, unknown> {
    const state = this.state;
    const contracts = () => state.contractsOf(customer.shop).filter((contract) => contract.customerId === customer.id);
    const orders = () => [...state.orders.values()].filter((order) => order.customerId === customer.id).map((order) => order.id);
    const methods = (showRevoked: boolean) =>
      [...state.paymentMethods.values()].filter((method) => method.customerId === customer.id && (showRevoked || !method.revokedAt));
    return {
      __typename: "Customer",
      id: customer.id,
      legacyResourceId: String(numericId(customer.id)),
      firstName: customer.firstName,
      lastName: customer.lastName,
      displayName: displayName(customer),
      email: customer.email,
      phone: customer.phone,
      defaultEmailAddress: { emailAddress: customer.email },
      defaultPhoneNumber: customer.phone ? { phoneNumber: customer.phone } : null,
      createdAt: customer.createdAt,
      updatedAt: customer.createdAt,
      tags: customer.tags,
      note: null,
      defaultAddress: addressObject(customer.address),
      addresses: () => [addressObject(customer.address)],
      numberOfOrders: String(orders().length),
      orders: (args: Args) => this.orderConnection(orders(), args),
      subscriptionContracts: (args: Args) => this.contractConnection(contracts(), args),
      paymentMethods: (args: Args) =>
        connection(methods(Boolean(args.showRevoked)), args, (method) => ({ last_id: 0, last_value: method.id }), (method) => this.paymentMethod(method)),
    };
  }

  paymentMethod(method: SimulatedPaymentMethod): Record<string, unknown> {
    const customer = this.state.customers.get(method.customerId);
    return {
      __typename: "CustomerPaymentMethod",
      id: method.id,
      revokedAt: method.revokedAt,
      revokedReason: method.revokedReason,
      customer: customer ? { __typename: "Customer", id: customer.id, displayName: displayName(customer), email: customer.email } : null,
      instrument: {
        __typename: "CustomerCreditCard",
        brand: method.brand,
        lastDigits: method.lastDigits,
        maskedNumber: `•••• •••• •••• ${method.lastDigits}`,
        expiryMonth: method.expiryMonth,
        expiryYear: method.expiryYear,
        expiresSoon: expiresSoon(method, this.state.now()),
        name: method.name,
        source: null,
        firstDigits: null,
        virtualLastDigits: null,
        isRevocable: true,
        billingAddress: null,
      },
      subscriptionContracts: (args: Args) =>
        this.contractConnection(
          this.state.contractsOf(method.shop).filter((contract) => contract.paymentMethodId === method.id),
          args,
        ),
    };
  }

  order(order: SimulatedOrder): Record<string, unknown> {
    const customer = order.customerId ? this.state.customers.get(order.customerId) : undefined;
    const total = { shopMoney: money(order.totalPrice, order.currencyCode), presentmentMoney: money(order.totalPrice, order.currencyCode) };
    return {
      __typename: "Order",
      id: order.id,
      legacyResourceId: String(numericId(order.id)),
      name: order.name,
      createdAt: order.createdAt,
      processedAt: order.createdAt,
      currencyCode: order.currencyCode,
      email: customer?.email ?? null,
      customer: customer ? { __typename: "Customer", id: customer.id, displayName: displayName(customer), email: customer.email } : null,
      tags: [...order.tags],
      note: null,
      displayFinancialStatus: "PAID",
      totalPriceSet: total,
      currentTotalPriceSet: total,
    };
  }

  orderConnection(orderIds: string[], args: Args) {
    const orders = orderIds.map((id) => this.state.orders.get(id)).filter((order) => order !== undefined);
    return connection(orders, args, (order) => byNumber(order.id), (order) => this.order(order));
  }

  /** A billing attempt: the 2026-04 `state` union, and the deprecated fields it replaced. */
  attempt(attempt: SimulatedAttempt): Record<string, unknown> {
    const contract = this.state.findContract(attempt.shop, attempt.contractId);
    const order = attempt.orderId ? this.state.orders.get(attempt.orderId) : undefined;
    const orderObject = order ? this.order(order) : null;
    const variants = (args: Args) => this.lineVariants(contract, args);
    const state = !attempt.ready
      ? { __typename: "SubscriptionBillingAttemptPendingState", processing: true }
      : attempt.errorCode
        ? { __typename: "SubscriptionBillingAttemptFailedState", error: attemptError(attempt.errorCode, variants) }
        : { __typename: "SubscriptionBillingAttemptSuccessState", order: orderObject };
    const createdAt = attempt.createdAt ?? attempt.originTime;
    return {
      __typename: "SubscriptionBillingAttempt",
      id: attempt.id,
      idempotencyKey: attempt.id,
      originTime: attempt.originTime,
      createdAt,
      completedAt: attempt.ready ? (attempt.completedAt ?? createdAt) : null,
      subscriptionContract: contract ? this.contract(contract) : { id: attempt.contractId },
      state,
      ready: attempt.ready,
      errorCode: attempt.ready ? attempt.errorCode : null,
      errorMessage: attempt.ready && attempt.errorCode ? attemptErrorMessage(attempt.errorCode) : null,
      processingError: attempt.ready && attempt.errorCode ? processingError(attempt.errorCode, variants) : null,
      nextActionUrl: null,
      order: attempt.ready ? orderObject : null,
      respectInventoryPolicy: attempt.inventoryPolicy !== "ALLOW_OVERSELLING",
    };
  }

  /** The variants of the contract's lines, as the inventory errors list them. */
  private lineVariants(contract: SimulatedContract | undefined, args: Args) {
    const lines = (contract?.lines ?? []).filter((line) => line.variantId);
    return connection(
      lines,
      args,
      (line) => byNumber(line.variantId!),
      (line) => ({
        __typename: "ProductVariant",
        id: line.variantId,
        title: line.variantTitle ?? "Default Title",
        displayName: `${line.title} - ${line.variantTitle ?? "Default Title"}`,
        image: null,
        product: { __typename: "Product", id: line.productId, title: line.title, featuredMedia: null, featuredImage: null },
      }),
    );
  }

  cycle(contract: SimulatedContract, cycle: SimulatedCycle): Record<string, unknown> {
    return {
      __typename: "SubscriptionBillingCycle",
      cycleIndex: cycle.index,
      cycleStartAt: cycleStartAt(contract, cycle),
      cycleEndAt: cycle.expectedDate,
      billingAttemptExpectedDate: cycle.expectedDate,
      status: cycle.status,
      skipped: cycle.skipped,
      edited: cycle.edited ?? false,
      billingAttempts: (args: Args) =>
        connection(
          [...cycle.attempts].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0)),
          args,
          (attempt) => ({ last_id: attempt.seq ?? 0, last_value: attempt.seq ?? 0 }),
          (attempt) => this.attempt(attempt),
        ),
      sourceContract: this.contract(contract),
      editedContract: null,
    };
  }
}

type VariantConnection = (args: Args) => unknown;

function attemptError(code: string, variants: VariantConnection) {
  if (INVENTORY_CODES.includes(code)) return { __typename: "SubscriptionBillingAttemptInventoryError", code, insufficientStockProductVariants: variants };
  if (GENERAL_CODES.includes(code)) return { __typename: "SubscriptionBillingAttemptGeneralError", code };
  if (code === "UNEXPECTED_ERROR") return { __typename: "SubscriptionBillingAttemptUnexpectedError", message: attemptErrorMessage(code) };
  return { __typename: "SubscriptionBillingAttemptPaymentError", code };
}

function processingError(code: string, variants: VariantConnection) {
  const message = attemptErrorMessage(code);
  if (INVENTORY_CODES.includes(code)) return { __typename: "SubscriptionBillingAttemptInsufficientStockProductVariantsError", code, message, insufficientStockProductVariants: variants };
  return { __typename: "SubscriptionBillingAttemptGenericError", code, message };
}

/** The contract's page in this app, as the subscription link extension names it (`/app/contracts/{contract_id}`). */
export function appAdminUrl(contract: SimulatedContract): string {
  const store = contract.shop.replace(/\.myshopify\.com$/, "");
  return `https://admin.shopify.com/store/${store}/apps/subscriptions-app-template/app/contracts/${numericId(contract.id)}`;
}

// --- Search ---------------------------------------------------------------------------------

export function contractMatches(contract: SimulatedContract, term: SearchTerm): boolean | undefined {
  switch (term.field) {
    case "status":
      return contract.status === term.value.toUpperCase();
    case "id":
      return compares(numericId(contract.id), term, numericId(term.value));
    case "last_billing_attempt_error_type":
      return (lastBillingAttemptErrorType(contract) ?? "").toLowerCase() === term.value.toLowerCase();
    case "created_at":
      return dateTermMatches(contract.createdAt, term);
    case "updated_at":
      return dateTermMatches(contract.updatedAt, term);
    default:
      return undefined;
  }
}

export function customerMatches(customer: SimulatedCustomer, term: SearchTerm): boolean | undefined {
  switch (term.field) {
    case null:
      return textMatches(displayName(customer), term.value) || textMatches(customer.email, term.value);
    case "email":
      return textMatches(customer.email, term.value);
    case "first_name":
      return textMatches(customer.firstName, term.value);
    case "last_name":
      return textMatches(customer.lastName, term.value);
    case "id":
      return compares(numericId(customer.id), term, numericId(term.value));
    default:
      return undefined;
  }
}

// --- Root fields --------------------------------------------------------------------------

const CONTRACT_SORT: Record<string, (contract: SimulatedContract) => string | number> = {
  CREATED_AT: (contract) => Date.parse(contract.createdAt),
  UPDATED_AT: (contract) => Date.parse(contract.updatedAt),
  ID: (contract) => numericId(contract.id),
  STATUS: (contract) => contract.status,
};

/** Answers contracts, customers, orders, tags, the lifecycle mutations and the update email, from `state`. */
export function installContracts(state: SubscriptionsState, simulator: AdminApiSimulator): void {
  const answers = state.answers;

  simulator.onQuery("subscriptionContract", (args, { shop }) => {
    const contract = state.findContract(shop.domain, String(args.id));
    return contract ? answers.contract(contract) : null;
  });

  simulator.onQuery("subscriptionContracts", (args, { shop }) => {
    const tree = parseSearchQuery(args.query);
    const contracts = state.contractsOf(shop.domain).filter((contract) => searchMatches(tree, (term) => contractMatches(contract, term)));
    const sortValue = CONTRACT_SORT[String(args.sortKey ?? "CREATED_AT")] ?? CONTRACT_SORT.CREATED_AT;
    return connection(contracts, args, (contract) => ({ last_id: numericId(contract.id), last_value: sortValue(contract) }), (contract) => answers.contract(contract));
  });

  simulator.onQuery("customers", (args, { shop }) => {
    const tree = parseSearchQuery(args.query);
    const customers = state.customersOf(shop.domain).filter((customer) => searchMatches(tree, (term) => customerMatches(customer, term)));
    const sortKey = String(args.sortKey ?? "ID");
    const sortValue = (customer: SimulatedCustomer): string | number =>
      sortKey === "NAME" ? displayName(customer).toLowerCase() : sortKey === "CREATED_AT" || sortKey === "UPDATED_AT" ? Date.parse(customer.createdAt) : numericId(customer.id);
    return connection(customers, args, (customer) => ({ last_id: numericId(customer.id), last_value: sortValue(customer) }), (customer) => answers.customer(customer));
  });

  simulator.onQuery("customer", (args, { shop }) => {
    const customer = state.customers.get(String(args.id));
    return customer && customer.shop === shop.domain ? answers.customer(customer) : null;
  });

  simulator.onQuery("order", (args, { shop }) => {
    const order = state.findOrder(shop.domain, String(args.id));
    return order ? answers.order(order) : null;
  });

  simulator.onMutation("tagsAdd", (args, { shop }) => {
    const id = String(args.id);
    const tags = (args.tags as string[]).map((tag) => tag.trim()).filter(Boolean);
    const target = state.findOrder(shop.domain, id) ?? state.findCustomer(shop.domain, id);
    if (!target) return { node: null, userErrors: [{ field: ["id"], message: `${/\/Order\//.test(id) ? "Order" : "Resource"} does not exist` }] };
    for (const tag of tags) if (!target.tags.includes(tag)) target.tags.push(tag);
    return { node: { __typename: /\/Order\//.test(target.id) ? "Order" : "Customer", id: target.id }, userErrors: [] };
  });

  const statusChange = (status: ContractStatus, action: string) => (args: Args, { shop }: { shop: { domain: string } }) => {
    const contract = state.findContract(shop.domain, String(args.subscriptionContractId));
    if (!contract) return { contract: null, userErrors: [{ field: ["subscriptionContractId"], message: "Contract does not exist", code: "INVALID" }] };
    if (TERMINATED.includes(contract.status)) {
      return { contract: null, userErrors: [{ field: null, message: "Contract status cannot be changed once terminated.", code: "CONTRACT_TERMINATED" }] };
    }
    state.changeStatus(contract, status, action, (args.actor as SubscriptionActor | null | undefined) ?? null);
    return { contract: answers.contract(contract), userErrors: [] };
  };
  simulator.onMutation("subscriptionContractPause", statusChange("PAUSED", "pause"));
  simulator.onMutation("subscriptionContractActivate", statusChange("ACTIVE", "activate"));
  simulator.onMutation("subscriptionContractCancel", statusChange("CANCELLED", "cancel"));
  simulator.onMutation("subscriptionContractExpire", statusChange("EXPIRED", "expire"));
  simulator.onMutation("subscriptionContractFail", statusChange("FAILED", "fail"));

  simulator.onMutation("customerPaymentMethodSendUpdateEmail", (args, { shop }) => {
    const method = state.paymentMethods.get(String(args.customerPaymentMethodId));
    const refused = (message: string) => ({ customer: null, userErrors: [{ field: ["customerPaymentMethodId"], message }] });
    if (!method || method.shop !== shop.domain) return refused("Customer payment method does not exist");
    if (method.revokedAt) return refused("Customer payment method has been revoked");
    const customer = state.customers.get(method.customerId)!;
    state.sentUpdateEmails.push({
      shop: shop.domain,
      paymentMethodId: method.id,
      customerId: customer.id,
      at: new Date(state.now()).toISOString(),
      email: (args.email as Record<string, unknown> | null | undefined) ?? null,
    });
    return { customer: answers.customer(customer), userErrors: [] };
  });
}
