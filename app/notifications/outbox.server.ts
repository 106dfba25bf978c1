/**
 * The email outbox: an EmailOutbox row is written in the same transaction as
 * the event that causes the email (queueEmail), and the scheduler's tick
 * sends it (claimDueEmails, deliverEmail). So an email is never sent for an
 * event that rolled back, never lost when the process or the SMTP server is
 * down, and never sent twice for one event and recipient
 * (docs/decisions/015-email-outbox.md).
 *
 * At most once, and the window that remains: `sendStartedAt` is committed
 * just before the SMTP transaction. A row claimed again with it set and no
 * `sentAt` belonged to a process that died between that write and marking the
 * row sent; the email may or may not have gone, so it is marked
 * "unconfirmed" and not sent again. A crash before that write (after the
 * claim, while reading Shopify) leaves the row to be sent once when its lease
 * runs out. An SMTP error means the server did not accept the message, so the
 * row is tried again later; the one case where that can duplicate is a
 * connection lost after the server took the message but before its reply
 * (RFC 1047), which the stable Message-ID lets receiving systems fold.
 */
import type { EmailOutbox, Prisma, PrismaClient } from "@prisma/client";
import { shopTimeZone } from "../billing/billing-schedule.server";
import { productLabel } from "../contracts/contract-display";
import { INVENTORY_ERROR_CODES } from "../dunning/ladder";
import { numericId } from "../plans/plan-display";
import { claimableNow, claimEach, errorMessage, isPermanent, type EngineDeps } from "../scheduler/deps";
import { isEmailKind, recipientOf, type EmailData, type EmailKind } from "./email-kinds";
import { isPermanentSmtpFailure } from "./mailer.server";
import { isKindEnabled, readNotificationSettings } from "./notification-settings.server";
import { formatDate, renderEmail } from "./templates";

/** How long an email keeps being retried through outages; after that what it says is stale. */
export const EMAIL_MAX_AGE_MS = 3 * 24 * 3600_000;
/** Finished rows are kept this long (what was sent, for support questions), then deleted by the tick. */
export const EMAIL_RETENTION_MS = 30 * 24 * 3600_000;

export type EmailOutcome = "sent" | "skipped" | "will-retry" | "failed" | "unconfirmed" | "lost-claim";

export interface QueuedEmail {
  shop: string;
  /** What caused it; with the kind's recipient, the idempotency key. */
  eventKey: string;
  kind: EmailKind;
  contractId?: string | null;
  customerId?: string | null;
  data?: EmailData;
  /** Not sent before this time (the weekly digest). */
  notBefore?: Date;
}

/**
 * Records an email to send, through `tx` (the caller's transaction). The same
 * event and recipient queued again (a repeated delivery, a retried step)
 * adds nothing: an upsert with nothing to update, since on PostgreSQL a
 * caught unique violation would still end the whole transaction.
 */
export async function queueEmail(tx: Pick<Prisma.TransactionClient, "emailOutbox">, email: QueuedEmail): Promise<void> {
  const recipient = recipientOf(email.kind);
  await tx.emailOutbox.upsert({
    where: { shop_eventKey_recipient: { shop: email.shop, eventKey: email.eventKey, recipient } },
    create: {
      shop: email.shop,
      eventKey: email.eventKey,
      recipient,
      kind: email.kind,
      contractId: email.contractId ?? null,
      customerId: email.customerId ?? null,
      data: JSON.stringify(email.data ?? {}),
      claimedUntil: email.notBefore ?? null,
    },
    update: {},
  });
}

/** Claims pending emails, oldest first, with a lease (the engine's compare-and-set). */
export async function claimDueEmails(
  prisma: PrismaClient,
  now: Date,
  { limit, leaseMs }: { limit: number; leaseMs: number },
): Promise<Array<EmailOutbox & { token: string }>> {
  const due = await prisma.emailOutbox.findMany({
    where: { status: "pending", ...claimableNow(now) },
    orderBy: { id: "asc" },
    take: limit,
  });
  return claimEach(due, (row, token) =>
    prisma.emailOutbox.updateMany({
      where: { id: row.id, status: "pending", claimedUntil: row.claimedUntil },
      data: { claimedUntil: new Date(now.getTime() + leaseMs), claimToken: token },
    }),
  );
}

/** Finished rows past their retention. */
export async function pruneEmails(prisma: PrismaClient, now: Date): Promise<void> {
  await prisma.emailOutbox.deleteMany({ where: { status: { not: "pending" }, updatedAt: { lt: new Date(now.getTime() - EMAIL_RETENTION_MS) } } });
}

function parseData(json: string): EmailData {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" ? (value as EmailData) : {};
  } catch {
    return {};
  }
}

