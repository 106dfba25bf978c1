import type { BillingAttemptEvent, DunningTracker, Prisma, PrismaClient } from "@prisma/client";
import { queueDunningEmails } from "../notifications/dunning-emails.server";
import { activatedSinceDunningPause, recordContractActivity, type ContractActivityEntry } from "./contract-activity.server";
import { decideAfterFailure, decideDueRetry, decideReactivation, FINAL_CHARGE_ERRORS, finalActionReason, rulesFor, type DunningRules } from "./ladder";
import { COMPLETED_REASONS } from "./tracker-status";
import type { FinalAction } from "../settings/final-actions";
import { ensureDunningSettings } from "./settings.server";
import { completion, findOrCreateDunningTracker } from "./tracker.server";
import type { AdminGateway } from "../shopify/admin-gateway.server";
import { AdminApiError } from "../shopify/admin-gateway.server";
import { claimableNow, claimEach, errorMessage, isPermanent, type EngineDeps, type EngineOptions } from "../scheduler/deps";

const NOT_READY_TRIES = 60;

export type EventOutcome =
  | "retry-scheduled"
  | "retry-already-scheduled"
  | "final-action"
  | "completed"
  | "reactivated"
  | "not-ready"
  | "ignored"
  | "will-retry"
  | "failed"
  | "superseded";

export type RetryOutcome = "charged" | "completed" | "retrying" | "failed" | "superseded";

class AttemptNotReady extends Error {}

interface Claimed {
  token: string;
}

/** Claims billing-attempt events not yet acted on, oldest first, with a lease (see claimDueCharges). */
export async function claimDueEvents(
  prisma: PrismaClient,
  now: Date,
  { limit, leaseMs }: { limit: number; leaseMs: number },
): Promise<Array<BillingAttemptEvent & Claimed>> {
  const due = await prisma.billingAttemptEvent.findMany({
    where: { processedAt: null, ...claimableNow(now) },
    orderBy: { id: "asc" },
    take: limit,
  });
  return claimEach(due, (event, token) =>
    prisma.billingAttemptEvent.updateMany({
      where: { id: event.id, processedAt: null, claimedUntil: event.claimedUntil },
      data: { claimedUntil: new Date(now.getTime() + leaseMs), claimToken: token },
    }),
  );
}

/**
 * A charged retry whose outcome never arrived this long after (the process
 * died before charging, or the webhook was lost) is looked at again.
 */
export const AWAITING_OUTCOME_MS = 24 * 3600 * 1000;

/**
 * Claims open trackers whose retry is due (nextAttemptAt <= now), and those
 * left awaiting an outcome for a day, with a lease.
 */
export async function claimDueRetries(
  prisma: PrismaClient,
  now: Date,
  { limit, leaseMs }: { limit: number; leaseMs: number },
): Promise<Array<DunningTracker & Claimed>> {
  const due = await prisma.dunningTracker.findMany({
    where: {
      completedAt: null,
      AND: [
        { OR: [{ nextAttemptAt: { lte: now } }, { nextAttemptAt: null, lastAttemptAt: { lt: new Date(now.getTime() - AWAITING_OUTCOME_MS) } }] },
        claimableNow(now),
      ],
    },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
  });
  return claimEach(due, (tracker, token) =>
    prisma.dunningTracker.updateMany({
      where: { id: tracker.id, completedAt: null, nextAttemptAt: tracker.nextAttemptAt, claimedUntil: tracker.claimedUntil },
      data: { claimedUntil: new Date(now.getTime() + leaseMs), claimToken: token },
    }),
  );
}

/**
 * Acts on one subscription_billing_attempts/failure or /success delivery.
 * Failure: find or create the cycle's tracker and decide by the shop's
 * settings: a retry N days later (stored on the tracker), or the final
 * action; a cycle already billed, or a contract cancelled or expired, just
 * completes the tracker. Success: completes the cycle's open trackers, and
 * resumes a contract the ladder paused if the shop's settings say so.
 */
