/**
 * Changing where and how a subscription is delivered, the way the Customer
 * Account API wants it: fetch the delivery options for the new address
 * (Shopify computes them in the background and answers null until they are
 * ready, so ask again), then select one of them with the result's token.
 * The address form's checks and the input it becomes are pure.
 */
import type { CustomerClient, OperationResult, OperationVariables } from "./customer-client";
import { DELIVERY_METHOD_SELECT_MUTATION } from "./graphql/DeliveryMethodSelectMutation";
import { DELIVERY_OPTIONS_MUTATION } from "./graphql/DeliveryOptionsMutation";
import { outcomeOf, type ActionOutcome } from "./portal";
import type { SubscriptionDetail } from "./subscriptions";

export type CustomerAddressInput = OperationVariables<typeof DELIVERY_OPTIONS_MUTATION>["address"];
export type DeliveryMethodInput = OperationVariables<typeof DELIVERY_METHOD_SELECT_MUTATION>["method"];
type OptionsResult = NonNullable<NonNullable<OperationResult<typeof DELIVERY_OPTIONS_MUTATION>["subscriptionContractFetchDeliveryOptions"]>["deliveryOptionsResult"]>;
export type DeliveryOption = Extract<OptionsResult, { __typename: "SubscriptionDeliveryOptionsResultSuccess" }>["deliveryOptions"][number];

export const ADDRESS_FIELDS = ["firstName", "lastName", "address1", "address2", "city", "zoneCode", "zip", "territoryCode", "phoneNumber"] as const;
export type AddressField = (typeof ADDRESS_FIELDS)[number];
/** The form as typed. */
export type AddressForm = Record<AddressField, string>;

const REQUIRED: readonly AddressField[] = ["address1", "city", "territoryCode"];

export const EMPTY_ADDRESS: AddressForm = { firstName: "", lastName: "", address1: "", address2: "", city: "", zoneCode: "", zip: "", territoryCode: "", phoneNumber: "" };

/** The form filled with the subscription's current delivery address (empty for pickup). */
export function addressFormFrom(method: SubscriptionDetail["deliveryMethod"]): AddressForm {
  if (!method || method.__typename === "SubscriptionDeliveryMethodPickup") return { ...EMPTY_ADDRESS };
  const address = method.address;
  return {
    firstName: address.firstName ?? "",
    lastName: address.lastName ?? "",
    address1: address.address1 ?? "",
    address2: address.address2 ?? "",
    city: address.city ?? "",
    zoneCode: address.provinceCode ?? "",
    zip: address.zip ?? "",
    territoryCode: address.countryCode ?? "",
    phoneNumber: address.phone ?? "",
  };
}

/** The Customer Account API's address from the form, or the fields to fix (each a locale key under `address.errors`). */
export function addressInput(form: AddressForm): { ok: true; address: CustomerAddressInput } | { ok: false; errors: Partial<Record<AddressField, string>> } {
  const trimmed = Object.fromEntries(ADDRESS_FIELDS.map((field) => [field, form[field].trim()])) as AddressForm;
  const errors: Partial<Record<AddressField, string>> = {};
  for (const field of REQUIRED) if (!trimmed[field]) errors[field] = "required";
  if (trimmed.territoryCode && !/^[A-Za-z]{2}$/.test(trimmed.territoryCode)) errors.territoryCode = "country";
  for (const field of ADDRESS_FIELDS) if (trimmed[field].length > 255) errors[field] = "tooLong";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const address: CustomerAddressInput = {};
  for (const field of ADDRESS_FIELDS) if (trimmed[field]) address[field] = field === "territoryCode" || field === "zoneCode" ? trimmed[field].toUpperCase() : trimmed[field];
  return { ok: true, address };
}

export type OptionsOutcome = { ok: true; token: string; options: DeliveryOption[] } | { ok: false; message: string };

export interface PollOptions {
  /** Tries in all; Shopify's own portal asks up to 20 times, a second apart. */
  tries?: number;
  intervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** The delivery options for `address`, asking again while Shopify is still computing them. */
export async function fetchDeliveryOptions(client: CustomerClient, id: string, address: CustomerAddressInput, { tries = 20, intervalMs = 1000, sleep = wait }: PollOptions = {}): Promise<OptionsOutcome> {
  for (let attempt = 1; attempt <= tries; attempt++) {
    const payload = (await client.request(DELIVERY_OPTIONS_MUTATION, { id, address })).subscriptionContractFetchDeliveryOptions;
    if (!payload) return { ok: false, message: "Shopify answered without a result" };
    if (payload.userErrors.length > 0) return { ok: false, message: payload.userErrors.map((error) => error.message).join("; ") };
    const result = payload.deliveryOptionsResult;
    if (result?.__typename === "SubscriptionDeliveryOptionsResultFailure") return { ok: false, message: result.message ?? "No delivery options for this address" };
    if (result?.__typename === "SubscriptionDeliveryOptionsResultSuccess") return { ok: true, token: result.token, options: result.deliveryOptions };
    if (attempt < tries) await sleep(intervalMs);
  }
  return { ok: false, message: "Shopify took too long to find delivery options; try again" };
}

/** The input selecting `option` for `address`; local delivery needs a phone number. */
export function deliveryMethodInput(option: DeliveryOption, address: CustomerAddressInput, phone: string): { ok: true; input: DeliveryMethodInput } | { ok: false; error: "phone" } {
  switch (option.__typename) {
    case "SubscriptionShippingOption":
      return { ok: true, input: { shipping: { shippingAddress: address } } };
    case "SubscriptionLocalDeliveryOption": {
      const number = phone.trim() || address.phoneNumber?.trim() || "";
      if (!number) return { ok: false, error: "phone" };
      return { ok: true, input: { localDelivery: { deliveryAddress: address, phone: number } } };
    }
    case "SubscriptionPickupOption":
      return { ok: true, input: { pickup: { locationId: option.locationId } } };
  }
}

/** Sets the subscription's delivery to the chosen option. */
export async function selectDeliveryMethod(client: CustomerClient, id: string, token: string, method: DeliveryMethodInput): Promise<ActionOutcome> {
  const payload = (await client.request(DELIVERY_METHOD_SELECT_MUTATION, { id, token, method })).subscriptionContractSelectDeliveryMethod;
  return outcomeOf(payload, payload?.contract);
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
