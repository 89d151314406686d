import { DateTime } from 'luxon';

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/** Whether `now` falls in [start, end) in the business time zone; the window may cross midnight. */
export function isQuietTime(
  now: Date,
  quiet: { start: string; end: string },
  zone: string,
): boolean {
  const local = DateTime.fromJSDate(now, { zone });
  const minute = local.hour * 60 + local.minute;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/**
 * The latest end of quiet hours at or before `now`: the morning of the business day `now` is
 * in (yesterday's, before today's end). The morning digest is due once after it.
 */
export function lastMorning(now: Date, quiet: { end: string }, zone: string): Date {
  const end = minutesOf(quiet.end);
  const local = DateTime.fromJSDate(now, { zone });
  const today = local.set({
    hour: Math.floor(end / 60),
    minute: end % 60,
    second: 0,
    millisecond: 0,
  });
  return (today > local ? today.minus({ days: 1 }) : today).toJSDate();
}
