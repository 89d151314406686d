import { reasonText } from '../texts/ru/reasons';
import { periodLabel } from './report-labels';
import { parsePeriod, presetPeriod, periodDays, ReportPeriod } from './report-period';

const MOSCOW = 'Europe/Moscow'; // UTC+3 all year: no DST since 2014
const BERLIN = 'Europe/Berlin'; // DST: 30.03.2025 and 26.10.2025

const at = (iso: string) => new Date(iso);
const labelOf = (period: ReportPeriod) => periodLabel(period.name);
const bounds = (period: ReportPeriod) => [period.from.toISOString(), period.to.toISOString()];

describe('presetPeriod', () => {
  // Wednesday 22.10.2025 01:30 in Moscow, still 21.10 in UTC: the zone decides the day.
  const now = at('2025-10-21T22:30:00Z');

  it('takes today and yesterday from the business time zone, not UTC', () => {
    expect(bounds(presetPeriod('today', MOSCOW, now))).toEqual([
      '2025-10-21T21:00:00.000Z',
      '2025-10-22T21:00:00.000Z',
    ]);
    expect(labelOf(presetPeriod('today', MOSCOW, now))).toBe('22.10.2025');
    expect(bounds(presetPeriod('yesterday', MOSCOW, now))).toEqual([
      '2025-10-20T21:00:00.000Z',
      '2025-10-21T21:00:00.000Z',
    ]);
  });

  it('runs weeks from Monday to Sunday', () => {
    const week = presetPeriod('this_week', MOSCOW, now);
    expect(bounds(week)).toEqual(['2025-10-19T21:00:00.000Z', '2025-10-26T21:00:00.000Z']);
    expect(labelOf(week)).toBe('неделю 20.10.2025 – 26.10.2025');
    expect(labelOf(presetPeriod('previous_week', MOSCOW, now))).toBe(
      'неделю 13.10.2025 – 19.10.2025',
    );
  });

  it('treats Sunday late evening as the end of the week, not the start of the next', () => {
    const sundayNight = at('2025-10-26T20:59:59Z'); // 23:59:59 Sunday in Moscow
    expect(labelOf(presetPeriod('this_week', MOSCOW, sundayNight))).toBe(
      'неделю 20.10.2025 – 26.10.2025',
    );
  });

  it('gives the previous month on the 1st, whatever the length of the months', () => {
    const firstOfMarch = at('2025-02-28T21:00:00Z'); // 00:00 on 01.03 in Moscow
    const previous = presetPeriod('previous_month', MOSCOW, firstOfMarch);
    expect(bounds(previous)).toEqual(['2025-01-31T21:00:00.000Z', '2025-02-28T21:00:00.000Z']);
    expect(labelOf(previous)).toBe('февраль 2025');
    expect(labelOf(presetPeriod('this_month', MOSCOW, firstOfMarch))).toBe('март 2025');
  });

  it('keeps the last evening of a month in that month', () => {
    const lastEvening = at('2025-10-31T20:59:59Z'); // 23:59:59 on 31.10 in Moscow
    expect(labelOf(presetPeriod('this_month', MOSCOW, lastEvening))).toBe('октябрь 2025');
  });

  it('steps back over the year end', () => {
    const newYear = at('2025-12-31T21:30:00Z'); // 00:30 on 01.01.2026 in Moscow
    const december = presetPeriod('previous_month', MOSCOW, newYear);
    expect(labelOf(december)).toBe('декабрь 2025');
    expect(bounds(december)).toEqual(['2025-11-30T21:00:00.000Z', '2025-12-31T21:00:00.000Z']);
    expect(labelOf(presetPeriod('yesterday', MOSCOW, newYear))).toBe('31.12.2025');
    // The ISO week of 01.01.2026 starts on Monday 29.12.2025.
    expect(labelOf(presetPeriod('this_week', MOSCOW, newYear))).toBe(
      'неделю 29.12.2025 – 04.01.2026',
    );
  });

  it('follows a DST change: that day and week are an hour shorter', () => {
    const sundayOfChange = at('2025-03-30T12:00:00Z');
    const day = presetPeriod('today', BERLIN, sundayOfChange);
    expect(bounds(day)).toEqual(['2025-03-29T23:00:00.000Z', '2025-03-30T22:00:00.000Z']);
    const week = presetPeriod('this_week', BERLIN, sundayOfChange);
    expect(bounds(week)).toEqual(['2025-03-23T23:00:00.000Z', '2025-03-30T22:00:00.000Z']);
  });
});

describe('parsePeriod', () => {
  it.each([
    '01.10.2025-31.10.2025',
    '01.10.2025 - 31.10.2025',
    '01.10.2025 – 31.10.2025',
    '01.10.2025 31.10.2025',
    'с 01.10.2025 по 31.10.2025',
    '1.10.25-31.10.25',
  ])('reads "%s" with both days included', (typed) => {
    const parsed = parsePeriod(typed, MOSCOW);
    expect(parsed.ok && bounds(parsed.period)).toEqual([
      '2025-09-30T21:00:00.000Z',
      '2025-10-31T21:00:00.000Z',
    ]);
    expect(parsed.ok && labelOf(parsed.period)).toBe('октябрь 2025');
  });

  it('names a range by its first and last days', () => {
    const parsed = parsePeriod('05.10.2025-20.10.2025', MOSCOW);
    expect(parsed.ok && labelOf(parsed.period)).toBe('05.10.2025 – 20.10.2025');
  });

  it('reads one date as that day', () => {
    const parsed = parsePeriod('05.11.2025', MOSCOW);
    expect(parsed.ok && labelOf(parsed.period)).toBe('05.11.2025');
    expect(parsed.ok && bounds(parsed.period)).toEqual([
      '2025-11-04T21:00:00.000Z',
      '2025-11-05T21:00:00.000Z',
    ]);
  });

  it('crosses the year end', () => {
    const parsed = parsePeriod('25.12.2025-10.01.2026', MOSCOW);
    expect(parsed.ok && bounds(parsed.period)).toEqual([
      '2025-12-24T21:00:00.000Z',
      '2026-01-10T21:00:00.000Z',
    ]);
  });

  it.each([
    ['октябрь', 'Не удалось понять период'],
    ['01.10.2025-', 'Не удалось понять период'],
    ['31.02.2025-01.03.2025', 'Даты 31.02.2025 не существует'],
    ['31.10.2025-01.10.2025', 'Начало периода позже конца'],
  ])('refuses "%s" and says why', (typed, reason) => {
    const parsed = parsePeriod(typed, MOSCOW);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && reasonText(parsed)).toContain(reason);
  });
});

describe('periodDays', () => {
  it('names the first and the last covered day', () => {
    const parsed = parsePeriod('01.10.2025-31.10.2025', MOSCOW);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(periodDays(parsed.period, MOSCOW)).toEqual({ first: '2025-10-01', last: '2025-10-31' });
  });
});
