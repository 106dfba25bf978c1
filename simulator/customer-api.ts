/**
 * The Customer Account API, as a customer account extension sees it: the
 * signed-in customer's own contracts and orders, and the self-service
 * mutations (pause, resume, cancel, skip and unskip a cycle, fetch delivery
 * options for an address and select one). It answers from the same
 * SubscriptionsState as the Admin API, so a change a customer makes is what
 * the merchant's pages and the billing engine see next.
 *
 * Shopify scopes every answer to the customer the token belongs to: another
 * customer's contract is "not found" (null, or
 * SUBSCRIPTION_CONTRACT_DOES_NOT_EXIST) and nothing changes. Tokens come from
 * `simulator.customerAccount.accessToken(shop, customerId)`; a request goes
 * to `https://shopify.com/<number>/account/customer/api/<version>/graphql`
 * (`customerAccountsUrl` in admin-api.ts) with the token as `Authorization`.
 */
import { createHash, randomBytes } from "node:crypto";
import { isEnumType } from "graphql";
import type { AdminApiSimulator, ResolverContext } from "./admin-api";
import { customerAccountsUrl } from "./admin-api";
import {
  addInterval,
  contractMatches,
  COUNTRY_NAMES,
  lastBillingAttemptErrorType,
  lastPaymentStatus,
  money,
  nextBillingDate,
  TERMINATED,
  type ContractStatus,
  type SimulatedAddress,
  type SimulatedContract,
  type SimulatedCycle,
  type SimulatedDeliveryMethod,
  type SimulatedOrder,
} from "./contracts";
import { connection, numericId, parseSearchQuery, searchMatches } from "./plans";
import { customerSchema } from "./schema";
import type { SubscriptionsState } from "./subscriptions";

type Args = Record<string, unknown>;
type Maybe<T> = T | null | undefined;

/** Shopify's CustomerAddressInput (the Customer Account API names country and province territory and zone). */
export interface CustomerAddressInput {
  firstName?: Maybe<string>;
  lastName?: Maybe<string>;
  company?: Maybe<string>;
  address1?: Maybe<string>;
  address2?: Maybe<string>;
  city?: Maybe<string>;
  zoneCode?: Maybe<string>;
  territoryCode?: Maybe<string>;
  zip?: Maybe<string>;
  phoneNumber?: Maybe<string>;
}

interface PickupLocation {
  id: string;
  title: string;
  address: { address1: string; address2: string | null; city: string; countryCode: string; zip: string; zoneCode: string; phone: string | null };
}

interface OfferedOption {
  kind: "shipping" | "localDelivery" | "pickup";
  code: string;
  title: string;
  description: string | null;
  price: string;
  phoneRequired: boolean;
  location?: PickupLocation;
}

interface DeliveryOptionsResult {
  token: string;
  shop: string;
  contractId: string;
  address: CustomerAddressInput;
  options: OfferedOption[];
}

/** Every simulated shop has one pickup location, and delivers locally in its own province. */
export const PICKUP_LOCATION: PickupLocation = {
  id: "gid://shopify/Location/1",
  title: "Roastery pickup",
  address: { address1: "1 Front Street West", address2: null, city: "Toronto", countryCode: "CA", zip: "M5J 1A1", zoneCode: "ON", phone: null },
};
const LOCAL_DELIVERY_ZONE = { territoryCode: "CA", zoneCode: "ON" };

const STATUS_ACTIONS: Record<string, { status: ContractStatus; action: string }> = {
  subscriptionContractPause: { status: "PAUSED", action: "pause" },
  subscriptionContractActivate: { status: "ACTIVE", action: "activate" },
  subscriptionContractCancel: { status: "CANCELLED", action: "cancel" },
};

const iso = (date: Date | string | number) => new Date(date).toISOString();
const count = (value: number) => ({ count: value, precision: "EXACT" });
const byNumber = (id: string) => ({ last_id: numericId(id), last_value: numericId(id) });

export class CustomerAccountApi {
  private readonly tokens = new Map<string, { shop: string; customerId: string }>();
  private readonly results = new Map<string, DeliveryOptionsResult>();
  private readonly computing = new Map<string, number>();
  /** How many times a fetch for a new address answers `deliveryOptionsResult: null` (Shopify still computing) before the options. */
  pendingDeliveryFetches = 1;

  constructor(private readonly state: SubscriptionsState) {}

  /** A customer access token for `customerId` at `shop`, as Shopify gives a signed-in customer's extension. */
  accessToken(shop: string, customerId: string): string {
    const token = `shcat_${randomBytes(16).toString("hex")}`;
    this.tokens.set(token, { shop, customerId });
    return token;
  }

