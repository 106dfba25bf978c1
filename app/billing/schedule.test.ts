import { describe, expect, it } from "vitest";
import { chargeWindow, formatInZone, nextRunAt, upcomingRun } from "./schedule";

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
    // Fall back: 01:00 happens twice in Toronto on 2026-11-01; one run, at the first (EDT).
    ["America/Toronto", 1, "2026-11-01T04:00:00Z", "2026-11-01T05:00:00Z"],
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

  it("counts a run that a gap pushed past midnight as the previous day's (Nuuk jumps 23:00 -> 00:00)", () => {
    const nuuk = { hour: 23, timezone: "America/Nuuk" };
    // 2026-03-28's 23:00 runs at 00:00 on the 29th (01:00Z); the 29th still has its own 23:00 (2026-03-30T00:00Z).
    expect(upcomingRun(nuuk, { lastRunAt: at("2026-03-28T01:00:00Z"), now: at("2026-03-28T01:00:00Z") }).toISOString()).toBe("2026-03-29T01:00:00.000Z");
    expect(upcomingRun(nuuk, { lastRunAt: at("2026-03-29T01:00:30Z"), now: at("2026-03-29T01:00:30Z") }).toISOString()).toBe("2026-03-30T00:00:00.000Z");
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

describe("nextRunAt across daylight-saving changes and fractional offsets", () => {
  it.each([
    // Northern hemisphere, spring forward: 02:00 does not exist, the run is at 03:00 local.
    ["America/Toronto", 2, "2026-03-08T00:00:00Z", "2026-03-08T07:00:00Z"],
    ["Europe/London", 1, "2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z"],
    // Northern hemisphere, fall back: 01:00 happens twice; one run, at the first (BST).
    ["Europe/London", 1, "2026-10-24T23:00:00Z", "2026-10-25T00:00:00Z"],
    // Southern hemisphere, spring forward (October): 02:00 does not exist.
    ["Australia/Sydney", 2, "2026-10-03T12:00:00Z", "2026-10-03T16:00:00Z"],
    ["Australia/Adelaide", 2, "2026-10-03T12:00:00Z", "2026-10-03T16:30:00Z"],
    ["Pacific/Auckland", 2, "2026-09-26T12:00:00Z", "2026-09-26T14:00:00Z"],
    // Southern hemisphere, fall back (April): 02:00 happens twice; one run, at the first (daylight time).
    ["Australia/Sydney", 2, "2026-04-04T12:00:00Z", "2026-04-04T15:00:00Z"],
    ["Pacific/Auckland", 2, "2026-04-04T12:00:00Z", "2026-04-04T13:00:00Z"],
    // Lord Howe Island goes back by 30 minutes.
    ["Australia/Lord_Howe", 1, "2026-04-04T12:00:00Z", "2026-04-04T14:00:00Z"],
    // Gaps that do not start on the hour: the run is where the clocks land, not an hour later.
    // Chatham jumps 02:45 -> 03:45 on 2026-09-27: 03:00 runs at 03:45 CHADT (14:00Z), not at 04:00.
    ["Pacific/Chatham", 3, "2026-09-26T12:00:00Z", "2026-09-26T14:00:00Z"],
    ["Pacific/Chatham", 3, "2026-09-26T14:00:00Z", "2026-09-27T13:15:00Z"],
    // Troll jumps 01:00 -> 03:00 on 2026-03-29: 01:00 and 02:00 both run at 03:00 local (01:00Z).
    ["Antarctica/Troll", 1, "2026-03-28T12:00:00Z", "2026-03-29T01:00:00Z"],
    ["Antarctica/Troll", 2, "2026-03-28T12:00:00Z", "2026-03-29T01:00:00Z"],
    // ...and asked just after that run, the next one is the next day's, not a second one that day.
    ["Antarctica/Troll", 2, "2026-03-29T01:00:00Z", "2026-03-30T00:00:00Z"],
    // Chile skips midnight itself (00:00 -> 01:00 on 2026-09-06).
    ["America/Santiago", 0, "2026-09-06T00:00:00Z", "2026-09-06T04:00:00Z"],
    // Fractional offsets.
    ["Asia/Kathmandu", 10, "2026-06-01T00:00:00Z", "2026-06-01T04:15:00Z"],
    ["Asia/Kolkata", 10, "2026-06-01T00:00:00Z", "2026-06-01T04:30:00Z"],
    ["Australia/Adelaide", 10, "2026-06-01T00:00:00Z", "2026-06-01T00:30:00Z"],
    ["Pacific/Chatham", 10, "2026-06-01T00:00:00Z", "2026-06-01T21:15:00Z"],
    ["America/St_Johns", 10, "2026-06-01T00:00:00Z", "2026-06-01T12:30:00Z"],
  ])("%s at %i:00, first run after %s, is %s", (timezone, hour, after, expected) => {
    expect(nextRunAt({ hour, timezone }, at(after)).toISOString()).toBe(new Date(expected).toISOString());
  });
});

describe("a year of ticks", () => {
  const ZONES = ["America/Toronto", "Europe/London", "Australia/Sydney", "Australia/Adelaide", "Australia/Lord_Howe", "Pacific/Auckland", "America/Santiago", "Asia/Kathmandu", "Asia/Kolkata", "Pacific/Chatham", "UTC"];
  const HOURS = [0, 1, 2, 3, 10, 23];
  const TICK = 15 * 60_000;

  it.each(ZONES)("in %s runs exactly once per local day, at the billing hour, for every hour", (timezone) => {
    // One formatter per zone: building an Intl.DateTimeFormat costs more than all else here.
    const localDate = new Intl.DateTimeFormat("en-CA", { timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit" });
    const localHour = new Intl.DateTimeFormat("en-GB", { timeZone: timezone, hour: "2-digit", hourCycle: "h23" });
    const start = Date.parse("2026-01-01T00:00:00Z");
    const end = Date.parse("2027-01-01T00:00:00Z");
    for (const hour of HOURS) {
      const schedule = { hour, timezone };
      let next = upcomingRun(schedule, { lastRunAt: null, now: new Date(start) }).getTime();
      const runs: number[] = [];
      for (let tick = start; tick < end; tick += TICK) {
        if (next > tick) continue;
        runs.push(tick);
        next = upcomingRun(schedule, { lastRunAt: new Date(tick), now: new Date(tick) }).getTime();
      }
      const dates = runs.map((run) => localDate.format(run));
      // One run per local day: no date twice, none missing between the first and the last.
      expect(new Set(dates).size, `${timezone} ${hour}:00`).toBe(dates.length);
      const days = Math.round((Date.parse(dates.at(-1)!) - Date.parse(dates[0])) / 86_400_000) + 1;
      expect(dates.length, `${timezone} ${hour}:00`).toBe(days);
      expect(dates.length).toBeGreaterThanOrEqual(364);
      // Each at the billing hour (or, on a day it does not exist, the end of the gap: exactly so in
      // tests/oracle/schedule-oracle.test.ts, for every zone), within a tick.
      for (const run of runs) {
        expect([hour, (hour + 1) % 24], `${timezone} ${new Date(run).toISOString()}`).toContain(Number(localHour.format(run)));
      }
    }
  });
});

describe("changing the hour or the zone", () => {
  const paris = { hour: 10, timezone: "Europe/Paris" };
  const ranToday = at("2026-06-10T08:00:00Z"); // 10:00 in Paris (UTC+2)

  it("moving the hour earlier after today's run waits for tomorrow", () => {
    expect(upcomingRun({ ...paris, hour: 6 }, { lastRunAt: ranToday, now: at("2026-06-10T09:00:00Z") }).toISOString()).toBe("2026-06-11T04:00:00.000Z");
  });

  it("moving the hour earlier before today's run runs today, once, straight away", () => {
    const yesterday = at("2026-06-09T08:00:00Z");
    const next = upcomingRun({ ...paris, hour: 6 }, { lastRunAt: yesterday, now: at("2026-06-10T05:00:00Z") });
    // 06:00 today (04:00Z) is already past at 05:00Z: due now, and then not again today.
    expect(next.toISOString()).toBe("2026-06-10T04:00:00.000Z");
    expect(upcomingRun({ ...paris, hour: 6 }, { lastRunAt: at("2026-06-10T05:00:00Z"), now: at("2026-06-10T05:00:00Z") }).toISOString()).toBe(
      "2026-06-11T04:00:00.000Z",
    );
  });

  it("moving east after today's run does not run twice on the new zone's date", () => {
    // 08:00Z is 17:00 on June 10 in Tokyo; the next run is 10:00 on June 11 there.
    expect(upcomingRun({ hour: 10, timezone: "Asia/Tokyo" }, { lastRunAt: ranToday, now: ranToday }).toISOString()).toBe("2026-06-11T01:00:00.000Z");
  });

  it("moving west after today's run waits for the new zone's next day", () => {
    // 08:00Z is 04:00 on June 10 in New York: June 10 there has not been billed, so 10:00 New York runs today.
    expect(upcomingRun({ hour: 10, timezone: "America/New_York" }, { lastRunAt: ranToday, now: ranToday }).toISOString()).toBe(
      "2026-06-11T14:00:00.000Z",
    );
  });
});

describe("chargeWindow", () => {
  it("reaches back two days from the end of the local day", () => {
    expect(chargeWindow(at("2026-11-21T03:15:00Z"), "Asia/Kathmandu")).toEqual({
      start: at("2026-11-19T18:14:59.999Z"),
      end: at("2026-11-21T18:14:59.999Z"),
    });
    // A run yesterday changes nothing: the usual look-back already covers it.
    expect(chargeWindow(at("2026-11-21T03:15:00Z"), "Asia/Kathmandu", at("2026-11-20T03:15:00Z")).start).toEqual(at("2026-11-19T18:14:59.999Z"));
  });

  it("reaches back to the last run after downtime, at most the week Shopify accepts in one bulk charge", () => {
    expect(chargeWindow(at("2026-11-21T12:00:00Z"), "UTC", at("2026-11-15T10:00:00Z")).start).toEqual(at("2026-11-15T10:00:00Z"));
    const longAgo = chargeWindow(at("2026-11-21T12:00:00Z"), "UTC", at("2026-09-01T10:00:00Z"));
    expect(longAgo.start).toEqual(at("2026-11-14T23:59:59.999Z"));
    expect(longAgo.end.getTime() - longAgo.start.getTime()).toBeLessThanOrEqual(7 * 24 * 3600_000);
  });
});
