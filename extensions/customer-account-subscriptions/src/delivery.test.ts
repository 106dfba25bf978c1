import { describe, expect, it } from "vitest";
import { addressFormFrom, addressInput, deliveryMethodInput, EMPTY_ADDRESS, type DeliveryOption } from "./delivery";

const FORM = { ...EMPTY_ADDRESS, firstName: " Ada ", address1: "200 Bay Street", city: "Toronto", zoneCode: "on", zip: "M5J 2J5", territoryCode: "ca" };

describe("addressInput", () => {
  it.each([
    ["a complete address, trimmed, codes upper-cased, empty fields left out", FORM, { ok: true, address: { firstName: "Ada", address1: "200 Bay Street", city: "Toronto", zoneCode: "ON", zip: "M5J 2J5", territoryCode: "CA" } }],
    ["no street, city or country", EMPTY_ADDRESS, { ok: false, errors: { address1: "required", city: "required", territoryCode: "required" } }],
    ["spaces only count as empty", { ...FORM, city: "   " }, { ok: false, errors: { city: "required" } }],
    ["a country that is not a two-letter code", { ...FORM, territoryCode: "Canada" }, { ok: false, errors: { territoryCode: "country" } }],
    ["a field longer than Shopify keeps", { ...FORM, address2: "x".repeat(256) }, { ok: false, errors: { address2: "tooLong" } }],
  ])("%s", (_name, form, expected) => expect(addressInput(form)).toEqual(expected));
});

describe("deliveryMethodInput", () => {
  const address = { address1: "200 Bay Street", city: "Toronto", territoryCode: "CA" };
  const price = { amount: "5.0", currencyCode: "USD" as const };
  const shipping = { __typename: "SubscriptionShippingOption", code: "standard", title: "Standard", presentmentTitle: null, description: null, phoneRequired: false, price } as DeliveryOption;
  const local = { ...shipping, __typename: "SubscriptionLocalDeliveryOption", code: "local", phoneRequired: true } as DeliveryOption;
  const pickup = { ...shipping, __typename: "SubscriptionPickupOption", code: "pickup", locationId: "gid://shopify/Location/1", pickupTime: "", pickupAddress: { address1: "1 Front", city: "Toronto", zip: null, countryCode: "CA" } } as DeliveryOption;
  it.each([
    ["shipping to the address", shipping, "", { ok: true, input: { shipping: { shippingAddress: address } } }],
    ["local delivery with the phone typed", local, " +1 416 555 0100 ", { ok: true, input: { localDelivery: { deliveryAddress: address, phone: "+1 416 555 0100" } } }],
    ["local delivery without a phone", local, "", { ok: false, error: "phone" }],
    ["pickup at the option's location", pickup, "", { ok: true, input: { pickup: { locationId: "gid://shopify/Location/1" } } }],
  ])("%s", (_name, option, phone, expected) => expect(deliveryMethodInput(option, address, phone)).toEqual(expected));

  it("uses the address's phone for local delivery when none is typed", () => {
    expect(deliveryMethodInput(local, { ...address, phoneNumber: "+1 416 555 0199" }, "")).toMatchObject({ ok: true, input: { localDelivery: { phone: "+1 416 555 0199" } } });
  });
});

describe("addressFormFrom", () => {
  it("fills the form from a shipping address, and leaves it empty for pickup or none", () => {
    const shipping = {
      __typename: "SubscriptionDeliveryMethodShipping" as const,
      address: { firstName: "Ada", lastName: null, address1: "1 Main", address2: null, city: "Ottawa", provinceCode: "ON", zip: "K1A", countryCode: "CA" as const, phone: null },
      shippingOption: { title: "Standard", presentmentTitle: null },
    };
    expect(addressFormFrom(shipping)).toEqual({ ...EMPTY_ADDRESS, firstName: "Ada", address1: "1 Main", city: "Ottawa", zoneCode: "ON", zip: "K1A", territoryCode: "CA" });
    expect(addressFormFrom(null)).toEqual(EMPTY_ADDRESS);
  });
});
