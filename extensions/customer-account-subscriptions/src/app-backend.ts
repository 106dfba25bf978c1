/**
 * The app's own endpoints, for what the Customer Account API does not offer:
 * the subscription's card (the customer API shows no payment method) and the
 * email with a secure link to update it (App Store 5.4.5), which only the
 * Admin API can send. Each request carries the extension's session token;
 * the app checks it and acts only on the signed-in customer's own contract
 * (app/customer-portal/).
 */
import { numericId } from "./portal";

export interface CardSummary {
  brand: string | null;
  lastDigits: string | null;
  expiryMonth: number | null;
  expiryYear: number | null;
  expiresSoon: boolean;
  revoked: boolean;
}

export interface PaymentMethodAnswer {
  paymentMethod: CardSummary | null;
}

export interface AppBackend {
  paymentMethod(contractId: string): Promise<PaymentMethodAnswer>;
  /** Has Shopify email the customer a link to update the card. */
  sendPaymentMethodUpdate(contractId: string): Promise<{ sent: true }>;
}

export class AppBackendError extends Error {
  override name = "AppBackendError";
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

export interface AppBackendOptions {
  /** The app's URL (`SHOPIFY_APP_URL`); Shopify CLI builds it into the extension as `process.env.APP_URL`. */
  appUrl: string;
  sessionToken: { get(): Promise<string> };
  fetchImpl?: typeof fetch;
}

export function createAppBackend({ appUrl, sessionToken, fetchImpl = (input, init) => fetch(input, init) }: AppBackendOptions): AppBackend {
  const base = appUrl.replace(/\/+$/, "");
  async function call<T>(method: "GET" | "POST", contractId: string): Promise<T> {
    const url = `${base}/customer-account/subscriptions/${numericId(contractId)}/payment-method`;
    let response: Response;
    try {
      // A fresh (or cached) token on every request: they live a few minutes.
      const token = await sessionToken.get();
      response = await fetchImpl(url, { method, headers: { authorization: `Bearer ${token}`, accept: "application/json" } });
    } catch (error) {
      throw new AppBackendError(`The app could not be reached (${(error as Error).message})`, null);
    }
    const body = (await response.json().catch(() => null)) as (T & { error?: string }) | null;
    if (!response.ok || !body) throw new AppBackendError(body?.error ?? `The app answered HTTP ${response.status}`, response.status);
    return body;
  }
  return {
    paymentMethod: (contractId) => call<PaymentMethodAnswer>("GET", contractId),
    sendPaymentMethodUpdate: (contractId) => call<{ sent: true }>("POST", contractId),
  };
}
