import { describe, expect, it } from "vitest";
import { pageCount, parseTrackerListParams } from "./tracker-list";
import { trackerStatus } from "./tracker-status";

describe("parseTrackerListParams", () => {
  const parse = (query: string) => parseTrackerListParams(new URLSearchParams(query));

  it("defaults to all trackers, first page", () => {
    expect(parse("")).toEqual({ status: "all", contract: "", page: 1 });
  });

  it("reads status, contract and page", () => {
    expect(parse("status=open&contract=%20123%20&page=3")).toEqual({ status: "open", contract: "123", page: 3 });
  });

  it.each(["page=0", "page=-2", "page=1.5", "page=abc"])("falls back to page 1 for %s", (query) => {
    expect(parse(query).page).toBe(1);
  });

  it("ignores an unknown status", () => {
    expect(parse("status=deleted").status).toBe("all");
  });
});

describe("pageCount", () => {
  it.each([
    [0, 1],
    [1, 1],
    [20, 1],
    [21, 2],
    [45, 3],
  ])("%i trackers make %i pages", (total, pages) => expect(pageCount(total)).toBe(pages));
});

describe("trackerStatus", () => {
  it.each([
    [{ completedAt: null, completedReason: null }, "open"],
    [{ completedAt: new Date(), completedReason: "PAYMENT_SUCCEEDED" }, "recovered"],
    [{ completedAt: new Date(), completedReason: "CYCLE_ALREADY_BILLED" }, "recovered"],
    [{ completedAt: new Date(), completedReason: "FINAL_ACTION_CANCEL" }, "failed"],
    [{ completedAt: new Date(), completedReason: "CONTRACT_EXPIRED" }, "failed"],
    [{ completedAt: new Date(), completedReason: null }, "failed"],
  ])("%j is %s", (tracker, status) => expect(trackerStatus(tracker)).toBe(status));
});
