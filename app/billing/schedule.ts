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
 *   runs at the first instant after the gap (03:00);
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
  const lastDay = DateTime.fromJSDate(lastRunAt, { zone: schedule.timezone }).startOf("day");
  if (!lastDay.isValid) throw new RangeError(`Unknown time zone: ${schedule.timezone}`);
  return localRun(lastDay.plus({ days: 1 }), schedule).toJSDate();
}

function localRun(day: DateTime, schedule: ScheduleTime): DateTime {
  const run = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour: schedule.hour }, { zone: schedule.timezone });
  // A wall time that happens twice: luxon may pick either; take the first.
  // Clocks go back by 30 minutes (Lord Howe), an hour, or two (Troll).
  for (const minutes of [120, 60, 30]) {
    const earlier = run.minus({ minutes });
    if (earlier.hour === run.hour && earlier.minute === 0 && earlier.day === run.day) return earlier;
  }
  return run;
}

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