  /** The shop and customer a request's token signs in, if it is valid for the shop at `shopNumber`. */
  signedIn(token: string, shopNumber: string): { shop: string; customerId: string } | undefined {
    const found = this.tokens.get(token.replace(/^Bearer\s+/i, ""));
    if (!found || !customerAccountsUrl(found.shop).includes(`/${shopNumber}/`)) return undefined;
    return found;
  }

  /** The Customer Account API endpoint of a shop. */
  graphqlUrl(shop: string, apiVersion: string): string {
    return `${customerAccountsUrl(shop)}/customer/api/${apiVersion}/graphql`;
  }

  reset(): void {
    this.tokens.clear();
    this.results.clear();
    this.computing.clear();
    this.pendingDeliveryFetches = 1;
  }

  install(simulator: AdminApiSimulator): void {
    simulator.onCustomerQuery("customer", (_args, context) => {
      const customer = this.state.customers.get(context.customerId ?? "");
      if (!customer || customer.shop !== context.shop.domain) return null;
      return {
        __typename: "Customer",
        id: customer.id,
        firstName: customer.firstName,
        lastName: customer.lastName,
        displayName: `${customer.firstName} ${customer.lastName}`.trim(),
        emailAddress: { emailAddress: customer.email },
        subscriptionContracts: (args: Args) => this.contractConnection(this.contractsOf(context), args),
        subscriptionContract: (args: Args) => {
          const contract = this.ownContract(context, String(args.id));
          return contract ? this.contract(contract) : null;
        },
        orders: (args: Args) => connection(this.ordersOf(context), args, (order) => byNumber(order.id), (order) => this.order(order, context)),
      };
    });

    simulator.onCustomerQuery("order", (args, context) => {
      const order = this.ordersOf(context).find((candidate) => candidate.id === String(args.id));
      return order ? this.order(order, context) : null;
    });

    for (const [field, change] of Object.entries(STATUS_ACTIONS)) {
      simulator.onCustomerMutation(field, (args, context) => {
        const contract = this.ownContract(context, String(args.subscriptionContractId));
        const refuse = (code: string, message: string, fieldPath: string[] | null = null) => ({ contract: null, userErrors: [{ code, field: fieldPath, message }] });
        if (!contract) return refuse("SUBSCRIPTION_CONTRACT_DOES_NOT_EXIST", "Subscription contract does not exist", ["subscriptionContractId"]);
        if (TERMINATED.includes(contract.status)) return refuse("INVALID", "Contract status cannot be changed once terminated.");
        this.state.changeStatus(contract, change.status, change.action, "CUSTOMER");
        return { contract: this.contract(contract), userErrors: [] };
      });
    }

    const skipOrUnskip = (skip: boolean) => (args: Args, context: ResolverContext) => {
      const input = args.billingCycleInput as { contractId: string; selector: { index?: number | null; date?: string | null } };
      const refuse = (message: string, field: string[]) => ({ billingCycle: null, userErrors: [{ code: "INVALID", field: ["billingCycleInput", ...field], message }] });
      const contract = this.ownContract(context, input.contractId);
      if (!contract) return refuse("Subscription contract does not exist", ["contractId"]);
      if (TERMINATED.includes(contract.status)) return refuse("Contract is terminated", ["contractId"]);
      const cycle = this.state.findCycle(contract, input.selector);
      if (!cycle) return refuse("Billing cycle does not exist", ["selector"]);
      if (cycle.status === "BILLED") return refuse("Billing cycle has already been billed", ["selector"]);
      cycle.skipped = skip;
      contract.history.push({ action: skip ? "skip" : "unskip", actor: "CUSTOMER", at: iso(this.state.now()), cycleIndex: cycle.index });
      return { billingCycle: this.cycle(contract, cycle), userErrors: [] };
    };
    simulator.onCustomerMutation("subscriptionBillingCycleSkip", skipOrUnskip(true));
    simulator.onCustomerMutation("subscriptionBillingCycleUnskip", skipOrUnskip(false));

    simulator.onCustomerMutation("subscriptionContractFetchDeliveryOptions", (args, context) => {
      const contract = this.ownContract(context, String(args.subscriptionContractId));
      if (!contract) {
        return { deliveryOptionsResult: null, userErrors: [{ code: "SUBSCRIPTION_CONTRACT_DOES_NOT_EXIST", field: ["subscriptionContractId"], message: "Subscription contract does not exist" }] };
      }
      if (TERMINATED.includes(contract.status)) return { deliveryOptionsResult: null, userErrors: [{ code: "INVALID", field: ["subscriptionContractId"], message: "Contract is terminated" }] };
      const address = (args.address ?? {}) as CustomerAddressInput;
      const key = `${contract.id} ${JSON.stringify(address)}`;
      // Shopify computes options in the background: the first fetches answer null, and the client asks again.
      const seen = this.computing.get(key) ?? 0;
      if (seen < this.pendingDeliveryFetches) {
        this.computing.set(key, seen + 1);
        return { deliveryOptionsResult: null, userErrors: [] };
      }
      const options = this.offeredOptions(address, contract);
      if (options.length === 0) {
        return { deliveryOptionsResult: { __typename: "SubscriptionDeliveryOptionsResultFailure", message: "No delivery options are available for this address" }, userErrors: [] };
      }
      const token = createHash("sha256").update(`${key} ${this.results.size}`).digest("hex").slice(0, 32);
      this.results.set(token, { token, shop: contract.shop, contractId: contract.id, address, options });
      return {
        deliveryOptionsResult: {
          __typename: "SubscriptionDeliveryOptionsResultSuccess",
          token,
          deliveryOptions: options.map((option) => this.optionObject(option, contract.currencyCode)),
        },
        userErrors: [],
      };
    });

    simulator.onCustomerMutation("subscriptionContractSelectDeliveryMethod", (args, context) => {
      const refuse = (code: string, message: string, field: string[] | null = null) => ({ contract: null, userErrors: [{ code, field, message }] });
      const contract = this.ownContract(context, String(args.subscriptionContractId));
      if (!contract) return refuse("SUBSCRIPTION_CONTRACT_DOES_NOT_EXIST", "Subscription contract does not exist", ["subscriptionContractId"]);
      if (TERMINATED.includes(contract.status)) return refuse("INVALID", "Contract is terminated");
      const result = this.results.get(String(args.subscriptionDeliveryOptionsResultToken));
      if (!result || result.contractId !== contract.id) return refuse("INVALID", "Delivery options result token is invalid", ["subscriptionDeliveryOptionsResultToken"]);
      const input = args.deliveryMethodInput as {
        shipping?: Maybe<{ shippingAddress?: Maybe<CustomerAddressInput> }>;
        localDelivery?: Maybe<{ deliveryAddress?: Maybe<CustomerAddressInput>; phone: string; instructions?: Maybe<string> }>;
        pickup?: Maybe<{ locationId: string }>;
      };
      const kinds = (["shipping", "localDelivery", "pickup"] as const).filter((kind) => input[kind]);
      if (kinds.length !== 1) return refuse("INVALID", "Give exactly one of shipping, localDelivery or pickup", ["deliveryMethodInput"]);
      const kind = kinds[0];
      const option = result.options.find((candidate) => candidate.kind === kind && (kind !== "pickup" || candidate.location?.id === input.pickup?.locationId));
      if (!option) return refuse("INVALID", "That delivery method is not one of the options fetched", ["deliveryMethodInput"]);
      const addressId = this.state.newAddressId();
      let method: SimulatedDeliveryMethod;
      if (kind === "shipping") {
        method = { kind, address: simulatedAddress(addressId, input.shipping?.shippingAddress ?? result.address), option: optionSummary(option) };
      } else if (kind === "localDelivery") {
        const local = input.localDelivery!;
        if (!local.phone.trim()) return refuse("BLANK", "Phone can't be blank", ["deliveryMethodInput", "localDelivery", "phone"]);
        method = {
          kind,
          address: simulatedAddress(addressId, local.deliveryAddress ?? result.address),
          option: { ...optionSummary(option), phone: local.phone, instructions: local.instructions ?? null },
        };
      } else {
        method = { kind, option: { ...optionSummary(option), locationId: option.location!.id } };
      }
      contract.deliveryMethod = method;
      contract.deliveryPrice = option.price;
      this.state.touch(contract);
      contract.history.push({ action: "delivery-method", actor: "CUSTOMER", at: iso(this.state.now()) });
      return { contract: this.contract(contract), userErrors: [] };
    });
  }

