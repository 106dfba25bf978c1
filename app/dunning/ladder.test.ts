import { describe, expect, it } from "vitest";
import { DEFAULT_DUNNING_RULES } from "../settings/settings-form";
import {
  decideAfterFailure,
  decideDueRetry,
  decideReactivation,
  finalActionReason,
  rulesFor,
  type CycleState,
  type DunningRules,
  type ReactivationDecision,
  type ReactivationFacts,
} from "./ladder";

// Payment failures: 3 retries, 7 days apart, then cancel; inventory failures: 5 retries, a day apart, then skip.
const SETTINGS = DEFAULT_DUNNING_RULES;
const NOW = new Date("2026-11-21T10:00:00Z");
const RULES: DunningRules = { retries: 2, daysBetween: 3, finalAction: "pause" };

/** A contract in `status` whose cycle is `cycleStatus` with `failed` finished attempts (and optionally one in progress). */
function state(status: string, cycleStatus: string, failed: number, inProgress = false): CycleState {
  const attempts = Array.from({ length: failed }, () => ({ ready: true }));
  if (inProgress) attempts.push({ ready: false });
  return { contract: { status }, cycle: { status: cycleStatus, attempts } };
}

describe("rulesFor", () => {
  it.each([
    ["CARD_DECLINED", { retries: 3, daysBetween: 7, finalAction: "cancel" }],
    ["EXPIRED_PAYMENT_METHOD", { retries: 3, daysBetween: 7, finalAction: "cancel" }],
    ["UNKNOWN", { retries: 3, daysBetween: 7, finalAction: "cancel" }],
    ["INSUFFICIENT_INVENTORY", { retries: 5, daysBetween: 1, finalAction: "skip" }],
    ["INVENTORY_ALLOCATIONS_NOT_FOUND", { retries: 5, daysBetween: 1, finalAction: "skip" }],
  ])("a %s failure follows %j", (reason, rules) => expect(rulesFor(SETTINGS, reason)).toEqual(rules));
});

describe("decideAfterFailure (retries: 2, 3 days apart, then pause)", () => {
  it.each<[string, CycleState, ReturnType<typeof decideAfterFailure>]>([
    ["the contract is gone", { contract: null, cycle: null }, { kind: "ignore" }],
    ["the cycle is gone", { contract: { status: "ACTIVE" }, cycle: null }, { kind: "ignore" }],
    ["another attempt is in progress", state("ACTIVE", "UNBILLED", 1, true), { kind: "wait" }],
    ["the cycle was billed meanwhile", state("ACTIVE", "BILLED", 1), { kind: "complete", reason: "CYCLE_ALREADY_BILLED" }],
    ["the contract was cancelled", state("CANCELLED", "UNBILLED", 1), { kind: "complete", reason: "CONTRACT_CANCELLED" }],
    ["the contract expired", state("EXPIRED", "UNBILLED", 1), { kind: "complete", reason: "CONTRACT_EXPIRED" }],
    ["the first attempt failed", state("ACTIVE", "UNBILLED", 1), { kind: "schedule-retry", at: new Date("2026-11-24T10:00:00Z"), last: false }],
    ["the first retry failed: the next is the last", state("ACTIVE", "UNBILLED", 2), { kind: "schedule-retry", at: new Date("2026-11-24T10:00:00Z"), last: true }],
    ["the last retry failed", state("ACTIVE", "UNBILLED", 3), { kind: "final-action", finalAction: "pause" }],
    ["more attempts than retries failed", state("ACTIVE", "UNBILLED", 7), { kind: "final-action", finalAction: "pause" }],
    ["a paused contract's attempt failed", state("PAUSED", "UNBILLED", 1), { kind: "schedule-retry", at: new Date("2026-11-24T10:00:00Z"), last: false }],
  ])("when %s", (_case, input, decision) => expect(decideAfterFailure(input, RULES, NOW)).toEqual(decision));

  it("with one retry, the retry after the first failure is the last", () => {
    expect(decideAfterFailure(state("ACTIVE", "UNBILLED", 1), { ...RULES, retries: 1 }, NOW)).toMatchObject({ kind: "schedule-retry", last: true });
  });

  it("with no retries, the first failure takes the final action", () => {
    expect(decideAfterFailure(state("ACTIVE", "UNBILLED", 1), { ...RULES, retries: 0 }, NOW)).toEqual({ kind: "final-action", finalAction: "pause" });
  });
});

