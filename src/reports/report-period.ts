import { DateTime } from 'luxon';

/** What a period is, for its label (`periodLabel`): days as `dd.MM.yyyy` in the business zone. */
export type PeriodName =
  | { kind: 'day'; day: string }
  | { kind: 'week'; first: string; last: string }
  | { kind: 'month'; month: number; year: number }
  | { kind: 'range'; first: string; last: string };

/** A half-open interval of instants [from, to), bounded by midnights of the business time zone. */
export interface ReportPeriod {
  from: Date;
  to: Date;
  name: PeriodName;
}

export const PERIOD_PRESETS = [
  'today',
  'yesterday',
  'this_week',
  'previous_week',
  'this_month',
  'previous_month',
] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** Why a typed period is refused. */
export type PeriodReason =
  | { reason: 'period_unreadable' }
  | { reason: 'period_date_missing'; typed: string }
  | { reason: 'period_reversed' };

export type ParsedPeriod = { ok: true; period: ReportPeriod } | ({ ok: false } & PeriodReason);

const SHOWN = 'dd.MM.yyyy';

/** A named period around `now`; weeks are ISO weeks, Monday to Sunday. */
export function presetPeriod(preset: PeriodPreset, zone: string, now: Date): ReportPeriod {
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  switch (preset) {
    case 'today':
      return dayPeriod(today);
    case 'yesterday':
      return dayPeriod(today.minus({ days: 1 }));
    case 'this_week':
      return weekPeriod(today.startOf('week'));
    case 'previous_week':
      return weekPeriod(today.startOf('week').minus({ weeks: 1 }));
    case 'this_month':
      return monthPeriod(today.startOf('month'));
    case 'previous_month':
      return monthPeriod(today.startOf('month').minus({ months: 1 }));
  }
}

// "01.10.2025-31.10.2025", "01.10.2025 – 31.10.2025", "с 01.10.2025 по 31.10.2025", one date.
const DATE = String.raw`(\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2}))`;
const RANGE = new RegExp(String.raw`^(?:с\s*)?${DATE}(?:\s*(?:-|–|—|по|\s)\s*${DATE})?$`, 'iu');

/** A period a user typed: both days are included. */
export function parsePeriod(input: string, zone: string): ParsedPeriod {
  const match = RANGE.exec(input.trim().replace(/\s+/gu, ' '));
  if (!match) return { ok: false, reason: 'period_unreadable' };
  const [, firstTyped, lastTyped = firstTyped] = match;
  const first = parseDay(firstTyped, zone);
  const last = parseDay(lastTyped, zone);
  if (!first.isValid) return { ok: false, reason: 'period_date_missing', typed: firstTyped };
  if (!last.isValid) return { ok: false, reason: 'period_date_missing', typed: lastTyped };
  if (last < first) return { ok: false, reason: 'period_reversed' };
  return { ok: true, period: rangePeriod(first, last) };
}

/** The first and last calendar days a period covers, as ISO dates: for file names. */
export function periodDays(period: ReportPeriod, zone: string): { first: string; last: string } {
  const first = DateTime.fromJSDate(period.from, { zone });
  // `to` is exclusive: the last covered instant is one millisecond before it.
  const last = DateTime.fromJSDate(new Date(period.to.getTime() - 1), { zone });
  return { first: first.toISODate() as string, last: last.toISODate() as string };
}

function parseDay(typed: string, zone: string): DateTime {
  const [day, month, year] = typed.split('.').map(Number);
  // A two-digit year is this century's, as people write "20.10.25".
  const fullYear = year < 100 ? 2000 + year : year;
  return DateTime.fromObject({ year: fullYear, month, day }, { zone });
}

function dayPeriod(day: DateTime): ReportPeriod {
  return period(day, day.plus({ days: 1 }), { kind: 'day', day: show(day) });
}

function weekPeriod(monday: DateTime): ReportPeriod {
  const sunday = monday.plus({ days: 6 });
  return period(monday, monday.plus({ weeks: 1 }), {
    kind: 'week',
    first: show(monday),
    last: show(sunday),
  });
}

function monthPeriod(first: DateTime): ReportPeriod {
  return period(first, first.plus({ months: 1 }), {
    kind: 'month',
    month: first.month,
    year: first.year,
  });
}

// A typed range that is exactly a day or a calendar month is named like the preset one.
function rangePeriod(first: DateTime, last: DateTime): ReportPeriod {
  if (first.hasSame(last, 'day')) return dayPeriod(first);
  if (first.day === 1 && last.hasSame(first, 'month') && last.day === first.daysInMonth) {
    return monthPeriod(first);
  }
  return period(first, last.plus({ days: 1 }), {
    kind: 'range',
    first: show(first),
    last: show(last),
  });
}

// Calendar arithmetic stays in the zone, so a day across a DST change is 23 or 25 hours long.
function period(from: DateTime, to: DateTime, name: PeriodName): ReportPeriod {
  return { from: from.toJSDate(), to: to.toJSDate(), name };
}

const show = (day: DateTime) => day.toFormat(SHOWN);