export async function processBillingAttemptEvent(
  deps: EngineDeps,
  event: BillingAttemptEvent & Claimed,
  now: Date,
  options: Pick<EngineOptions, "maxEventTries" | "retryDelayMs">,
): Promise<EventOutcome> {
  const { prisma } = deps;
  try {
    const admin = await deps.adminFor(event.shop);
    const outcome = event.topic.endsWith("/success") ? await handleSuccess(prisma, admin, event, now) : await handleFailure(prisma, admin, event, now);
    await prisma.billingAttemptEvent.updateMany({
      where: { id: event.id, claimToken: event.token },
      data: { processedAt: now, tries: { increment: 1 }, lastError: null, claimedUntil: null, claimToken: null },
    });
    return outcome;
  } catch (error) {
    const tries = event.tries + 1;
    const notReady = error instanceof AttemptNotReady;
    // Shopify finishes an attempt within seconds; an hour of "not ready" is given up like any failure.
    const giveUp = notReady ? tries >= NOT_READY_TRIES : isPermanent(error) || tries >= options.maxEventTries;
    await prisma.billingAttemptEvent.updateMany({
      where: { id: event.id, claimToken: event.token },
      data: {
        tries,
        lastError: errorMessage(error),
        processedAt: giveUp ? now : null,
        // A not-ready attempt is looked at again in a minute, like a transient failure.
        claimedUntil: giveUp ? null : new Date(now.getTime() + (notReady ? 60_000 : options.retryDelayMs(tries))),
        claimToken: giveUp ? null : event.token,
      },
    });
    if (notReady && !giveUp) return "not-ready";
    deps.log(giveUp ? "error" : "warn", "billing attempt event failed", { shop: event.shop, attemptId: event.attemptId, tries, error: errorMessage(error) });
    return giveUp ? "failed" : "will-retry";
  }
}

async function handleFailure(prisma: PrismaClient, admin: AdminGateway, event: BillingAttemptEvent, now: Date): Promise<EventOutcome> {
  const attempt = await admin.billingAttempt(event.attemptId);
  if (!attempt) return "ignored";
  if (!attempt.ready) throw new AttemptNotReady(`billing attempt ${event.attemptId} is not ready`);
  const state = await admin.contractWithBillingCycle(event.contractId, { date: attempt.originTime ?? now.toISOString() });
  const failureReason = event.errorCode ?? "UNKNOWN";
  const rules = await dunningRules(prisma, event.shop, failureReason);
  const decision = decideAfterFailure(state, rules, now);
  const { cycle } = state;
  if (decision.kind === "ignore" || !cycle) return "ignored";
  if (decision.kind === "wait") throw new AttemptNotReady(`cycle ${cycle.index} has an attempt in progress`);

  // One open tracker per failed cycle: a later failure with another code continues it.
  const open = await prisma.dunningTracker.findFirst({
    where: { shop: event.shop, contractId: event.contractId, billingCycleIndex: cycle.index, completedAt: null },
    orderBy: { id: "asc" },
  });
  const tracker =
    open ??
    (await findOrCreateDunningTracker(prisma, { shop: event.shop, contractId: event.contractId, billingCycleIndex: cycle.index, failureReason }, now));
  if (tracker.completedAt) return "completed";

  switch (decision.kind) {
    case "complete":
      return complete(prisma, tracker.id, now, decision.reason);
    case "final-action":
      await takeFinalAction(prisma, admin, tracker, decision.finalAction, now, cycle.attempts.length);
      return "final-action";
    case "schedule-retry": {
      // Only if no retry is pending: a repeated failure delivery schedules nothing more, and emails nothing.
      const count = await prisma.$transaction(async (tx) => {
        const scheduled = await tx.dunningTracker.updateMany({
          where: { id: tracker.id, completedAt: null, nextAttemptAt: null },
          data: { nextAttemptAt: decision.at },
        });
        if (scheduled.count === 1) {
          const step = { trackerId: tracker.id, contractId: event.contractId, cycleIndex: cycle.index, failureReason, attempts: cycle.attempts.length };
          await queueDunningEmails(tx, event.shop, { ...step, kind: "retry-scheduled", finalAction: rules.finalAction, retryAt: decision.at, last: decision.last }, now);
        }
        return scheduled.count;
      });
      return count === 1 ? "retry-scheduled" : "retry-already-scheduled";
    }
  }
}

/** The shop's rules for this kind of failure: payment, or inventory. */
async function dunningRules(prisma: PrismaClient, shop: string, failureReason: string): Promise<DunningRules> {
  return rulesFor(await ensureDunningSettings(prisma, shop), failureReason);
}

/**
 * Cancels, pauses or skips, then completes the tracker. A refusal from
 * Shopify (userErrors: the contract changed meanwhile, say) completes it as
 * FINAL_ACTION_FAILED rather than leaving it open; transient errors propagate
 * so the work is tried again. Either way the contract's history gets a
 * "dunning" row, in the same transaction as the completion; a final action
 * taken also queues its emails there (the customer's and the merchant's).
 * `attempts`: the cycle's failed attempts.
 */
