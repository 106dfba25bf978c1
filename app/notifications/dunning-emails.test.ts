import { describe, expect, it } from "vitest";
import { digestWeek, dunningEmails, type DunningStep } from "./dunning-emails";

const NOW = new Date("2026-11-18T15:00:00Z"); // a Wednesday
const RETRY_AT = new Date("2026-11-25T15:00:00Z");
const CONTRACT = "gid://shopify/SubscriptionContract/1047";
const facts = { trackerId: 12, contractId: CONTRACT, cycleIndex: 3, finalAction: "pause" };
const retry = (failureReason: string, attempts: number, last = false): DunningStep => ({ ...facts, kind: "retry-scheduled", failureReason, attempts, retryAt: RETRY_AT, last });
const final = (failureReason: string, attempts: number): DunningStep => ({ ...facts, kind: "final-action", failureReason, attempts });
const immediately = { inventoryNotices: "immediately", timeZone: "America/Toronto", now: NOW } as const;
const weekly = { ...immediately, inventoryNotices: "weekly" } as const;

describe("dunningEmails", () => {
  it.each<[string, DunningStep, typeof immediately | typeof weekly, Array<{ eventKey: string; kind: string }>]>([
    ["a payment failure with a retry ahead tells the customer", retry("INSUFFICIENT_FUNDS", 1), immediately, [{ eventKey: "dunning:12:attempt-1", kind: "payment-failed" }]],
    ["the retry before the last is told apart by its attempt", retry("CARD_DECLINED", 2), immediately, [{ eventKey: "dunning:12:attempt-2", kind: "payment-failed" }]],
    ["the last retry ahead warns the customer", retry("CARD_DECLINED", 3, true), immediately, [{ eventKey: "dunning:12:attempt-3", kind: "payment-final-attempt" }]],
    [
      "the final action tells the customer and the merchant",
      final("CARD_DECLINED", 4),
      immediately,
      [
        { eventKey: "dunning:12:final", kind: "payment-final-outcome" },
        { eventKey: "dunning:12:final", kind: "merchant-payment-failure" },
      ],
    ],
    ["a stock-out tells the merchant at once, never the customer", retry("INSUFFICIENT_INVENTORY", 1), immediately, [{ eventKey: "dunning:12:inventory", kind: "merchant-inventory-failure" }]],
    ["a stock-out with no retries still tells the merchant", final("INVENTORY_ALLOCATIONS_NOT_FOUND", 1), immediately, [{ eventKey: "dunning:12:inventory", kind: "merchant-inventory-failure" }]],
    ["a stock-out's later retries add nothing", retry("INSUFFICIENT_INVENTORY", 2), immediately, []],
    ["a stock-out's final action adds nothing", final("INSUFFICIENT_INVENTORY", 6), immediately, []],
    [
      "a stock-out goes into the week's digest",
      retry("INSUFFICIENT_INVENTORY", 1),
      weekly,
      [{ eventKey: "inventory-digest:2026-11-16T14:00:00.000Z", kind: "merchant-inventory-failure" }],
    ],
    ["weekly digests change nothing for payment failures", retry("INSUFFICIENT_FUNDS", 1), weekly, [{ eventKey: "dunning:12:attempt-1", kind: "payment-failed" }]],
  ])("%s", (_case, step, options, expected) => {
    expect(dunningEmails(step, options).map(({ eventKey, kind }) => ({ eventKey, kind }))).toEqual(expected);
  });

  it("carries the retry's date, and the final action when the retry is the last", () => {
    expect(dunningEmails(retry("CARD_DECLINED", 1), immediately)[0].data).toEqual({ cycleIndex: 3, failureReason: "CARD_DECLINED", date: RETRY_AT.toISOString() });
    expect(dunningEmails(retry("CARD_DECLINED", 3, true), immediately)[0].data).toMatchObject({ date: RETRY_AT.toISOString(), finalAction: "pause" });
    for (const email of dunningEmails(final("CARD_DECLINED", 4), immediately)) expect(email.data).toMatchObject({ finalAction: "pause", cycleIndex: 3 });
  });

  it("holds a digest back until the week is over", () => {
    const [digest] = dunningEmails(retry("INSUFFICIENT_INVENTORY", 1), weekly);
    expect(digest.contractId).toBeNull();
    expect(digest.notBefore).toEqual(new Date("2026-11-23T14:00:00Z"));
    expect(digest.data).toEqual({ date: "2026-11-16T14:00:00.000Z", until: "2026-11-23T14:00:00.000Z" });
  });
});

describe("digestWeek (Monday 09:00 in the shop's zone)", () => {
  it.each([
    ["mid-week", "2026-11-18T15:00:00Z", "America/Toronto", "2026-11-16T14:00:00.000Z", "2026-11-23T14:00:00.000Z"],
    ["on Monday before 09:00", "2026-11-23T13:59:00Z", "America/Toronto", "2026-11-16T14:00:00.000Z", "2026-11-23T14:00:00.000Z"],
    ["on Monday at 09:00", "2026-11-23T14:00:00Z", "America/Toronto", "2026-11-23T14:00:00.000Z", "2026-11-30T14:00:00.000Z"],
    ["across a DST change (Toronto, 1 November)", "2026-10-30T12:00:00Z", "America/Toronto", "2026-10-26T13:00:00.000Z", "2026-11-02T14:00:00.000Z"],
    ["in a zone ahead of UTC (08:30 on Monday in Tokyo)", "2026-11-22T23:30:00Z", "Asia/Tokyo", "2026-11-16T00:00:00.000Z", "2026-11-23T00:00:00.000Z"],
  ])("%s", (_case, now, zone, from, until) => {
    const week = digestWeek(new Date(now), zone);
    expect({ from: week.from.toISOString(), until: week.until.toISOString() }).toEqual({ from, until });
  });
});
