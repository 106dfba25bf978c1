/**
 * Requests that can never succeed, refused with a clear 4xx before they reach
 * Remix, Shopify's library or the database (each of these answered 500
 * before: issue 12). Pure: the production server (server/start.ts) calls it
 * for every request; the shop check is the app's one (shop-domain.server.ts).
 */

/** Methods the app answers; TRACE, CONNECT and the rest get 405 (Remix throws on TRACE). */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/** Paths other sites may POST to: the customer portal's endpoint, called from Shopify's extension origin with CORS. */
const CROSS_ORIGIN_PATHS = [/^\/customer-account\//];

export interface GuardedRequest {
  method: string;
  /** The request target as sent: path and query. */
  url: string;
  header(name: string): string | undefined;
}

export interface Refusal {
  status: 400 | 403 | 405;
  message: string;
  headers?: Record<string, string>;
}

export function guardRequest(request: GuardedRequest, shopDomain: (shop: unknown) => string | null): Refusal | null {
  const method = request.method.toUpperCase();
  if (!(ALLOWED_METHODS as readonly string[]).includes(method)) {
    return { status: 405, message: `${request.method} is not allowed`, headers: { allow: ALLOWED_METHODS.join(", ") } };
  }
  let url: URL;
  try {
    url = new URL(request.url, "http://app.invalid");
  } catch {
    return { status: 400, message: "Malformed URL" };
  }
  // A NUL or a control character in the query reaches databases (PostgreSQL refuses NUL) and headers (CR/LF).
  for (const [name, value] of url.searchParams) {
    if (hasControlCharacter(name) || hasControlCharacter(value)) return { status: 400, message: "Control characters in the query" };
  }
  const shops = url.searchParams.getAll("shop");
  if (shops.length > 1 || (shops.length === 1 && shopDomain(shops[0]) === null)) return { status: 400, message: "Invalid shop" };
  if (method !== "GET" && method !== "HEAD" && method !== "OPTIONS" && !CROSS_ORIGIN_PATHS.some((path) => path.test(url.pathname))) {
    const origin = request.header("origin");
    if (origin !== undefined && origin !== "null" && originHost(origin) !== requestHost(request)) return { status: 403, message: "Cross-origin request refused" };
    if (origin === "null") return { status: 403, message: "Cross-origin request refused" };
  }
  return null;
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** The host the browser addressed, as Remix compares it (X-Forwarded-Host first, behind a proxy). */
function requestHost(request: GuardedRequest): string | undefined {
  return request.header("x-forwarded-host")?.split(",")[0]?.trim() || request.header("host");
}