async function takeFinalAction(
  prisma: PrismaClient,
  admin: AdminGateway,
  tracker: DunningTracker,
  finalAction: FinalAction,
  now: Date,
  attempts: number,
): Promise<void> {
  const activity = { shop: tracker.shop, contractId: tracker.contractId, actor: "dunning", action: finalAction } as const;
  const detail = `Billing cycle ${tracker.billingCycleIndex} failed (${tracker.failureReason}) and its retries ran out`;
  try {
    if (finalAction === "pause") await admin.pauseContract(tracker.contractId);
    else if (finalAction === "skip") await admin.skipBillingCycle(tracker.contractId, tracker.billingCycleIndex);
    else await admin.cancelContract(tracker.contractId);
  } catch (error) {
    if (!isPermanent(error)) throw error;
    await completeWithActivity(prisma, tracker.id, now, "FINAL_ACTION_FAILED", { ...activity, outcome: "failed", detail: `${detail}; Shopify refused: ${errorMessage(error)}` });
    return;
  }
  const step = {
    kind: "final-action",
    trackerId: tracker.id,
    contractId: tracker.contractId,
    cycleIndex: tracker.billingCycleIndex,
    failureReason: tracker.failureReason,
    attempts,
    finalAction,
  } as const;
  await completeWithActivity(prisma, tracker.id, now, finalActionReason(finalAction), { ...activity, outcome: "succeeded", detail }, (tx) =>
    queueDunningEmails(tx, tracker.shop, step, now),
  );
}

async function completeWithActivity(
  prisma: PrismaClient,
  trackerId: number,
  now: Date,
  reason: string,
  activity: ContractActivityEntry,
  also?: (tx: Prisma.TransactionClient) => Promise<void>,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.dunningTracker.update({ where: { id: trackerId }, data: completion(now, reason) });
    await recordContractActivity(tx, activity);
    if (also) await also(tx);
  });
}

async function handleSuccess(prisma: PrismaClient, admin: AdminGateway, event: BillingAttemptEvent, now: Date): Promise<EventOutcome> {
  const attempt = await admin.billingAttempt(event.attemptId);
  const date = attempt?.originTime;
  const state = date ? await admin.contractWithBillingCycle(event.contractId, { date }) : null;
  const cycle = state?.cycle ?? null;
  await prisma.dunningTracker.updateMany({
    where: {
      shop: event.shop,
      contractId: event.contractId,
      completedAt: null,
      // Without the cycle (attempt gone), every open tracker of the contract: its payments go through again.
      ...(cycle ? { billingCycleIndex: cycle.index } : {}),
    },
    data: completion(now, COMPLETED_REASONS.PAYMENT_SUCCEEDED),
  });
  // Without the attempt Shopify cannot say the contract's status: nothing is resumed on a guess.
  if (!state?.contract) return "completed";
  return resumeIfPausedByDunning(prisma, admin, event, state.contract.status, cycle?.index);
}

/**
 * A payment of a contract the ladder paused went through after the pause (a
 * 3-D Secure challenge completed late, say). With the shop's
 * reactivateAfterRecovery on, the contract is activated again; off, the
 * history records that it was not. A contract someone else paused is left
 * alone (decideReactivation). A transient error propagates, so the event is
 * tried again and decides afresh from the contract's status then.
 */
async function resumeIfPausedByDunning(
  prisma: PrismaClient,
  admin: AdminGateway,
  event: BillingAttemptEvent,
  contractStatus: string,
  cycleIndex: number | undefined,
): Promise<EventOutcome> {
  const { shop, contractId } = event;
  const pausedByDunning =
    (await prisma.dunningTracker.count({ where: { shop, contractId, completedReason: COMPLETED_REASONS.FINAL_ACTION_PAUSE } })) > 0;
  // The common case (the contract was never paused by dunning) costs one indexed count.
  if (!pausedByDunning) return "completed";
  const decision = decideReactivation({
    contractStatus,
    pausedByDunning,
    activatedSincePause: await activatedSinceDunningPause(prisma, shop, contractId),
    reactivateAfterRecovery: (await ensureDunningSettings(prisma, shop)).reactivateAfterRecovery,
  });
  const activity = { shop, contractId, actor: "dunning", action: "resume" } as const;
  if (decision.kind === "none") return "completed";
  if (decision.kind === "skip") {
    await recordContractActivity(prisma, { ...activity, outcome: "skipped", detail: decision.detail });
    return "completed";
  }
  try {
    await admin.activateContract(contractId);
  } catch (error) {
    if (!isPermanent(error)) throw error;
    await recordContractActivity(prisma, { ...activity, outcome: "failed", detail: `Shopify refused: ${errorMessage(error)}` });
    return "completed";
  }
  const paid = cycleIndex === undefined ? "A later payment" : `The payment of billing cycle ${cycleIndex}`;
  await recordContractActivity(prisma, { ...activity, outcome: "succeeded", detail: `${paid} succeeded after dunning paused the contract` });
  return "reactivated";
}

