import { DateTime } from 'luxon';

/** Why typed text that looks like a time is refused. */
export type ArrivalReason = {
  reason: 'ambiguous_number' | 'past' | 'too_far' | 'unrecognized_time';
};

/**
 * What was understood, for the echo the adapter words: the input as typed and the instants
 * formatted as `dd.MM.yyyy HH:mm` in the business zone (`to` only `HH:mm` on the same day).
 */
export type ArrivalEcho = { typed: string; from: string } & (
  { span: 'at' | 'from' } | { span: 'between'; to: string; sameDay: boolean }
);

export type ArrivalTime =
  | { kind: 'time'; from: Date; to: Date | null; echo: ArrivalEcho; warning: 'soon' | null }
  | { kind: 'instruction'; text: string }
  | ({ kind: 'invalid' } & ArrivalReason);

interface ClockTime {
  hour: number;
  minute: number;
}

/** What was said about the clock, before it is put on a day. */
type ClockPart =
  | { kind: 'at'; time: ClockTime }
  | { kind: 'between'; from: ClockTime; to: ClockTime }
  | { kind: 'from'; time: ClockTime }
  | { kind: 'until'; time: ClockTime };

/** An arrival as instants in the business zone: a point, a window, or a start with no end. */
type Span =
  | { kind: 'at'; at: DateTime }
  | { kind: 'between'; from: DateTime; to: DateTime }
  | { kind: 'from'; from: DateTime };

/** A day named at the start of the text, and the rest of the text. */
interface DayPrefix {
  day: DateTime;
  /** When the arrival is if nothing about the clock follows. */
  withoutTime: DateTime;
  rest: string | undefined;
}

// A day named without a time ("завтра", "21.10.2025") means the start of the working day.
const WORKDAY_START: ClockTime = { hour: 9, minute: 0 };
// Keep in step with arrivalTexts.soonWarning (src/texts/ru/arrival.ts).
const SOON = { minutes: 30 };
const HORIZON = { years: 1 };
const DATE_TIME = 'dd.MM.yyyy HH:mm';
const TIME = 'HH:mm';

const CLOCK = String.raw`(\d{1,2}(?:[:.]\d{2})?)`;
// Order matters: "с 10 до 16" must be read as a window before "с 10" could match.
const CLOCK_PARTS: [RegExp, (times: ClockTime[]) => ClockPart | null][] = [
  [
    new RegExp(`^(?:с\\s*)?${CLOCK}\\s*(?:-|до)\\s*${CLOCK}$`),
    ([from, to]) => (minutesOf(from) < minutesOf(to) ? { kind: 'between', from, to } : null),
  ],
  [new RegExp(`^(?:с|после)\\s*${CLOCK}$`), ([time]) => ({ kind: 'from', time })],
  [new RegExp(`^до\\s*${CLOCK}$`), ([time]) => ({ kind: 'until', time })],
  [new RegExp(`^(?:(?:в|к|на)\\s*)?${CLOCK}$`), ([time]) => ({ kind: 'at', time })],
];

const NAMED_DAYS: Record<string, number> = { сегодня: 0, завтра: 1, послезавтра: 2 };
const NAMED_DAY = /^(?:на\s+)?(сегодня|завтра|послезавтра)(?:\s+(.+))?$/;
const DAYS_AHEAD =
  /^через\s+(?:(\d+)\s*)?(день|дня|дней|сутки|суток|неделю|недели|недель)(?:\s+(.+))?$/;
const DATE = /^(?:на\s+)?(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?:\s+(.+))?$/;

const DURATION = /^(через|в течение)\s+(.+)$/;
const HALF_HOUR = /^(?:полчаса|получаса)$/;
const HOUR_AND_A_HALF = /^(?:полтора|полутора)\s+час(?:а|ов)?$/;
const AMOUNT =
  /^(?:(\d+(?:[.,]\d+)?)(?:\s*-\s*(\d+(?:[.,]\d+)?))?\s*)?(мин|минуту|минуты|минут|ч|час|часа|часов)$/;

