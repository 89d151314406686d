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
