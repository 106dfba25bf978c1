import { describe, expect, it } from "vitest";
import { availableActions, billRefusal, paymentEmailRefusal, refusal, skipRefusal } from "./contract-rules";

describe("availableActions", () => {
  it.each([
    ["ACTIVE", ["pause", "cancel", "bill", "skip", "unskip", "payment-email", "edit"]],
    ["FAILED", ["pause", "resume", "cancel", "bill", "skip", "unskip", "payment-email", "edit"]],
    ["PAUSED", ["resume", "cancel", "skip", "unskip", "payment-email", "edit"]],
    ["CANCELLED", []],
    ["EXPIRED", []],
  ])("a %s contract offers %j", (status, actions) => expect(availableActions(status)).toEqual(actions));

  it("names why a terminated contract refuses a change", () => {
    expect(refusal("resume", "CANCELLED")).toMatch(/cancelled: it cannot change/);
    expect(refusal("pause", "PAUSED")).toMatch(/already paused/);
    expect(refusal("bill", "PAUSED")).toMatch(/Resume the contract/);
  });
});

describe("billRefusal", () => {
  it.each([
    [null, /no billing cycle/],
    [{ cycleIndex: 3, status: "BILLED", skipped: false }, /cycle 3 has already been billed/],
    [{ cycleIndex: 4, status: "UNBILLED", skipped: true }, /cycle 4 is skipped/],
    [{ cycleIndex: 5, status: "UNBILLED", skipped: false }, null],
  ])("%j → %s", (cycle, expected) => {
    const result = billRefusal(cycle);
    if (expected === null) expect(result).toBeNull();
    else expect(result).toMatch(expected);
  });
});

describe("skipRefusal", () => {
  it.each([
    [{ cycleIndex: 2, status: "UNBILLED", skipped: false }, true, null],
    [{ cycleIndex: 2, status: "UNBILLED", skipped: true }, false, null],
    [{ cycleIndex: 2, status: "UNBILLED", skipped: true }, true, /already skipped/],
    [{ cycleIndex: 2, status: "UNBILLED", skipped: false }, false, /already not skipped/],
    [{ cycleIndex: 2, status: "BILLED", skipped: false }, true, /already been billed/],
    [null, true, /No such billing cycle/],
  ])("%j skip=%s → %s", (cycle, skip, expected) => {
    const result = skipRefusal(cycle, skip);
    if (expected === null) expect(result).toBeNull();
    else expect(result).toMatch(expected);
  });
});

describe("paymentEmailRefusal", () => {
  it.each([
    [null, /no payment method/],
    [{ revokedAt: "2026-10-01T00:00:00Z" }, /revoked/],
    [{ revokedAt: null }, null],
  ])("%j → %s", (method, expected) => {
    const result = paymentEmailRefusal(method);
    if (expected === null) expect(result).toBeNull();
    else expect(result).toMatch(expected);
  });
});
