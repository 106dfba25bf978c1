import { describe, expect, it } from "vitest";
import { formatInZone, nextRunAt, upcomingRun } from "./schedule";

const at = (iso: string) => new Date(iso);

describe("nextRunAt", () => {
  it.each([
    // zone, hour, after (UTC), expected run (UTC)
    ["UTC", 10, "2026-11-21T09:59:59Z", "2026-11-21T10:00:00Z"],
    ["UTC", 10, "2026-11-21T10:00:00Z", "2026-11-22T10:00:00Z"],
    ["Europe/Paris", 10, "2026-11-21T08:00:00Z", "2026-11-21T09:00:00Z"],
    ["Asia/Kathmandu", 0, "2026-11-21T00:00:00Z", "2026-11-21T18:15:00Z"],
    ["Australia/Adelaide", 9, "2026-11-21T00:00:00Z", "2026-11-21T22:30:00Z"],
    ["Asia/Kolkata", 23, "2026-11-21T17:29:00Z", "2026-11-21T17:30:00Z"],
    // Spring forward: 02:00 does not exist in Toronto on 2026-03-08; the run is at 03:00 EDT.
    ["America/Toronto", 2, "2026-03-08T05:00:00Z", "2026-03-08T07:00:00Z"],
    // Fall back: 01:00 happens twice in Toronto on 2026-11-01; one run, at the second (EST).
    ["America/Toronto", 1, "2026-11-01T04:00:00Z", "2026-11-01T06:00:00Z"],
  ])("%s at %i:00 after %s is %s", (timezone, hour, after, expected) => {
    expect(nextRunAt({ hour, timezone }, at(after)).toISOString()).toBe(new Date(expected).toISOString());
  });

  it("refuses an unknown zone", () => {
    expect(() => nextRunAt({ hour: 1, timezone: "Mars/Base" }, new Date())).toThrow(RangeError);
  });
});

describe("upcomingRun", () => {
  const paris = { hour: 10, timezone: "Europe/Paris" };

  it("is the next hour:00 from now for a schedule that never ran", () => {
    expect(upcomingRun(paris, { lastRunAt: null, now: at("2026-11-21T12:00:00Z") }).toISOString()).toBe("2026-11-22T09:00:00.000Z");
  });

  it("is the local day after the last run, even when that is past (one catch-up run)", () => {
    const run = upcomingRun(paris, { lastRunAt: at("2026-11-10T09:00:00Z"), now: at("2026-11-21T12:00:00Z") });
    expect(run.toISOString()).toBe("2026-11-11T09:00:00.000Z");
  });

  it("never runs twice in a local day when the hour moves later after today's run", () => {
    const run = upcomingRun({ ...paris, hour: 18 }, { lastRunAt: at("2026-11-21T09:00:00Z"), now: at("2026-11-21T12:00:00Z") });
    expect(run.toISOString()).toBe("2026-11-22T17:00:00.000Z");
  });
});

describe("formatInZone", () => {
  it("writes the instant in the shop's zone", () => {
    expect(formatInZone(at("2026-11-21T18:15:00Z"), "Asia/Kathmandu")).toBe("Sun, Nov 22, 2026, 12:00 AM GMT+5:45");
  });
});
