import { describe, expect, it } from "vitest";
import { HSTS, missingSecurityHeaders } from "./security-headers";

const none = () => false;

describe("missingSecurityHeaders", () => {
  it("denies framing, sniffing and full referrers on a response that sets none of them", () => {
    expect(missingSecurityHeaders(none, { https: false })).toEqual({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Content-Security-Policy": "frame-ancestors 'none'",
      "X-Frame-Options": "DENY",
    });
  });

  it("asks for HTTPS only when the app is served over it", () => {
    expect(missingSecurityHeaders(none, { https: true })["Strict-Transport-Security"]).toBe(HSTS);
    expect(missingSecurityHeaders(none, { https: false })).not.toHaveProperty("Strict-Transport-Security");
  });

  it("keeps Shopify's frame-ancestors on the embedded pages, and adds no X-Frame-Options that would contradict them", () => {
    const added = missingSecurityHeaders((name) => name === "content-security-policy", { https: false });
    expect(added).not.toHaveProperty("Content-Security-Policy");
    expect(added).not.toHaveProperty("X-Frame-Options");
    expect(added).toHaveProperty("X-Content-Type-Options", "nosniff");
  });

  it("adds nothing a response already has", () => {
    expect(missingSecurityHeaders(() => true, { https: true })).toEqual({});
  });
});