describe("decideDueRetry (retries: 2, then pause)", () => {
  it.each<[string, CycleState, ReturnType<typeof decideDueRetry>]>([
    ["the contract is gone", { contract: null, cycle: null }, { kind: "complete", reason: "CONTRACT_CANCELLED" }],
    ["the cycle is gone", { contract: { status: "ACTIVE" }, cycle: null }, { kind: "complete", reason: "CONTRACT_CANCELLED" }],
    ["the cycle was billed meanwhile", state("ACTIVE", "BILLED", 1), { kind: "complete", reason: "CYCLE_ALREADY_BILLED" }],
    ["the contract was cancelled, even with an attempt in progress", state("CANCELLED", "UNBILLED", 1, true), { kind: "complete", reason: "CONTRACT_CANCELLED" }],
    ["the contract expired", state("EXPIRED", "UNBILLED", 2), { kind: "complete", reason: "CONTRACT_EXPIRED" }],
    ["an attempt is in progress", state("ACTIVE", "UNBILLED", 1, true), { kind: "wait" }],
    ["one attempt failed", state("ACTIVE", "UNBILLED", 1), { kind: "charge" }],
    ["the first retry failed", state("ACTIVE", "UNBILLED", 2), { kind: "charge" }],
    ["every retry failed already", state("ACTIVE", "UNBILLED", 3), { kind: "final-action", finalAction: "pause" }],
  ])("when %s", (_case, input, decision) => expect(decideDueRetry(input, RULES)).toEqual(decision));
});

describe("finalActionReason", () => {
  it.each([
    ["cancel", "FINAL_ACTION_CANCEL"],
    ["pause", "FINAL_ACTION_PAUSE"],
    ["skip", "FINAL_ACTION_SKIP"],
  ] as const)("%s completes as %s", (action, reason) => expect(finalActionReason(action)).toBe(reason));
});

describe("decideReactivation (after a billing attempt of the contract succeeded)", () => {
  const PAUSED_BY_DUNNING: ReactivationFacts = { contractStatus: "PAUSED", pausedByDunning: true, activatedSincePause: false, reactivateAfterRecovery: true };
  const SKIP: ReactivationDecision = { kind: "skip", detail: "reactivateAfterRecovery is off" };

  it.each<[string, Partial<ReactivationFacts>, ReactivationDecision]>([
    ["the ladder paused it, it is still paused, and the setting is on", {}, { kind: "resume" }],
    ["the ladder paused it, it is still paused, but the setting is off", { reactivateAfterRecovery: false }, SKIP],
    ["the merchant paused it (no pause of the ladder's)", { pausedByDunning: false }, { kind: "none" }],
    ["the merchant paused it, setting off: nothing to record either", { pausedByDunning: false, reactivateAfterRecovery: false }, { kind: "none" }],
    ["it was activated after the ladder's pause (so this pause is someone else's)", { activatedSincePause: true }, { kind: "none" }],
    ["it was activated after the ladder's pause, setting off", { activatedSincePause: true, reactivateAfterRecovery: false }, { kind: "none" }],
    ["it is active already", { contractStatus: "ACTIVE" }, { kind: "none" }],
    ["it was cancelled meanwhile", { contractStatus: "CANCELLED" }, { kind: "none" }],
    ["it expired meanwhile", { contractStatus: "EXPIRED" }, { kind: "none" }],
    ["it failed", { contractStatus: "FAILED" }, { kind: "none" }],
    ["Shopify no longer has it", { contractStatus: null }, { kind: "none" }],
  ])("%s", (_case, facts, decision) => {
    expect(decideReactivation({ ...PAUSED_BY_DUNNING, ...facts })).toEqual(decision);
  });
});