// Text made only of these words and numbers was meant as a time, so a failure to read it
// deserves an explanation of the format; any other word makes it an instruction for the master.
const TIME_WORDS = new Set(
  (
    'в к на с до после через течение сегодня завтра послезавтра утром утра днем дня вечером ' +
    'вечера ночью ночи час часа часов ч мин минут минуту минуты полчаса получаса полтора ' +
    'полутора день дней сутки суток неделю недели недель'
  ).split(' '),
);
const NUMBER_LIKE = /^[\d:./-]+$/;

/**
 * Reads the arrival time a dispatcher typed in plain Russian (docs/product.md §2.4), in the
 * business time zone `zone`, relative to `now`.
 *
 * A time of day without a day is its next occurrence; a window counts as still ahead while
 * its end is. A bare number is refused as ambiguous; text that is not a time is kept verbatim
 * as an instruction.
 */
export function parseArrivalTime(input: string, now: Date, zone: string): ArrivalTime {
  const typed = input.trim();
  const text = normalize(typed);
  const clock = DateTime.fromJSDate(now, { zone });
  if (!clock.isValid) throw new Error(`Unknown time zone: ${zone}`);

  if (/^\d+$/.test(text)) return invalid('ambiguous_number');
  const span = readDuration(text, clock) ?? readOnDay(text, clock) ?? readClockOnly(text, clock);
  if (span) return judge(span, typed, clock);
  return looksLikeTime(text) ? invalid('unrecognized_time') : { kind: 'instruction', text: typed };
}

// Telegram users type dashes, "ё", commas and full stops in every variant.
function normalize(typed: string): string {
  return typed
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[‐-―−]/g, '-')
    .replace(/,\s/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/[.,!;]+$/, '')
    .trim();
}

function readDuration(text: string, now: DateTime): Span | null {
  const match = DURATION.exec(text);
  const range = match && readMinutes(match[2]);
  if (!match || !range) return null;
  const [shortest, longest] = range;
  if (match[1] === 'в течение') {
    return { kind: 'between', from: now, to: now.plus({ minutes: longest }) };
  }
  return shortest === longest
    ? { kind: 'at', at: now.plus({ minutes: shortest }) }
    : {
        kind: 'between',
        from: now.plus({ minutes: shortest }),
        to: now.plus({ minutes: longest }),
      };
}

function readMinutes(text: string): [number, number] | null {
  if (HALF_HOUR.test(text)) return [30, 30];
  if (HOUR_AND_A_HALF.test(text)) return [90, 90];
  const match = AMOUNT.exec(text);
  if (!match) return null;
  const perUnit = match[3].startsWith('мин') ? 1 : 60;
  const low = match[1] === undefined ? 1 : readAmount(match[1]);
  const high = match[2] === undefined ? low : readAmount(match[2]);
  return low <= high ? [Math.round(low * perUnit), Math.round(high * perUnit)] : null;
}

function readAmount(text: string): number {
  return Number(text.replace(',', '.'));
}

function readOnDay(text: string, now: DateTime): Span | null {
  const prefix = readNamedDay(text, now) ?? readDaysAhead(text, now) ?? readDate(text, now);
  if (!prefix) return null;
  if (prefix.rest === undefined) return { kind: 'at', at: prefix.withoutTime };
  const part = readClockPart(prefix.rest);
  return part && onDay(part, prefix.day, (to) => untilOpensAt(prefix.day, to, now));
}

function readNamedDay(text: string, now: DateTime): DayPrefix | null {
  const match = NAMED_DAY.exec(text);
  if (!match) return null;
  const day = now.plus({ days: NAMED_DAYS[match[1]] });
  return { day, withoutTime: atTime(day, WORKDAY_START), rest: match[2] };
}

// "через 3 дня" is a distance from now, so without a time it keeps the current clock time.
function readDaysAhead(text: string, now: DateTime): DayPrefix | null {
  const match = DAYS_AHEAD.exec(text);
  if (!match) return null;
  const count = match[1] === undefined ? 1 : Number(match[1]);
  const day = now.plus({ days: match[2].startsWith('недел') ? count * 7 : count });
  return { day, withoutTime: day, rest: match[3] };
}

