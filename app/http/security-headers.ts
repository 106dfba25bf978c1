/**
 * Headers every response gets unless it already set them: no MIME sniffing,
 * no full URLs in Referer to other sites, HTTPS only once the app is served
 * over HTTPS, and no framing. The embedded admin pages keep the
 * `frame-ancestors https://<shop> https://admin.shopify.com ...` that
 * Shopify's library sets (addDocumentResponseHeaders); every other page
 * (`/auth/login` among them) denies framing.
 */
export const HSTS = "max-age=63072000; includeSubDomains";

export function missingSecurityHeaders(has: (name: string) => boolean, { https }: { https: boolean }): Record<string, string> {
  const headers: Record<string, string> = {};
  if (!has("x-content-type-options")) headers["X-Content-Type-Options"] = "nosniff";
  if (!has("referrer-policy")) headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
  if (https && !has("strict-transport-security")) headers["Strict-Transport-Security"] = HSTS;
  if (!has("content-security-policy")) {
    headers["Content-Security-Policy"] = "frame-ancestors 'none'";
    if (!has("x-frame-options")) headers["X-Frame-Options"] = "DENY";
  }
  return headers;
}
