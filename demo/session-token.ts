import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";

export const DEMO_SHOP = "demo-shop.myshopify.com";

/** A session token (id_token) as Shopify's admin signs it for the embedded app: HS256 with the app secret. */
export async function signSessionToken(
  { shop, apiKey, apiSecret }: { shop: string; apiKey: string; apiSecret: string },
  lifetimeSeconds = 3600,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: `https://${shop}/admin`,
    dest: `https://${shop}`,
    aud: apiKey,
    sub: "1",
    exp: now + lifetimeSeconds,
    nbf: now - 5,
    iat: now,
    jti: randomUUID(),
    sid: randomUUID(),
  })
    .setProtectedHeader({ alg: "HS256" })
    .sign(new TextEncoder().encode(apiSecret));
}

/** The URL the admin iframe would load for `path`: embedded=1, shop, host and an id_token (fresh, unless given). */
export async function embeddedUrl(
  appUrl: string,
  path: string,
  credentials: { shop: string; apiKey: string; apiSecret: string },
  token?: string,
): Promise<string> {
  const url = new URL(path, appUrl);
  url.searchParams.set("embedded", "1");
  url.searchParams.set("shop", credentials.shop);
  url.searchParams.set("host", Buffer.from(`admin.shopify.com/store/${credentials.shop.split(".")[0]}`).toString("base64"));
  url.searchParams.set("id_token", token ?? (await signSessionToken(credentials)));
  return url.toString();
}
