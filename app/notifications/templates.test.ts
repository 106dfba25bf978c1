import { describe, expect, it } from "vitest";
import { CUSTOMER_EMAILS, EMAIL_KINDS, MERCHANT_EMAILS, type EmailKind } from "./email-kinds";
import { escapeHtml, formatDate, renderEmail, type EmailContext } from "./templates";

const PORTAL = "https://shopify.com/60000000001/account";
const ADMIN = "https://coffee.myshopify.com/admin/apps/key/app/contracts/1047";

function context(kind: EmailKind, overrides: Partial<EmailContext> = {}): EmailContext {
  return {
    kind,
    data: { cycleIndex: 3, date: "2026-11-24T15:00:00Z", finalAction: "pause", failureReason: "INSUFFICIENT_FUNDS" },
    shop: { name: "Coffee Club", timeZone: "America/Toronto" },
    portalUrl: PORTAL,
    customerFirstName: "Ada",
    contract: { number: "1047", lines: ["House Blend (1 kg) × 2"], nextBillingDate: "2026-12-01T15:00:00Z" },
    adminContractUrl: ADMIN,
    ...overrides,
  };
}

describe("renderEmail", () => {
  // Subject, and a sentence each part must carry, per kind.
  it.each<[EmailKind, RegExp, string]>([
    ["subscription-created", /^Your subscription #1047 with Coffee Club$/, "your next order is on Tuesday, December 1, 2026"],
    ["subscription-paused", /^Your subscription #1047 is paused$/, "no orders will be placed or charged until it is resumed"],
    ["subscription-resumed", /^Your subscription #1047 is active again$/, "Your next order is on Tuesday, December 1, 2026"],
    ["subscription-cancelled", /^Your subscription #1047 is cancelled$/, "No further orders will be placed or charged"],
    ["order-skipped", /^An order of your subscription #1047 is skipped$/, "due on Tuesday, November 24, 2026 is skipped"],
    ["payment-failed", /^We couldn't process the payment for your subscription #1047$/, "We will try again on Tuesday, November 24, 2026"],
    ["payment-final-attempt", /^Last attempt: the payment for your subscription #1047$/, "If that payment fails too, your subscription will be paused"],
    ["payment-final-outcome", /^Your subscription #1047 is paused$/, "after several attempts, so it is paused"],
    ["merchant-payment-failure", /^Payment not recovered: subscription #1047$/, "for billing cycle 3 failed (INSUFFICIENT_FUNDS)"],
    ["merchant-inventory-failure", /^Out of stock: a renewal of subscription #1047 failed$/, "(billing cycle 3) could not be placed (INSUFFICIENT_FUNDS)"],
  ])("%s: subject, text and HTML", (kind, subject, sentence) => {
    const email = renderEmail(context(kind));
    expect(email.subject).toMatch(subject);
    expect(email.text).toContain(sentence);
    expect(email.html).toContain(escapeHtml(sentence));
    expect(email.html).toMatch(/^<!doctype html>/);
    expect(email.text).toMatch(/— Coffee Club\n$/);
  });

  it.each(CUSTOMER_EMAILS)("%s greets the customer and links the portal in both parts", (kind) => {
    const email = renderEmail(context(kind));
    expect(email.text).toMatch(/^Hi Ada,\n/);
    expect(email.text).toContain(PORTAL);
    expect(email.html).toContain(`href="${PORTAL}"`);
    expect(email.text).not.toContain(ADMIN);
  });

  it.each(MERCHANT_EMAILS)("%s links the contract's page in the admin, not the portal", (kind) => {
    const email = renderEmail(context(kind));
    expect(email.text).toContain(ADMIN);
    expect(email.html).toContain(`href="${ADMIN}"`);
    expect(email.text).not.toContain(PORTAL);
  });

  it("greets without a name when Shopify has none", () => {
    expect(renderEmail(context("subscription-paused", { customerFirstName: null })).text).toMatch(/^Hello,\n/);
  });

  it.each([
    ["cancel", "Your subscription #1047 is cancelled", "your subscription will be cancelled"],
    ["pause", "Your subscription #1047 is paused", "your subscription will be paused"],
    ["skip", "Your subscription #1047 order is skipped", "that order will be skipped"],
  ])("names the %s final action ahead of it and after it", (finalAction, outcomeSubject, ahead) => {
    const data = { date: "2026-11-24T15:00:00Z", finalAction };
    expect(renderEmail(context("payment-final-attempt", { data })).text).toContain(`If that payment fails too, ${ahead}.`);
    expect(renderEmail(context("payment-final-outcome", { data })).subject).toBe(outcomeSubject);
  });

  it("escapes markup from Shopify's data in the HTML part, and keeps it as written in the text part", () => {
    const email = renderEmail(
      context("subscription-created", {
        shop: { name: `Tom & Jerry's <b>Shop</b>`, timeZone: "UTC" },
        customerFirstName: `<script>alert("x")</script>`,
        contract: { number: "1", lines: [`Mug "Large" <img src=x onerror=alert(1)>`], nextBillingDate: null },
      }),
    );
    expect(email.html).not.toMatch(/<script|<img|<b>/);
    expect(email.html).toContain("Tom &amp; Jerry&#39;s &lt;b&gt;Shop&lt;/b&gt;");
    expect(email.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(email.text).toContain(`Mug "Large" <img src=x onerror=alert(1)>`);
    expect(email.subject).toBe(`Your subscription #1 with Tom & Jerry's <b>Shop</b>`);
  });

  it("leaves dates out rather than printing an invalid one", () => {
    const email = renderEmail(context("payment-failed", { data: { date: "not a date" } }));
    expect(email.text).toContain("We will try again soon.");
    expect(email.text).not.toMatch(/Invalid/);
  });

  it("lists a weekly inventory digest", () => {
    const email = renderEmail(
      context("merchant-inventory-failure", {
        contract: undefined,
        adminContractUrl: undefined,
        digest: { from: "Monday, November 16, 2026", to: "Sunday, November 22, 2026", items: ["Subscription #1, billing cycle 2 (INSUFFICIENT_INVENTORY)", "Subscription #7, billing cycle 1 (INSUFFICIENT_INVENTORY)"] },
      }),
    );
    expect(email.subject).toBe("Renewals that failed for lack of stock: 2 this week");
    expect(email.text).toContain("- Subscription #7, billing cycle 1 (INSUFFICIENT_INVENTORY)");
    expect(email.html).toContain("<li>Subscription #1, billing cycle 2 (INSUFFICIENT_INVENTORY)</li>");
  });

  it("renders every kind", () => {
    for (const kind of EMAIL_KINDS) expect(renderEmail(context(kind)).subject.length).toBeGreaterThan(10);
  });
});

describe("formatDate", () => {
  it.each([
    ["2026-11-24T03:00:00Z", "America/Toronto", "Monday, November 23, 2026"],
    ["2026-11-24T03:00:00Z", "Asia/Tokyo", "Tuesday, November 24, 2026"],
    ["2026-11-24T03:00:00Z", "UTC", "Tuesday, November 24, 2026"],
  ])("%s in %s is %s", (iso, zone, expected) => expect(formatDate(iso, zone)).toBe(expected));

  it.each([null, undefined, "", "yesterday"])("%s is no date", (value) => expect(formatDate(value, "UTC")).toBeNull());
});