/** What the email needs from Shopify and the database, or why it is not sent. */
async function compose(deps: EngineDeps, row: EmailOutbox, kind: EmailKind) {
  const { prisma } = deps;
  const settings = await readNotificationSettings(prisma, row.shop);
  if (!isKindEnabled(settings, kind)) return { skip: `${kind} is turned off in Settings` } as const;

  const admin = await deps.adminFor(row.shop);
  const shop = await admin.notificationShop();
  const contract = row.contractId ? await admin.notificationContract(row.contractId) : null;
  const recipient = recipientOf(kind);
  if (recipient === "customer" && !contract) return { skip: "Shopify has no such contract" } as const;

  const to = recipient === "customer" ? contract?.customer?.defaultEmailAddress?.emailAddress : (settings.merchantEmail ?? shop.email);
  if (!to) return { skip: "no email address on file" } as const;

  const timeZone = await shopTimeZone(prisma, row.shop);
  const data = parseData(row.data);
  const digest = kind === "merchant-inventory-failure" && data.date && data.until ? await inventoryDigest(prisma, row.shop, data.date, data.until, timeZone) : undefined;
  if (digest && digest.items.length === 0) return { skip: "no inventory failures that week" } as const;
  const rendered = renderEmail({
    kind,
    data,
    digest,
    shop: { name: shop.name, timeZone },
    portalUrl: shop.customerAccountsV2.url ?? `https://${shop.myshopifyDomain}/account`,
    customerFirstName: contract?.customer?.firstName,
    contract: contract
      ? {
          number: numericId(contract.id),
          lines: contract.lines.nodes.map((line) => `${productLabel(line)} × ${line.quantity}`),
          nextBillingDate: contract.nextBillingDate as string | null,
        }
      : undefined,
    adminContractUrl: row.contractId ? `https://${row.shop}/admin/apps/${deps.email.apiKey}/app/contracts/${numericId(row.contractId)}` : undefined,
  });
  return {
    email: {
      ...rendered,
      to,
      from: { name: shop.name, address: deps.email.fromAddress },
      replyTo: recipient === "customer" ? (settings.replyTo ?? shop.contactEmail) : null,
      messageId: `<outbox-${row.id}.${row.shop}@${deps.email.fromAddress.split("@")[1] ?? "localhost"}>`,
    },
    customerId: contract?.customer?.id ?? row.customerId,
  } as const;
}

/** The weekly digest's lines: the shop's inventory failures that began in [from, until). */
async function inventoryDigest(prisma: PrismaClient, shop: string, from: string, until: string, timeZone: string) {
  const trackers = await prisma.dunningTracker.findMany({
    where: { shop, failureReason: { in: [...INVENTORY_ERROR_CODES] }, createdAt: { gte: new Date(from), lt: new Date(until) } },
    orderBy: { id: "asc" },
    take: 500,
  });
  const lastDay = new Date(new Date(until).getTime() - 1).toISOString();
  return {
    from: formatDate(from, timeZone) ?? from,
    to: formatDate(lastDay, timeZone) ?? until,
    items: trackers.map((tracker) => `Subscription #${numericId(tracker.contractId)}, billing cycle ${tracker.billingCycleIndex} (${tracker.failureReason})`),
  };
}

/** Sends one claimed email and records what happened to it. */
export async function deliverEmail(
  deps: EngineDeps,
  row: EmailOutbox & { token: string },
  now: Date,
  options: { retryDelayMs(tries: number): number },
): Promise<EmailOutcome> {
  const { prisma } = deps;
  const fenced = { id: row.id, claimToken: row.token };
  const finish = async (status: "sent" | "skipped" | "failed" | "unconfirmed", data: Prisma.EmailOutboxUpdateManyMutationInput = {}) => {
    await prisma.emailOutbox.updateMany({ where: fenced, data: { status, claimedUntil: null, claimToken: null, ...data } });
  };
  const log = (level: "info" | "warn" | "error", message: string, details: Record<string, unknown> = {}) =>
    deps.log(level, message, { shop: row.shop, emailId: row.id, kind: row.kind, ...details });

  if (row.sendStartedAt && !row.sentAt) {
    await finish("unconfirmed", { lastError: "the sending process stopped during the SMTP transaction; not sent again" });
    log("warn", "email unconfirmed: its sender stopped mid-send, so it is not sent again", { sendStartedAt: row.sendStartedAt });
    return "unconfirmed";
  }
  if (!isEmailKind(row.kind)) {
    await finish("failed", { lastError: `unknown email kind ${row.kind}` });
    return "failed";
  }

  const tries = row.tries + 1;
  const retryOrFail = async (error: unknown, permanent: boolean): Promise<EmailOutcome> => {
    const giveUp = permanent || now.getTime() - row.createdAt.getTime() >= EMAIL_MAX_AGE_MS;
    await prisma.emailOutbox.updateMany({
      where: fenced,
      data: {
        tries,
        lastError: errorMessage(error),
        sendStartedAt: null,
        status: giveUp ? "failed" : "pending",
        claimedUntil: giveUp ? null : new Date(now.getTime() + options.retryDelayMs(tries)),
        claimToken: giveUp ? null : row.token,
      },
    });
    log(giveUp ? "error" : "warn", giveUp ? "email not sent: gave up" : "email not sent yet: will retry", { tries, error: errorMessage(error) });
    return giveUp ? "failed" : "will-retry";
  };

  let composed: Awaited<ReturnType<typeof compose>>;
  try {
    composed = await compose(deps, row, row.kind);
  } catch (error) {
    return retryOrFail(error, isPermanent(error));
  }
  if ("skip" in composed) {
    await finish("skipped", { lastError: composed.skip, tries });
    log("info", "email skipped", { reason: composed.skip });
    return "skipped";
  }

  // The point after which a crash must not lead to a second send.
  const { count } = await prisma.emailOutbox.updateMany({ where: fenced, data: { sendStartedAt: now, customerId: composed.customerId } });
  if (count !== 1) return "lost-claim";
  try {
    const { messageId } = await deps.email.mailer.send(composed.email);
    await finish("sent", { sentAt: now, messageId, tries, lastError: null });
    log("info", "email sent", { transport: deps.email.mailer.transport });
    return "sent";
  } catch (error) {
    return retryOrFail(error, isPermanentSmtpFailure(error));
  }
}