  // --- Scoping: a customer sees their own records only ------------------------------------

  private contractsOf(context: ResolverContext): SimulatedContract[] {
    return this.state.contractsOf(context.shop.domain).filter((contract) => contract.customerId === context.customerId);
  }

  private ownContract(context: ResolverContext, id: string): SimulatedContract | undefined {
    const contract = this.state.findContract(context.shop.domain, id);
    return contract && contract.customerId === context.customerId ? contract : undefined;
  }

  private ordersOf(context: ResolverContext): SimulatedOrder[] {
    return [...this.state.orders.values()].filter((order) => order.shop === context.shop.domain && order.customerId === context.customerId);
  }

  // --- Answers, in the Customer Account API's shapes ------------------------------------------

  private contractConnection(contracts: SimulatedContract[], args: Args) {
    const tree = parseSearchQuery(args.query);
    const matching = contracts.filter((contract) => searchMatches(tree, (term) => contractMatches(contract, term)));
    const sorted = args.sortKey === "UPDATED_AT" ? [...matching].sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt)) : matching;
    return connection(sorted, args, (contract) => byNumber(contract.id), (contract) => this.contract(contract));
  }

  contract(contract: SimulatedContract): Record<string, unknown> {
    const currency = contract.currencyCode;
    const policy = (given: SimulatedContract["billingPolicy"], billing: boolean) => ({
      interval: given.interval,
      intervalCount: count(given.intervalCount),
      anchors: [],
      ...(billing ? { minCycles: given.minCycles, maxCycles: given.maxCycles } : {}),
    });
    const origin = contract.originOrderId ? this.state.orders.get(contract.originOrderId) : undefined;
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
      billingPolicy: policy(contract.billingPolicy, true),
      deliveryPolicy: policy(contract.deliveryPolicy, false),
      deliveryMethod: customerDeliveryMethod(contract.deliveryMethod),
      deliveryPrice: money(contract.deliveryPrice, currency),
      discounts: (args: Args) => connection([] as string[], args, byNumber, () => null),
      lines: (args: Args) =>
        connection(contract.lines, args, (line) => byNumber(line.id), (line) => ({
          __typename: "SubscriptionLine",
          id: line.id,
          name: line.variantTitle ? `${line.title} - ${line.variantTitle}` : line.title,
          title: line.title,
          variantTitle: line.variantTitle,
          sku: line.sku,
          quantity: line.quantity,
          currentPrice: money(line.currentPrice, currency),
          lineDiscountedPrice: money(Number(line.currentPrice) * line.quantity, currency),
          image: null,
          variantImage: null,
          onlineStoreUrl: null,
          requiresShipping: contract.deliveryMethod?.kind !== "pickup",
          taxable: true,
          customAttributes: [],
          discountAllocations: [],
        })),
      linesCount: count(contract.lines.length),
      nextBillingDate: nextBillingDate(contract),
      lastPaymentStatus: lastPaymentStatus(contract),
      lastBillingAttemptErrorType: lastBillingAttemptErrorType(contract),
      orders: (args: Args) => {
        const orders = contract.orderIds.map((id) => this.state.orders.get(id)).filter((order) => order !== undefined);
        return connection(orders, args, (order) => byNumber(order.id), (order) => this.order(order));
      },
      originOrder: origin ? this.order(origin) : null,
      upcomingBillingCycles: (args: Args) => {
        const wanted = typeof args.first === "number" ? args.first : typeof args.last === "number" ? args.last : 10;
        const billed = contract.cycles.filter((cycle) => cycle.status === "BILLED").at(-1)?.index ?? 0;
        if (!TERMINATED.includes(contract.status)) this.state.extendCycles(contract, { index: billed + wanted });
        const upcoming = TERMINATED.includes(contract.status) ? [] : contract.cycles.filter((cycle) => cycle.status === "UNBILLED" && cycle.attempts.length === 0);
        return connection(upcoming, args, (cycle) => ({ last_id: cycle.index, last_value: cycle.index }), (cycle) => this.cycle(contract, cycle));
      },
    };
  }

  private cycle(contract: SimulatedContract, cycle: SimulatedCycle): Record<string, unknown> {
    const previous = contract.cycles.find((candidate) => candidate.index === cycle.index - 1);
    const start = previous?.expectedDate ?? (cycle.index === 1 ? contract.createdAt : addInterval(cycle.expectedDate, contract.billingPolicy.interval, -contract.billingPolicy.intervalCount).toISOString());
    return {
      __typename: "SubscriptionBillingCycle",
      cycleIndex: cycle.index,
      cycleStartAt: start,
      cycleEndAt: cycle.expectedDate,
      billingAttemptExpectedDate: cycle.expectedDate,
      status: cycle.status,
      skipped: cycle.skipped,
      edited: cycle.edited ?? false,
    };
  }

  private order(order: SimulatedOrder, context?: ResolverContext): Record<string, unknown> {
    const contracts = () => this.state.contractsOf(order.shop).filter((contract) => contract.orderIds.includes(order.id));
    return {
      __typename: "Order",
      id: order.id,
      name: order.name,
      number: numericId(order.id),
      createdAt: order.createdAt,
      processedAt: order.createdAt,
      updatedAt: order.createdAt,
      currencyCode: order.currencyCode,
      totalPrice: money(order.totalPrice, order.currencyCode),
      statusPageUrl: `${customerAccountsUrl(order.shop)}/orders/${numericId(order.id)}`,
      subscriptionContracts: (args: Args) =>
        this.contractConnection(context ? contracts().filter((contract) => contract.customerId === context.customerId) : contracts(), args),
    };
  }

  private offeredOptions(address: CustomerAddressInput, contract: SimulatedContract): OfferedOption[] {
    const countries = customerSchema().schema.getType("CountryCode");
    const territory = address.territoryCode?.toUpperCase() ?? "";
    const known = isEnumType(countries) && countries.getValue(territory) !== undefined;
    if (!known || !address.address1?.trim() || !address.city?.trim()) return [];
    const options: OfferedOption[] = [{ kind: "shipping", code: "standard", title: "Standard", description: "3 to 5 business days", price: contract.deliveryPrice === "0.0" ? "5.0" : contract.deliveryPrice, phoneRequired: false }];
    if (territory === LOCAL_DELIVERY_ZONE.territoryCode && address.zoneCode?.toUpperCase() === LOCAL_DELIVERY_ZONE.zoneCode) {
      options.push({ kind: "localDelivery", code: "local", title: "Local delivery", description: "Delivered by bike", price: "0.0", phoneRequired: true });
    }
    options.push({ kind: "pickup", code: "pickup-1", title: PICKUP_LOCATION.title, description: null, price: "0.0", phoneRequired: false, location: PICKUP_LOCATION });
    return options;
  }

  private optionObject(option: OfferedOption, currencyCode: string): Record<string, unknown> {
    const common = { code: option.code, title: option.title, presentmentTitle: option.title, description: option.description, phoneRequired: option.phoneRequired, price: money(option.price, currencyCode) };
    if (option.kind === "shipping") return { __typename: "SubscriptionShippingOption", ...common };
    if (option.kind === "localDelivery") return { __typename: "SubscriptionLocalDeliveryOption", ...common };
    return { __typename: "SubscriptionPickupOption", ...common, locationId: option.location!.id, pickupTime: "Usually ready in 24 hours", pickupAddress: option.location!.address };
  }
}

