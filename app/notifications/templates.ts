/**
 * Email templates as code: each kind renders to a subject, a plain-text part
 * and an HTML part from data the outbox gathered at send time. Pure: no I/O,
 * no clock (dates are formatted in the shop's time zone from the data), so
 * every template is tested on its own (templates.test.ts).
 *
 * The HTML is deliberately plain (one column, inline styles, no images or
 * remote assets): it renders the same in every client and never trips a spam
 * filter's remote-content rules. Every value from outside is escaped.
 */
import type { EmailData, EmailKind } from "./email-kinds";

export interface EmailContext {
  kind: EmailKind;
  data: EmailData;
  shop: {
    name: string;
    /** IANA zone for dates (the shop's BillingSchedule time zone). */
    timeZone: string;
  };
  /** Customer emails: where the customer manages their subscriptions (customer accounts). */
  portalUrl: string;
  /** Customer emails: the customer's first name, when Shopify has one. */
  customerFirstName?: string | null;
  /** The contract: its number (the GID's numeric id) and product lines ("Coffee - 1kg × 2"). */
  contract?: { number: string; lines: string[]; nextBillingDate?: string | null };
  /** Merchant emails: the contract's page in the app (embedded in the Shopify admin). */
  adminContractUrl?: string;
  /** Weekly inventory digest (merchant): the failures of the week, one line each. */
  digest?: { from: string; to: string; items: string[] };
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** What the dunning final action did (or will do), as each reader is told. */
const FINAL_ACTION_WORDS: Record<string, { done: string; ahead: string; merchant: string }> = {
  cancel: { done: "is cancelled", ahead: "your subscription will be cancelled", merchant: "cancelled the subscription" },
  pause: { done: "is paused", ahead: "your subscription will be paused", merchant: "paused the subscription" },
  skip: { done: "order is skipped", ahead: "that order will be skipped", merchant: "skipped that cycle" },
};
const UNKNOWN_FINAL_ACTION = { done: "is stopped", ahead: "your subscription may be stopped", merchant: "stopped the subscription" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);
}

/** A date (ISO) as the shop's customers read it: "Tuesday, 4 November 2026", in the shop's zone. */
export function formatDate(iso: string | null | undefined, timeZone: string): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat("en-US", { timeZone, weekday: "long", year: "numeric", month: "long", day: "numeric" }).format(date);
}

/** One email's content before it is laid out: paragraphs, an optional list, an optional button. */
interface Body {
  subject: string;
  greeting: string;
  paragraphs: string[];
  list?: string[];
  action?: { label: string; url: string };
  /** A last line, under the button. */
  footer?: string;
}

function customerBody(context: EmailContext): Body {
  const { data, shop, contract } = context;
  const greeting = context.customerFirstName ? `Hi ${context.customerFirstName},` : "Hello,";
  const number = contract ? ` #${contract.number}` : "";
  const next = formatDate(contract?.nextBillingDate, shop.timeZone);
  const when = formatDate(data.date, shop.timeZone);
  const manage = { label: "Manage your subscription", url: context.portalUrl };
  const lines = contract?.lines.length ? contract.lines : undefined;
  const words = FINAL_ACTION_WORDS[data.finalAction ?? ""] ?? UNKNOWN_FINAL_ACTION;
  switch (context.kind) {
    case "subscription-created":
      return {
        subject: `Your subscription${number} with ${shop.name}`,
        greeting,
        paragraphs: [
          `Thank you for subscribing. Your subscription${number} is active${next ? `, and your next order is on ${next}` : ""}.`,
          "You can pause, skip an order, change your delivery or payment details, or cancel at any time from your account.",
        ],
        list: lines,
        action: manage,
      };
    case "subscription-paused":
      return {
        subject: `Your subscription${number} is paused`,
        greeting,
        paragraphs: [`Your subscription${number} with ${shop.name} is paused: no orders will be placed or charged until it is resumed.`],
        list: lines,
        action: { ...manage, label: "Resume or manage your subscription" },
      };
    case "subscription-resumed":
      return {
        subject: `Your subscription${number} is active again`,
        greeting,
        paragraphs: [`Your subscription${number} with ${shop.name} is active again${next ? `. Your next order is on ${next}` : ""}.`],
        list: lines,
        action: manage,
      };
    case "subscription-cancelled":
      return {
        subject: `Your subscription${number} is cancelled`,
        greeting,
        paragraphs: [`Your subscription${number} with ${shop.name} is cancelled. No further orders will be placed or charged.`],
        list: lines,
        action: { ...manage, label: "View your subscriptions" },
      };
    case "order-skipped":
      return {
        subject: `An order of your subscription${number} is skipped`,
        greeting,
        paragraphs: [
          `The order of your subscription${number}${when ? ` due on ${when}` : ""} is skipped: it will not be shipped or charged.`,
          next ? `Your next order is on ${next}.` : "Your subscription continues with the order after it.",
        ],
        action: manage,
      };
    case "payment-failed":
      return {
        subject: `We couldn't process the payment for your subscription${number}`,
        greeting,
        paragraphs: [
          `The payment for your subscription${number} with ${shop.name} did not go through.`,
          `We will try again${when ? ` on ${when}` : " soon"}. To make sure it succeeds, check or update your payment method.`,
        ],
        action: { ...manage, label: "Update your payment method" },
      };
    case "payment-final-attempt":
      return {
        subject: `Last attempt: the payment for your subscription${number}`,
        greeting,
        paragraphs: [
          `The payment for your subscription${number} with ${shop.name} did not go through again.`,
          `We will try one last time${when ? ` on ${when}` : ""}. If that payment fails too, ${words.ahead}. Update your payment method to keep it going.`,
        ],
        action: { ...manage, label: "Update your payment method" },
      };
    case "payment-final-outcome":
      return {
        subject: `Your subscription${number} ${words.done}`,
        greeting,
        paragraphs: [
          `We could not process the payment for your subscription${number} with ${shop.name} after several attempts, so ${data.finalAction === "skip" ? "this" : "it"} ${words.done}.`,
          "You can update your payment method and manage the subscription from your account.",
        ],
        action: manage,
      };
    default:
      throw new Error(`${context.kind} is not a customer email`);
  }
}

