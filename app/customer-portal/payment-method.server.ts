/**
 * The customer portal's backend: the card on a customer's subscription, and
 * Shopify's email with a secure link to update it (App Store 5.4.5). The
 * Customer Account API offers neither, so the portal asks the app, which
 * reads the contract through the shop's Admin API and acts only when the
 * contract belongs to the customer the session token names. Another
 * customer's contract answers exactly as a missing one does (404), so ids
 * cannot be probed.
 */
import { paymentEmailRefusal } from "../contracts/contract-rules";
import { PAYMENT_METHOD_UPDATE_EMAIL_MUTATION } from "../contracts/graphql/PaymentMethodUpdateEmailMutation";
import { refuseOnUserErrors, type AdminGateway } from "../shopify/admin-gateway.server";
import type { CustomerIdentity } from "./customer-identity";
import { PORTAL_CONTRACT_QUERY } from "./graphql/PortalContractQuery";

export interface PortalAnswer {
  status: number;
  body: Record<string, unknown>;
}

const NOT_FOUND: PortalAnswer = { status: 404, body: { error: "No such subscription in your account" } };

async function ownContract(gateway: AdminGateway, customer: CustomerIdentity, contractId: string) {
  const { subscriptionContract } = await gateway.request(PORTAL_CONTRACT_QUERY, { id: contractId });
  return subscriptionContract?.customer?.id === customer.customerId ? subscriptionContract : null;
}

/** The card on the subscription: brand, last digits, expiry, and whether it can still be charged. */
export async function portalPaymentMethod(gateway: AdminGateway, customer: CustomerIdentity, contractId: string): Promise<PortalAnswer> {
  const contract = await ownContract(gateway, customer, contractId);
  if (!contract) return NOT_FOUND;
  const method = contract.customerPaymentMethod;
  const instrument = method?.instrument;
  const card = instrument && (instrument.__typename === "CustomerCreditCard" || instrument.__typename === "CustomerShopPayAgreement") ? instrument : null;
  return {
    status: 200,
    body: {
      paymentMethod: method
        ? {
            brand: card && "brand" in card ? card.brand : instrument?.__typename === "CustomerShopPayAgreement" ? "Shop Pay" : null,
            lastDigits: card?.lastDigits ?? null,
            expiryMonth: card?.expiryMonth ?? null,
            expiryYear: card?.expiryYear ?? null,
            expiresSoon: card?.expiresSoon ?? false,
            revoked: Boolean(method.revokedAt),
          }
        : null,
    },
  };
}

/** Has Shopify email the customer a link to update the subscription's card. */
export async function portalSendPaymentUpdate(gateway: AdminGateway, customer: CustomerIdentity, contractId: string): Promise<PortalAnswer> {
  const contract = await ownContract(gateway, customer, contractId);
  if (!contract) return NOT_FOUND;
  if (contract.status === "CANCELLED" || contract.status === "EXPIRED") return { status: 409, body: { error: "This subscription has ended" } };
  const refused = paymentEmailRefusal(contract.customerPaymentMethod);
  if (refused) return { status: 409, body: { error: refused } };
  const sent = await gateway.request(PAYMENT_METHOD_UPDATE_EMAIL_MUTATION, { paymentMethodId: contract.customerPaymentMethod!.id });
  refuseOnUserErrors("PaymentMethodUpdateEmail", sent.customerPaymentMethodSendUpdateEmail?.userErrors);
  return { status: 200, body: { sent: true } };
}
