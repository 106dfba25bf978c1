import { DateTime } from "luxon";

export interface ScheduleTime {
  /** Local hour of day, 0-23. */
  hour: number;
  /** IANA zone, e.g. "Asia/Kathmandu". */
  timezone: string;
}

/**
 * The first billing run strictly after `after`: the next local day's `hour:00`
 * in the schedule's zone, as a UTC instant. One per local day, whatever the
 * offset does that day:
 * - an hour skipped by a DST change (02:00 when clocks jump 02:00 -> 03:00)
 *   runs at the first instant after the gap (03:00), also when the gap does
 *   not start on the hour (Chatham's 03:00 runs at 03:45);
 * - an hour that happens twice when clocks fall back runs once, at its
 *   first occurrence.
 */
export function nextRunAt(schedule: ScheduleTime, after: Date): Date {
  const start = DateTime.fromJSDate(after, { zone: schedule.timezone });
  if (!start.isValid) throw new RangeError(`Unknown time zone: ${schedule.timezone}`);
  const today = start.startOf("day");
  // Tomorrow's run is always after `after`; today's may be too.
  for (let offset = 0; offset <= 1; offset++) {
    const day = today.plus({ days: offset });
    const run = localRun(day, schedule);
    if (run.toMillis() > after.getTime()) return run.toJSDate();
  }
  throw new Error("unreachable: tomorrow's run is always in the future");
}

/**
 * When a schedule runs next. Never run: the next `hour:00` from now. Run
 * before: `hour:00` on the local day after the last run's local day, even if
 * that is already past, so a shop missed during downtime, or whose hour or
 * zone just changed, runs once now and then daily again; never twice in a
 * local day, never once per missed hour.
 */
export function upcomingRun(schedule: ScheduleTime, { lastRunAt, now }: { lastRunAt: Date | null; now: Date }): Date {
  if (!lastRunAt) return nextRunAt(schedule, now);
  const localDay = DateTime.fromJSDate(lastRunAt, { zone: schedule.timezone }).startOf("day");
  if (!localDay.isValid) throw new RangeError(`Unknown time zone: ${schedule.timezone}`);
  // A late hour in a gap that ends at midnight (America/Nuuk jumps 23:00 -> 00:00) runs on the next
  // local day: such a run, until that day's own run, is still the previous day's.
  const previousDay = localDay.minus({ days: 1 });
  const previousRun = localRun(previousDay, schedule);
  const last = lastRunAt.getTime();
  const runDay = previousRun.hasSame(localDay, "day") && last >= previousRun.toMillis() && last < localRun(localDay, schedule).toMillis() ? previousDay : localDay;
  return localRun(runDay.plus({ days: 1 }), schedule).toJSDate();
}

/**
 * The run of local day `day`: the first instant whose wall time in the zone
 * is at or past `hour:00` that day. That is the hour's first occurrence when
 * it happens (twice when clocks go back: the first), and the instant the
 * clocks jump to when the hour falls in a gap, wherever the gap starts and
 * however long it is (Pacific/Chatham 02:45 -> 03:45, Antarctica/Troll
 * 01:00 -> 03:00). Luxon alone moves a wall time in a gap forward by the
 * gap's length, which lands after the gap's end when the gap does not start
 * on the hour; schedule-oracle.test.ts checks this against Temporal's zone
 * transitions.
 */
function localRun(day: DateTime, schedule: ScheduleTime): DateTime {
  const zone = day.zone;
  // The wall time wanted, as if it were UTC; an instant t shows wall time t + offset(t).
  const target = Date.UTC(day.year, day.month - 1, day.day, schedule.hour);
  const wallAt = (instant: number) => instant + zone.offset(instant) * MINUTE_MS;
  // The offsets a day before and a day after (as Temporal finds the instants of a wall time): offsets
  // change at most once in two days, so the instants showing `target` use one of these two.
  const offsets = [zone.offset(target - DAY_MS), zone.offset(target + DAY_MS)];
  const exact = offsets.map((offset) => target - offset * MINUTE_MS).filter((instant) => wallAt(instant) === target);
  if (exact.length > 0) return DateTime.fromMillis(Math.min(...exact), { zone });
  // In a gap: the wall time passes `target` where the clocks jump; find that instant to the millisecond.
  let before = target - Math.max(...offsets) * MINUTE_MS;
  let after = target - Math.min(...offsets) * MINUTE_MS;
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (wallAt(middle) >= target) after = middle;
    else before = middle;
  }
  return DateTime.fromMillis(after, { zone });
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** Days before the end of the run's local day that a charge window reaches back at least (as Shopify's reference app). */
export const LOOK_BACK_DAYS = 2;
/**
 * ...and at most, however long ago the last run was: Shopify refuses a bulk
 * charge whose range is longer than a week (INVALID_DATE_RANGE in
 * SubscriptionBillingCycleBulkUserErrorCode), so cycles expected more than a
 * week before a long outage ended are left for the merchant to charge.
 */
export const MAX_LOOK_BACK_DAYS = 7;

/**
 * The window a run charges: billing cycles expected up to the end of the
 * run's local day, from LOOK_BACK_DAYS before that, or from the last run if
 * it was longer ago (after downtime; at most MAX_LOOK_BACK_DAYS). Overlapping
 * windows are safe (Shopify only charges UNBILLED cycles with no attempt); the
 * look-back picks up cycles missed through downtime, hour or zone changes, or
 * a reinstall.
 */
export function chargeWindow(at: Date, timezone: string, lastRunAt: Date | null = null): { start: Date; end: Date } {
  const end = DateTime.fromJSDate(at, { zone: timezone }).endOf("day");
  if (!end.isValid) throw new RangeError(`Unknown time zone: ${timezone}`);
  const usual = end.minus({ days: LOOK_BACK_DAYS }).toMillis();
  const earliest = end.minus({ days: MAX_LOOK_BACK_DAYS }).toMillis();
  const start = lastRunAt ? Math.max(earliest, Math.min(usual, lastRunAt.getTime())) : usual;
  return { start: new Date(start), end: end.toJSDate() };
}

/** `instant` as the shop sees it, e.g. "Sat, Nov 21, 2026, 10:00 AM GMT+5:45". */
export function formatInZone(instant: Date, timezone: string): string {
  return new Intl.DateTimeFormat("en-US", {
    timeZone: timezone,
    weekday: "short",
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(instant);
}

/** "10:00" for hour 10. */
export function formatHour(hour: number): string {
  return `${String(hour).padStart(2, "0")}:00`;
}
