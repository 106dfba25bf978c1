/**
 * Which emails a dunning step causes, as a pure decision (the engine queues
 * them in the step's transaction). Payment failures tell the customer (a
 * retry is coming, the last one is coming, the final action was taken) and,
 * at the final action, the merchant. Inventory failures are the merchant's
 * to fix, so they go to the merchant only, at once or in a weekly digest;
 * like Shopify's reference app, the customer is not told.
 */
import { DateTime } from "luxon";
import { INVENTORY_ERROR_CODES } from "../dunning/ladder";
import type { EmailData, EmailKind, InventoryNoticeFrequency } from "./email-kinds";

interface StepFacts {
  trackerId: number;
  contractId: string;
  cycleIndex: number;
  failureReason: string;
  /** The cycle's failed attempts so far (1 after the first failure). */
  attempts: number;
  /** The shop's final action for this kind of failure. */
  finalAction: string;
}

export type DunningStep =
  /** A billing attempt failed and a retry is scheduled; `last`: the final action follows if it fails too. */
  | (StepFacts & { kind: "retry-scheduled"; retryAt: Date; last: boolean })
  /** The retries ran out and the final action was taken. */
  | (StepFacts & { kind: "final-action" });

export interface StepEmail {
  eventKey: string;
  kind: EmailKind;
  contractId: string | null;
  data: EmailData;
  notBefore?: Date;
}

/** The digest goes out on Monday at 09:00 in the shop's zone, covering the week before. */
const DIGEST_WEEKDAY = 1;
const DIGEST_HOUR = 9;

/** The digest week `now` falls in: [from, until) between two digest times, in the shop's zone. */
export function digestWeek(now: Date, timeZone: string): { from: Date; until: Date } {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  let until = local.set({ weekday: DIGEST_WEEKDAY, hour: DIGEST_HOUR, minute: 0, second: 0, millisecond: 0 });
  if (until <= local) until = until.plus({ weeks: 1 });
  return { from: until.minus({ weeks: 1 }).toJSDate(), until: until.toJSDate() };
}

export function dunningEmails(step: DunningStep, options: { inventoryNotices: InventoryNoticeFrequency; timeZone: string; now: Date }): StepEmail[] {
  const key = `dunning:${step.trackerId}`;
  const base = { contractId: step.contractId, data: { cycleIndex: step.cycleIndex, failureReason: step.failureReason } };
  if (INVENTORY_ERROR_CODES.includes(step.failureReason)) {
    // Once per failed cycle, when it first fails; later retries of it are the same stock-out.
    if (step.attempts !== 1) return [];
    if (options.inventoryNotices === "weekly") {
      const { from, until } = digestWeek(options.now, options.timeZone);
      return [
        {
          eventKey: `inventory-digest:${from.toISOString()}`,
          kind: "merchant-inventory-failure",
          contractId: null,
          data: { date: from.toISOString(), until: until.toISOString() },
          notBefore: until,
        },
      ];
    }
    return [{ ...base, eventKey: `${key}:inventory`, kind: "merchant-inventory-failure" }];
  }
  if (step.kind === "retry-scheduled") {
    return [
      {
        ...base,
        eventKey: `${key}:attempt-${step.attempts}`,
        kind: step.last ? "payment-final-attempt" : "payment-failed",
        data: { ...base.data, date: step.retryAt.toISOString(), ...(step.last ? { finalAction: step.finalAction } : {}) },
      },
    ];
  }
  const data = { ...base.data, finalAction: step.finalAction };
  return [
    { ...base, eventKey: `${key}:final`, kind: "payment-final-outcome", data },
    { ...base, eventKey: `${key}:final`, kind: "merchant-payment-failure", data },
  ];
}