function simulatedAddress(id: string, input: CustomerAddressInput): SimulatedAddress {
  return {
    id,
    firstName: input.firstName ?? null,
    lastName: input.lastName ?? null,
    company: input.company ?? null,
    address1: input.address1 ?? null,
    address2: input.address2 ?? null,
    city: input.city ?? null,
    province: null,
    provinceCode: input.zoneCode?.toUpperCase() ?? null,
    countryCode: input.territoryCode?.toUpperCase() ?? null,
    zip: input.zip ?? null,
    phone: input.phoneNumber ?? null,
  };
}

function optionSummary(option: OfferedOption) {
  return { title: option.title, code: option.code, presentmentTitle: option.title, description: option.description };
}

function mailingAddress(address: SimulatedAddress) {
  return {
    address1: address.address1,
    address2: address.address2,
    city: address.city,
    company: address.company,
    country: address.countryCode ? (COUNTRY_NAMES[address.countryCode] ?? address.countryCode) : null,
    countryCode: address.countryCode,
    firstName: address.firstName,
    lastName: address.lastName,
    name: [address.firstName, address.lastName].filter(Boolean).join(" ") || null,
    phone: address.phone,
    province: address.province ?? address.provinceCode,
    provinceCode: address.provinceCode,
    zip: address.zip,
  };
}

function customerDeliveryMethod(method: SimulatedDeliveryMethod | null) {
  if (!method) return null;
  const option = { title: method.option.title, presentmentTitle: method.option.presentmentTitle, description: method.option.description };
  switch (method.kind) {
    case "shipping":
      return { __typename: "SubscriptionDeliveryMethodShipping", address: mailingAddress(method.address), shippingOption: option };
    case "localDelivery":
      return {
        __typename: "SubscriptionDeliveryMethodLocalDelivery",
        address: mailingAddress(method.address),
        localDeliveryOption: { ...option, phone: method.option.phone, instructions: method.option.instructions },
      };
    case "pickup":
      return { __typename: "SubscriptionDeliveryMethodPickup", pickupOption: { ...option, pickupAddress: method.option.locationId === PICKUP_LOCATION.id ? PICKUP_LOCATION.address : { ...PICKUP_LOCATION.address, address1: method.option.title ?? "Pickup" } } };
  }
}
