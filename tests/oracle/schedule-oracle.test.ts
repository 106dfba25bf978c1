/**
 * The billing schedule against an independent oracle: Temporal (the TC39
 * polyfill), which computes zone transitions its own way. For a local day D
 * and billing hour H, the run is the first instant whose wall time is at or
 * past D H:00: the hour itself (its first occurrence when clocks go back), or
 * the instant the clocks jump to when H:00 falls in a gap. For every zone the
 * runtime knows (luxon uses the same list), every billing hour, and the days
 * around every offset change in two years, plus a sample of ordinary days:
 * - the run after day D-1's is day D's (upcomingRun);
 * - asked just before day D's run, nextRunAt answers it; asked at it, the
 *   next local day's (never a second run on the same day).
 * SCHEDULE_ORACLE=full checks every day of the two years (about 7 million
 * runs, a long while); the default checks the days of the changes and after,
 * and an ordinary day per zone (about 35,000 runs, 10 to 20 seconds: it is
 * not in the unit tier, which stays fast).
 */
import { Temporal } from "@js-temporal/polyfill";
import { describe, expect, it } from "vitest";
import { nextRunAt, upcomingRun } from "../../app/billing/schedule";

const FIRST_DAY = Temporal.PlainDate.from("2026-01-01");
const LAST_DAY = Temporal.PlainDate.from("2027-12-31");
const FULL = process.env.SCHEDULE_ORACLE === "full";
/** An ordinary day per zone besides the changes, in the default run. */
const SAMPLE_DAYS = [Temporal.PlainDate.from("2026-07-23")];
const ZONES = Intl.supportedValuesOf("timeZone");

/** The run of local day `date` at `hour`, by Temporal. */
function oracle(zone: string, date: Temporal.PlainDate, hour: number): number {
  const wall = date.toPlainDateTime({ hour });
  const compatible = wall.toZonedDateTime(zone, { disambiguation: "compatible" });
  // "compatible" picks the first of two occurrences; in a gap it moves the wall time, so the wall time differs.
  if (compatible.toPlainDateTime().equals(wall)) return compatible.epochMilliseconds;
  const transition = wall.toZonedDateTime(zone, { disambiguation: "earlier" }).getTimeZoneTransition("next");
  if (!transition) throw new Error(`${zone}: no transition after ${wall.toString()}`);
  return transition.epochMilliseconds;
}

/** The local days next to each offset change of the zone in the range. */
function daysAroundTransitions(zone: string): Temporal.PlainDate[] {
  const days = new Map<string, Temporal.PlainDate>();
  let cursor: Temporal.ZonedDateTime | null = FIRST_DAY.toZonedDateTime(zone);
  const end = LAST_DAY.toZonedDateTime(zone).epochMilliseconds;
  for (;;) {
    cursor = cursor.getTimeZoneTransition("next");
    if (!cursor || cursor.epochMilliseconds > end) break;
    const changed = cursor.toPlainDate();
    // The day of the change and the next: each check also asks about the day before.
    for (const offset of [0, 1]) {
      const day = changed.add({ days: offset });
      if (Temporal.PlainDate.compare(day, FIRST_DAY) > 0 && Temporal.PlainDate.compare(day, LAST_DAY) < 0) days.set(day.toString(), day);
    }
  }
  return [...days.values()];
}

function daysToCheck(zone: string): Temporal.PlainDate[] {
  const days = new Map([...daysAroundTransitions(zone), ...SAMPLE_DAYS].map((day) => [day.toString(), day]));
  if (FULL) for (let day = FIRST_DAY.add({ days: 1 }); Temporal.PlainDate.compare(day, LAST_DAY) < 0; day = day.add({ days: 1 })) days.set(day.toString(), day);
  return [...days.values()];
}

const iso = (instant: number) => new Date(instant).toISOString();

describe("the billing schedule against Temporal", () => {
  it(`agrees for all ${ZONES.length} zones, every hour, around every offset change in 2026-2027${FULL ? ", every day" : ""}`, () => {
    const disagreements: string[] = [];
    let runs = 0;
    for (const zone of ZONES) {
      // Temporal's polyfill is slow: each day's runs are computed once, whichever check asks.
      const runsOf = new Map<string, number[]>();
      const runOf = (day: Temporal.PlainDate, hour: number) => {
        const key = day.toString();
        if (!runsOf.has(key)) runsOf.set(key, Array.from({ length: 24 }, (_, each) => oracle(zone, day, each)));
        return runsOf.get(key)![hour];
      };
      for (const day of daysToCheck(zone)) {
        for (let hour = 0; hour < 24; hour++) {
          runs++;
          const schedule = { hour, timezone: zone };
          const run = runOf(day, hour);
          const previous = runOf(day.subtract({ days: 1 }), hour);
          const next = runOf(day.add({ days: 1 }), hour);
          const found = {
            "after the previous day's run": upcomingRun(schedule, { lastRunAt: new Date(previous), now: new Date(previous) }).getTime(),
            "just before the run": nextRunAt(schedule, new Date(run - 1)).getTime(),
          };
          for (const [asked, instant] of Object.entries(found)) {
            if (instant !== run) disagreements.push(`${zone} ${day.toString()} ${hour}:00, ${asked}: ${iso(instant)}, Temporal ${iso(run)}`);
          }
          const afterRun = nextRunAt(schedule, new Date(run)).getTime();
          if (afterRun !== next) disagreements.push(`${zone} ${day.toString()} ${hour}:00, at the run: ${iso(afterRun)}, Temporal's next day ${iso(next)}`);
        }
      }
    }
    expect(runs).toBeGreaterThan(ZONES.length * 24 * SAMPLE_DAYS.length);
    expect({ disagreements: disagreements.length, first: disagreements.slice(0, 10) }).toEqual({ disagreements: 0, first: [] });
  }, 600_000);
});