function merchantBody(context: EmailContext): Body {
  const { data, contract } = context;
  const number = contract ? ` #${contract.number}` : "";
  const open = context.adminContractUrl ? { label: "Open the subscription", url: context.adminContractUrl } : undefined;
  const reason = data.failureReason ? ` (${data.failureReason})` : "";
  switch (context.kind) {
    case "merchant-payment-failure": {
      const words = FINAL_ACTION_WORDS[data.finalAction ?? ""] ?? UNKNOWN_FINAL_ACTION;
      return {
        subject: `Payment not recovered: subscription${number}`,
        greeting: "Hello,",
        paragraphs: [
          `The payments of subscription${number}${data.cycleIndex !== undefined ? ` for billing cycle ${data.cycleIndex}` : ""} failed${reason} after every retry your dunning settings allow, so the app ${words.merchant}.`,
        ],
        list: contract?.lines.length ? contract.lines : undefined,
        action: open,
      };
    }
    case "merchant-inventory-failure": {
      if (context.digest) {
        const { from, to, items } = context.digest;
        return {
          subject: `Renewals that failed for lack of stock: ${items.length} this week`,
          greeting: "Hello,",
          paragraphs: [`From ${from} to ${to}, ${items.length} renewal${items.length === 1 ? "" : "s"} failed because a product was out of stock:`],
          list: items,
          footer: "The app retries each one as your inventory dunning settings say.",
        };
      }
      return {
        subject: `Out of stock: a renewal of subscription${number} failed`,
        greeting: "Hello,",
        paragraphs: [
          `A renewal order of subscription${number}${data.cycleIndex !== undefined ? ` (billing cycle ${data.cycleIndex})` : ""} could not be placed${reason}: a product is out of stock.`,
          "The app retries it as your inventory dunning settings say. Restock the product to let the retry succeed.",
        ],
        list: contract?.lines.length ? contract.lines : undefined,
        action: open,
      };
    }
    default:
      throw new Error(`${context.kind} is not a merchant email`);
  }
}

function layoutText(body: Body, shopName: string): string {
  const parts = [body.greeting, "", ...body.paragraphs.flatMap((paragraph) => [paragraph, ""])];
  if (body.list) parts.push(...body.list.map((item) => `- ${item}`), "");
  if (body.action) parts.push(`${body.action.label}: ${body.action.url}`, "");
  if (body.footer) parts.push(body.footer, "");
  parts.push(`— ${shopName}`);
  return `${parts.join("\n")}\n`;
}

function layoutHtml(body: Body, shopName: string): string {
  const p = (text: string) => `<p style="margin:0 0 16px">${escapeHtml(text)}</p>`;
  const list = body.list
    ? `<ul style="margin:0 0 16px;padding-left:20px">${body.list.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ul>`
    : "";
  const action = body.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(body.action.url)}" style="background:#1a1a1a;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(body.action.label)}</a></p>`
    : "";
  return [
    "<!doctype html>",
    `<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(body.subject)}</title></head>`,
    '<body style="margin:0;padding:24px;background:#f6f6f7;font-family:-apple-system,BlinkMacSystemFont,\'Segoe UI\',Roboto,Helvetica,Arial,sans-serif;color:#1a1a1a;font-size:15px;line-height:1.5">',
    '<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:32px">',
    `<p style="margin:0 0 24px;font-weight:600">${escapeHtml(shopName)}</p>`,
    p(body.greeting),
    ...body.paragraphs.map(p),
    list,
    action,
    body.footer ? p(body.footer) : "",
    "</div></body></html>",
  ]
    .filter(Boolean)
    .join("\n");
}

/** The subject, text and HTML of one email. */
export function renderEmail(context: EmailContext): RenderedEmail {
  const body = context.kind.startsWith("merchant-") ? merchantBody(context) : customerBody(context);
  return { subject: body.subject, text: layoutText(body, context.shop.name), html: layoutHtml(body, context.shop.name) };
}
