import type { BillingRun, PrismaClient } from "@prisma/client";
import { chargeWindow, upcomingRun } from "./schedule";
import { isUniqueViolation } from "../db/unique-violation.server";
import { claimableNow, claimEach, errorMessage, isPermanent, type EngineDeps, type EngineOptions } from "../scheduler/deps";

export interface ChargeClaim {
  shop: string;
  /** The nextRunAt that was due: with the shop, the run's idempotency key. */
  scheduledFor: Date;
  token: string;
}

export type ChargeOutcome = "succeeded" | "failed" | "retrying" | "superseded";

/**
 * Shops whose run is due (`active AND nextRunAt <= now`, on the
 * (active, nextRunAt) index; never a scan of every schedule), each claimed
 * with a lease by an atomic compare-and-set: of two instances that see the
 * same shop, exactly one claims it. A claim whose holder died expires and is
 * taken over by a later tick.
 */
export async function claimDueCharges(
  prisma: PrismaClient,
  now: Date,
  { limit, leaseMs }: { limit: number; leaseMs: number },
): Promise<ChargeClaim[]> {
  const claimed = await claimEach(await findDueSchedules(prisma, now, limit), (schedule, token) =>
    prisma.billingSchedule.updateMany({
      // Exactly what was read: if another instance claimed it or the merchant changed it since, this matches nothing.
      where: { id: schedule.id, active: true, nextRunAt: schedule.nextRunAt, claimedUntil: schedule.claimedUntil },
      data: { claimedUntil: new Date(now.getTime() + leaseMs), claimToken: token },
    }),
  );
  return claimed.map((schedule) => ({ shop: schedule.shop, scheduledFor: schedule.nextRunAt!, token: schedule.token }));
}

/** Up to `limit` due, unclaimed schedules, earliest first: a range scan of the (active, nextRunAt) index. */
export function findDueSchedules(prisma: PrismaClient, now: Date, limit: number) {
  return prisma.billingSchedule.findMany({
    where: { active: true, nextRunAt: { lte: now }, ...claimableNow(now) },
    orderBy: { nextRunAt: "asc" },
    take: limit,
    select: { id: true, shop: true, nextRunAt: true, claimedUntil: true },
  });
}

/**
 * Charges one claimed run: records it in BillingRun (one row per shop and
 * scheduled run, so a run already charged is never charged again), starts
 * Shopify's bulk charge over the run's window, and advances the schedule to
 * its next local day. Transient failures release the claim for a later try;
 * permanent ones (userErrors, an uninstalled shop) are recorded as failed.
 */
export async function runScheduledCharge(
  deps: EngineDeps,
  claim: ChargeClaim,
  now: Date,
  options: Pick<EngineOptions, "maxChargeTries" | "retryDelayMs" | "leaseMs">,
): Promise<ChargeOutcome> {
  const { prisma } = deps;
  // Renew the lease as the work starts (a queued job may have waited): if the
  // claim is no longer ours, another holder has the run and this one stops.
  const renewed = await prisma.billingSchedule.updateMany({
    where: { shop: claim.shop, claimToken: claim.token },
    data: { claimedUntil: new Date(now.getTime() + options.leaseMs) },
  });
  if (renewed.count === 0) return "superseded";
  const schedule = await prisma.billingSchedule.findUnique({ where: { shop: claim.shop } });
  if (!schedule) return "superseded";

  let run: BillingRun | undefined;
  try {
    run = await startRun(prisma, claim, chargeWindow(now, schedule.timezone, schedule.lastRunAt));
    if (run.status !== "running") {
      // Charged (or given up) before, by a claimer that died before advancing the schedule.
      await finish(prisma, claim, now, { status: run.status as "succeeded" | "failed", error: run.error });
      return run.status as ChargeOutcome;
    }
    const admin = await deps.adminFor(claim.shop);
    const jobId = await admin.bulkCharge({ start: run.windowStart, end: run.windowEnd });
    await finish(prisma, claim, now, { status: "succeeded", runId: run.id, jobId });
    deps.log("info", "billing run charged", { shop: claim.shop, scheduledFor: claim.scheduledFor, jobId, tries: run.attempts });
    return "succeeded";
  } catch (error) {
    const message = errorMessage(error);
    const tries = run?.attempts ?? 1;
    if (isPermanent(error) || error instanceof RangeError || tries >= options.maxChargeTries) {
      await finish(prisma, claim, now, { status: "failed", runId: run?.id, error: message });
      deps.log("error", "billing run failed", { shop: claim.shop, scheduledFor: claim.scheduledFor, error: message });
      return "failed";
    }
    // Still due; the claim runs out when the next try should start.
    await prisma.billingSchedule.updateMany({
      where: { shop: claim.shop, claimToken: claim.token },
      data: {
        claimedUntil: new Date(now.getTime() + options.retryDelayMs(tries)),
        lastRunOutcome: "retrying",
        lastRunError: message,
      },
    });
    deps.log("warn", "billing run will be retried", { shop: claim.shop, tries, error: message });
    return "retrying";
  }
}

async function startRun(prisma: PrismaClient, claim: ChargeClaim, window: { start: Date; end: Date }): Promise<BillingRun> {
  const key = { shop_scheduledFor: { shop: claim.shop, scheduledFor: claim.scheduledFor } };
  // A later try charges the window as of now (the local day may have turned); overlap is harmless.
  const bump = () =>
    prisma.billingRun.update({ where: key, data: { attempts: { increment: 1 }, windowStart: window.start, windowEnd: window.end } });
  const existing = await prisma.billingRun.findUnique({ where: key });
  if (existing) return existing.status === "running" ? bump() : existing;
  try {
    return await prisma.billingRun.create({
      data: { shop: claim.shop, scheduledFor: claim.scheduledFor, windowStart: window.start, windowEnd: window.end, status: "running", attempts: 1 },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return bump();
  }
}

/** Records the run's outcome and moves the schedule on, if this claim still holds it. */
async function finish(
  prisma: PrismaClient,
  claim: ChargeClaim,
  now: Date,
  outcome: { status: "succeeded" | "failed"; runId?: number; jobId?: string; error?: string | null },
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    if (outcome.runId !== undefined) {
      await tx.billingRun.update({
        where: { id: outcome.runId },
        data: { status: outcome.status, jobId: outcome.jobId ?? null, error: outcome.error ?? null, finishedAt: now },
      });
    }
    const schedule = await tx.billingSchedule.findUnique({ where: { shop: claim.shop } });
    if (!schedule || schedule.claimToken !== claim.token) return;
    await tx.billingSchedule.update({
      where: { id: schedule.id },
      data: {
        lastRunAt: now,
        lastRunOutcome: outcome.status,
        lastRunError: outcome.error ?? null,
        // The hour and zone as they are now: the merchant may have changed them during the run.
        nextRunAt: upcomingRun(schedule, { lastRunAt: now, now }),
        claimedUntil: null,
        claimToken: null,
      },
    });
  });
}