function readDate(text: string, now: DateTime): DayPrefix | null {
  const match = DATE.exec(text);
  if (!match) return null;
  const year = match[4].length === 2 ? 2000 + Number(match[4]) : Number(match[4]);
  const day = DateTime.fromObject(
    { year, month: Number(match[3]), day: Number(match[1]) },
    { zone: now.zone },
  );
  if (!day.isValid) return null;
  return { day, withoutTime: atTime(day, WORKDAY_START), rest: match[5] };
}

// "завтра до 16" opens with that working day; a deadline before the working day starts
// opens with the day itself, and nothing opens before now.
function untilOpensAt(day: DateTime, to: DateTime, now: DateTime): DateTime {
  const workday = atTime(day, WORKDAY_START);
  const opens = workday < to ? workday : day.startOf('day');
  return opens > now ? opens : now;
}

// A bare "до 16" is counted from now even when 16:00 is tomorrow's.
function readClockOnly(text: string, now: DateTime): Span | null {
  const part = readClockPart(text);
  if (!part) return null;
  const today = onDay(part, now, () => now);
  return deadline(today) > now ? today : onDay(part, now.plus({ days: 1 }), () => now);
}

function readClockPart(text: string): ClockPart | null {
  for (const [pattern, build] of CLOCK_PARTS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const times = match.slice(1).map(readClockTime);
    return times.every((time): time is ClockTime => time !== null) ? build(times) : null;
  }
  return null;
}

function readClockTime(text: string): ClockTime | null {
  const [hour, minute = 0] = text.split(/[:.]/).map(Number);
  return hour <= 23 && minute <= 59 ? { hour, minute } : null;
}

function onDay(part: ClockPart, day: DateTime, untilFrom: (to: DateTime) => DateTime): Span {
  switch (part.kind) {
    case 'at':
      return { kind: 'at', at: atTime(day, part.time) };
    case 'from':
      return { kind: 'from', from: atTime(day, part.time) };
    case 'between':
      return { kind: 'between', from: atTime(day, part.from), to: atTime(day, part.to) };
    case 'until': {
      const to = atTime(day, part.time);
      return { kind: 'between', from: untilFrom(to), to };
    }
  }
}

function atTime(day: DateTime, time: ClockTime): DateTime {
  return day.set({ ...time, second: 0, millisecond: 0 });
}

function minutesOf(time: ClockTime): number {
  return time.hour * 60 + time.minute;
}

// A window is past, too far or close by its end: the master may still come before it.
function deadline(span: Span): DateTime {
  switch (span.kind) {
    case 'at':
      return span.at;
    case 'from':
      return span.from;
    case 'between':
      return span.to;
  }
}

function judge(span: Span, typed: string, now: DateTime): ArrivalTime {
  const last = deadline(span);
  if (last < now) return invalid('past');
  if (last > now.plus(HORIZON)) return invalid('too_far');
  return {
    kind: 'time',
    from: (span.kind === 'at' ? span.at : span.from).toJSDate(),
    to: span.kind === 'between' ? span.to.toJSDate() : null,
    echo: echoOf(span, typed),
    warning: last < now.plus(SOON) ? 'soon' : null,
  };
}

function echoOf(span: Span, typed: string): ArrivalEcho {
  switch (span.kind) {
    case 'at':
      return { typed, span: 'at', from: span.at.toFormat(DATE_TIME) };
    case 'from':
      return { typed, span: 'from', from: span.from.toFormat(DATE_TIME) };
    case 'between': {
      const sameDay = span.from.hasSame(span.to, 'day');
      const to = span.to.toFormat(sameDay ? TIME : DATE_TIME);
      return { typed, span: 'between', from: span.from.toFormat(DATE_TIME), to, sameDay };
    }
  }
}

function looksLikeTime(text: string): boolean {
  return text
    .split(/[\s,]+/)
    .filter(Boolean)
    .every((word) => NUMBER_LIKE.test(word) || TIME_WORDS.has(word));
}

function invalid(reason: ArrivalReason['reason']): ArrivalTime {
  return { kind: 'invalid', reason };
}