async function complete(prisma: PrismaClient, trackerId: number, now: Date, reason: string): Promise<"completed"> {
  await prisma.dunningTracker.update({ where: { id: trackerId }, data: completion(now, reason) });
  return "completed";
}

/**
 * Charges a tracker's cycle again when its retry is due. The outcome comes
 * back as a billing-attempt webhook; until then the tracker has no next
 * attempt. The tracker is marked as charging before Shopify is called, so a
 * database error or crash afterwards cannot lead to a second charge (a retry
 * whose outcome never arrives is looked at again after a day). A cycle billed
 * meanwhile, or a contract that ended, completes the tracker without charging;
 * a cycle whose attempts already exhaust the retries gets the final action.
 */
export async function runDunningRetry(
  deps: EngineDeps,
  tracker: DunningTracker & Claimed,
  now: Date,
  options: Pick<EngineOptions, "retryDelayMs">,
): Promise<RetryOutcome> {
  const { prisma } = deps;
  const fenced = { id: tracker.id, claimToken: tracker.token, completedAt: null };
  const release = { claimedUntil: null, claimToken: null };
  const completeFor = (reason: string) => prisma.dunningTracker.updateMany({ where: fenced, data: completion(now, reason) });
  let charging = false;
  let charged = false;
  try {
    const admin = await deps.adminFor(tracker.shop);
    const state = await admin.contractWithBillingCycle(tracker.contractId, { index: tracker.billingCycleIndex });
    const decision = decideDueRetry(state, await dunningRules(prisma, tracker.shop, tracker.failureReason));
    if (decision.kind === "complete") {
      await completeFor(decision.reason);
      return "completed";
    }
    // An attempt still in progress reports back by webhook; look again later.
    if (decision.kind === "wait") throw new AttemptNotReady(`cycle ${tracker.billingCycleIndex} has an attempt in progress`);
    if (decision.kind === "final-action") {
      await takeFinalAction(prisma, admin, tracker, decision.finalAction, now, state.cycle?.attempts.length ?? 0);
      return "completed";
    }

    const marked = await prisma.dunningTracker.updateMany({ where: fenced, data: { nextAttemptAt: null, lastAttemptAt: now } });
    if (marked.count === 0) return "superseded";
    charging = true;
    await admin.chargeBillingCycle(tracker.contractId, tracker.billingCycleIndex);
    charged = true;
    await prisma.dunningTracker.updateMany({ where: fenced, data: release });
    return "charged";
  } catch (error) {
    // Charged, and only the bookkeeping failed: never charge again for it (the lease just runs out).
    if (charged) return "charged";
    const code = error instanceof AdminApiError ? error.userErrors.map((userError) => userError.code).find(Boolean) : undefined;
    if (code && FINAL_CHARGE_ERRORS.includes(code)) {
      await completeFor(code);
      return "completed";
    }
    if (isPermanent(error)) {
      await completeFor("RETRY_FAILED");
      deps.log("error", "dunning retry failed", { shop: tracker.shop, trackerId: tracker.id, error: errorMessage(error) });
      return "failed";
    }
    // Shopify answered the charge with an error (5xx, throttled): nothing was charged, so the retry is due again.
    // No answer at all: it may have gone through; wait for its webhook (looked at again after a day).
    const refused = error instanceof AdminApiError && (error.kind === "server" || error.kind === "throttled");
    if (charging && !refused) {
      await prisma.dunningTracker.updateMany({ where: fenced, data: release });
      deps.log("warn", "dunning retry outcome unknown; waiting for its webhook", { shop: tracker.shop, trackerId: tracker.id, error: errorMessage(error) });
      return "retrying";
    }
    // Transient: the retry stays due. Back off by how long it has been overdue: 1 minute, doubling, up to an hour.
    const overdue = now.getTime() - (tracker.nextAttemptAt ?? now).getTime();
    const delay = Math.min(options.retryDelayMs(99), Math.max(options.retryDelayMs(1), overdue));
    await prisma.dunningTracker.updateMany({
      where: fenced,
      data: { claimedUntil: new Date(now.getTime() + delay), ...(charging ? { nextAttemptAt: now } : {}) },
    });
    deps.log("warn", "dunning retry will be tried again", { shop: tracker.shop, trackerId: tracker.id, error: errorMessage(error) });
    return "retrying";
  }
}
