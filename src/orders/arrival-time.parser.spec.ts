import { arrivalTexts } from '../texts/ru/arrival';
import { reasonText } from '../texts/ru/reasons';
import { ArrivalTime, parseArrivalTime } from './arrival-time.parser';

const MOSCOW = 'Europe/Moscow';
// Monday 20.10.2025, 12:00 in Moscow (UTC+3, no daylight saving).
const NOW = new Date('2025-10-20T09:00:00Z');
// The same day, 23:30 in Moscow.
const LATE = new Date('2025-10-20T20:30:00Z');

type Recognized = Extract<ArrivalTime, { kind: 'time' }>;

function parse(input: string, now = NOW, zone = MOSCOW): ArrivalTime {
  return parseArrivalTime(input, now, zone);
}

function recognized(input: string, now = NOW, zone = MOSCOW): Recognized {
  const result = parse(input, now, zone);
  if (result.kind !== 'time')
    throw new Error(`"${input}" was not read as a time: ${JSON.stringify(result)}`);
  return result;
}

/** A refusal with the text the bot shows for it. */
function refusalOf(input: string) {
  const result = parse(input);
  return result.kind === 'invalid' ? { ...result, message: reasonText(result) } : result;
}

/** The echo as the bot words it. */
function echoOf(input: string, now = NOW): string {
  return arrivalTexts.recognized(recognized(input, now).echo);
}

/** The instants as UTC ISO strings and the part of the echo after the arrow. */
function reading(input: string, now = NOW, zone = MOSCOW) {
  const { from, to, echo } = recognized(input, now, zone);
  return {
    from: from.toISOString(),
    to: to?.toISOString() ?? null,
    when: arrivalTexts.recognized(echo).split(' → ')[1],
  };
}

describe('parseArrivalTime', () => {
  describe('recognises every phrase of docs/product.md §2.4 at Monday 20.10.2025 12:00 Moscow', () => {
    it.each([
      ['завтра в 15:00', '2025-10-21T12:00:00.000Z', null, '21.10.2025 15:00'],
      ['послезавтра 14:30', '2025-10-22T11:30:00.000Z', null, '22.10.2025 14:30'],
      ['через 3 дня 15:00', '2025-10-23T12:00:00.000Z', null, '23.10.2025 15:00'],
      ['через неделю', '2025-10-27T09:00:00.000Z', null, '27.10.2025 12:00'],
      ['через 2 часа', '2025-10-20T11:00:00.000Z', null, '20.10.2025 14:00'],
      ['через полтора часа', '2025-10-20T10:30:00.000Z', null, '20.10.2025 13:30'],
      [
        'через 1-1.5 часа',
        '2025-10-20T10:00:00.000Z',
        '2025-10-20T10:30:00.000Z',
        '20.10.2025 13:00–13:30',
      ],
      [
        'в течение часа',
        '2025-10-20T09:00:00.000Z',
        '2025-10-20T10:00:00.000Z',
        '20.10.2025 12:00–13:00',
      ],
      ['через полчаса', '2025-10-20T09:30:00.000Z', null, '20.10.2025 12:30'],
      ['20.10.2025 14:00', '2025-10-20T11:00:00.000Z', null, '20.10.2025 14:00'],
      ['25/10/2025 09:30', '2025-10-25T06:30:00.000Z', null, '25.10.2025 09:30'],
      ['20.10.25 14:00', '2025-10-20T11:00:00.000Z', null, '20.10.2025 14:00'],
      ['16:00', '2025-10-20T13:00:00.000Z', null, '20.10.2025 16:00'],
      [
        'с 10 до 16',
        '2025-10-20T07:00:00.000Z',
        '2025-10-20T13:00:00.000Z',
        '20.10.2025 10:00–16:00',
      ],
      ['10-16', '2025-10-20T07:00:00.000Z', '2025-10-20T13:00:00.000Z', '20.10.2025 10:00–16:00'],
      ['с 14', '2025-10-20T11:00:00.000Z', null, 'с 20.10.2025 14:00'],
      ['до 16', '2025-10-20T09:00:00.000Z', '2025-10-20T13:00:00.000Z', '20.10.2025 12:00–16:00'],
      ['после 18', '2025-10-20T15:00:00.000Z', null, 'с 20.10.2025 18:00'],
      ['завтра с 12', '2025-10-21T09:00:00.000Z', null, 'с 21.10.2025 12:00'],
      [
        'завтра до 16',
        '2025-10-21T06:00:00.000Z',
        '2025-10-21T13:00:00.000Z',
        '21.10.2025 09:00–16:00',
      ],
    ])('"%s" → from %s to %s', (input, from, to, when) => {
      expect(reading(input)).toEqual({ from, to, when });
    });
  });

  describe('is tolerant in how a time is written', () => {
    it.each([
      ['сегодня в 18:00', '2025-10-20T15:00:00.000Z', null, '20.10.2025 18:00'],
      ['в 16:00', '2025-10-20T13:00:00.000Z', null, '20.10.2025 16:00'],
      ['к 16:00', '2025-10-20T13:00:00.000Z', null, '20.10.2025 16:00'],
      ['в 15', '2025-10-20T12:00:00.000Z', null, '20.10.2025 15:00'],
      ['завтра 15', '2025-10-21T12:00:00.000Z', null, '21.10.2025 15:00'],
      ['15.00', '2025-10-20T12:00:00.000Z', null, '20.10.2025 15:00'],
      ['послезавтра 14.30', '2025-10-22T11:30:00.000Z', null, '22.10.2025 14:30'],
      ['Через Неделю в 10:00', '2025-10-27T07:00:00.000Z', null, '27.10.2025 10:00'],
      ['Завтра, в 15:00.', '2025-10-21T12:00:00.000Z', null, '21.10.2025 15:00'],
      ['20.10.2025 в 14:00', '2025-10-20T11:00:00.000Z', null, '20.10.2025 14:00'],
      ['20-10-2025 14:00', '2025-10-20T11:00:00.000Z', null, '20.10.2025 14:00'],
      [
        'через 1–1,5 часа',
        '2025-10-20T10:00:00.000Z',
        '2025-10-20T10:30:00.000Z',
        '20.10.2025 13:00–13:30',
      ],
      ['через 1,5 часа', '2025-10-20T10:30:00.000Z', null, '20.10.2025 13:30'],
      ['через час', '2025-10-20T10:00:00.000Z', null, '20.10.2025 13:00'],
      ['через 40 минут', '2025-10-20T09:40:00.000Z', null, '20.10.2025 12:40'],
      [
        'в течение 2 часов',
        '2025-10-20T09:00:00.000Z',
        '2025-10-20T11:00:00.000Z',
        '20.10.2025 12:00–14:00',
      ],
      [
        'в течение получаса',
        '2025-10-20T09:00:00.000Z',
        '2025-10-20T09:30:00.000Z',
        '20.10.2025 12:00–12:30',
      ],
      ['через 2 недели', '2025-11-03T09:00:00.000Z', null, '03.11.2025 12:00'],
      ['через день', '2025-10-21T09:00:00.000Z', null, '21.10.2025 12:00'],
      [
        'с 10:00 до 16:00',
        '2025-10-20T07:00:00.000Z',
        '2025-10-20T13:00:00.000Z',
        '20.10.2025 10:00–16:00',
      ],
      [
        '10:00 — 16:00',
        '2025-10-20T07:00:00.000Z',
        '2025-10-20T13:00:00.000Z',
        '20.10.2025 10:00–16:00',
      ],
      [
        'сегодня до 16',
        '2025-10-20T09:00:00.000Z',
        '2025-10-20T13:00:00.000Z',
        '20.10.2025 12:00–16:00',
      ],
      [
        '21.10.2025 с 10 до 16',
        '2025-10-21T07:00:00.000Z',
        '2025-10-21T13:00:00.000Z',
        '21.10.2025 10:00–16:00',
      ],
    ])('"%s" → from %s to %s', (input, from, to, when) => {
      expect(reading(input)).toEqual({ from, to, when });
    });

    it('ignores case and extra spaces but echoes the input as typed, only trimmed', () => {
      const result = recognized('  ЗАВТРА   В  15.00 ');
      expect(result.from.toISOString()).toBe('2025-10-21T12:00:00.000Z');
      expect(arrivalTexts.recognized(result.echo)).toBe(
        '✅ Дата распознана: ЗАВТРА   В  15.00 → 21.10.2025 15:00',
      );
    });
  });

  describe('echo', () => {
    it('shows a point as DD.MM.YYYY HH:mm', () => {
      expect(echoOf('завтра в 15:00')).toBe(
        '✅ Дата распознана: завтра в 15:00 → 21.10.2025 15:00',
      );
    });

    it('shows a window within one day with the date once', () => {
      expect(echoOf('с 10 до 16')).toBe('✅ Дата распознана: с 10 до 16 → 20.10.2025 10:00–16:00');
    });

    it('shows a window across midnight with both dates', () => {
      expect(echoOf('в течение часа', LATE)).toBe(
        '✅ Дата распознана: в течение часа → 20.10.2025 23:30 – 21.10.2025 00:30',
      );
    });

    it('shows a start without an end with "с"', () => {
      expect(echoOf('после 18')).toBe('✅ Дата распознана: после 18 → с 20.10.2025 18:00');
    });
  });

  describe('choices where the phrase leaves something open', () => {
    it('takes a date without a time as 09:00, the start of the working day', () => {
      expect(reading('21.10.2025')).toEqual({
        from: '2025-10-21T06:00:00.000Z',
        to: null,
        when: '21.10.2025 09:00',
      });
    });

    it('takes "завтра" without a time as 09:00 too', () => {
      expect(reading('завтра').from).toBe('2025-10-21T06:00:00.000Z');
    });

    it('keeps the current clock time for "через 3 дня" without a time', () => {
      expect(reading('через 3 дня').from).toBe('2025-10-23T09:00:00.000Z');
    });

    it('moves a start that has already come ("с 12" at 12:00) to tomorrow', () => {
      expect(reading('с 12')).toEqual({
        from: '2025-10-21T09:00:00.000Z',
        to: null,
        when: 'с 21.10.2025 12:00',
      });
    });

    it('keeps a window for today while its end is still ahead, even if its start has passed', () => {
      expect(reading('с 11 до 13')).toMatchObject({
        from: '2025-10-20T08:00:00.000Z',
        to: '2025-10-20T10:00:00.000Z',
      });
    });

    it('opens "завтра до 8" at the start of that day, as 8:00 is before the working day', () => {
      expect(reading('завтра до 8')).toMatchObject({
        from: '2025-10-20T21:00:00.000Z',
        to: '2025-10-21T05:00:00.000Z',
      });
    });
  });

  describe('past midnight (now 20.10.2025 23:30 Moscow)', () => {
    it.each([
      ['через 2 часа', '2025-10-20T22:30:00.000Z', null, '21.10.2025 01:30'],
      ['16:00', '2025-10-21T13:00:00.000Z', null, '21.10.2025 16:00'],
      ['00:15', '2025-10-20T21:15:00.000Z', null, '21.10.2025 00:15'],
      [
        'с 10 до 16',
        '2025-10-21T07:00:00.000Z',
        '2025-10-21T13:00:00.000Z',
        '21.10.2025 10:00–16:00',
      ],
      [
        'до 16',
        '2025-10-20T20:30:00.000Z',
        '2025-10-21T13:00:00.000Z',
        '20.10.2025 23:30 – 21.10.2025 16:00',
      ],
      ['завтра в 10:00', '2025-10-21T07:00:00.000Z', null, '21.10.2025 10:00'],
    ])('"%s" → from %s to %s', (input, from, to, when) => {
      expect(reading(input, LATE)).toEqual({ from, to, when });
    });
  });

  describe('the end of a month and of a year', () => {
    it('"завтра в 10:00" on 31.10.2025 is 01.11.2025', () => {
      expect(reading('завтра в 10:00', new Date('2025-10-31T09:00:00Z'))).toEqual({
        from: '2025-11-01T07:00:00.000Z',
        to: null,
        when: '01.11.2025 10:00',
      });
    });

    it('"через 3 дня" on 30.01.2026 is 02.02.2026 at the same clock time', () => {
      expect(reading('через 3 дня', new Date('2026-01-30T09:00:00Z'))).toEqual({
        from: '2026-02-02T09:00:00.000Z',
        to: null,
        when: '02.02.2026 12:00',
      });
    });

    it('"послезавтра 14:30" on 31.12.2025 is 02.01.2026', () => {
      expect(reading('послезавтра 14:30', new Date('2025-12-31T09:00:00Z')).from).toBe(
        '2026-01-02T11:30:00.000Z',
      );
    });

    it('"через 2 часа" at 23:30 on 31.10.2025 is 01.11.2025 01:30', () => {
      expect(reading('через 2 часа', new Date('2025-10-31T20:30:00Z')).when).toBe(
        '01.11.2025 01:30',
      );
    });
  });

  describe('time zones', () => {
    const YEKATERINBURG = 'Asia/Yekaterinburg'; // UTC+5: NOW is 14:00 there

    it('reads a day and a time in the given zone', () => {
      expect(reading('завтра в 15:00', NOW, YEKATERINBURG)).toEqual({
        from: '2025-10-21T10:00:00.000Z',
        to: null,
        when: '21.10.2025 15:00',
      });
    });

    it('decides "today or tomorrow" by the clock of the given zone', () => {
      expect(reading('13:00', NOW, MOSCOW).from).toBe('2025-10-20T10:00:00.000Z');
      expect(reading('13:00', NOW, YEKATERINBURG).from).toBe('2025-10-21T08:00:00.000Z');
    });

    it('echoes relative times on the clock of the given zone', () => {
      expect(reading('через 2 часа', NOW, YEKATERINBURG).when).toBe('20.10.2025 16:00');
    });

    describe('across the end of daylight saving time in Berlin (26.10.2025)', () => {
      const SATURDAY_NOON = new Date('2025-10-25T10:00:00Z'); // 12:00 CEST

      it('counts days on the calendar, keeping the clock time', () => {
        expect(reading('завтра в 12:00', SATURDAY_NOON, 'Europe/Berlin').from).toBe(
          '2025-10-26T11:00:00.000Z',
        );
        expect(reading('через 2 дня', SATURDAY_NOON, 'Europe/Berlin').from).toBe(
          '2025-10-27T11:00:00.000Z',
        );
      });

      it('counts hours as real hours', () => {
        expect(reading('через 24 часа', SATURDAY_NOON, 'Europe/Berlin')).toMatchObject({
          from: '2025-10-26T10:00:00.000Z',
          when: '26.10.2025 11:00',
        });
      });
    });

    it('refuses an unknown zone loudly, as it is a configuration error', () => {
      expect(() => parse('16:00', NOW, 'Mars/Olympus')).toThrow('Mars/Olympus');
    });
  });

  describe('a warning when the arrival is less than 30 minutes away', () => {
    it.each(['12:20', 'через 20 минут', 'через 29 минут', 'до 12:15'])(
      'warns for "%s"',
      (input) => {
        expect(recognized(input).warning).toBe('soon');
      },
    );

    it.each(['через полчаса', '12:30', 'в течение часа', 'с 11 до 16'])(
      'does not warn for "%s"',
      (input) => {
        expect(recognized(input).warning).toBeNull();
      },
    );

    it('warns past midnight too', () => {
      expect(recognized('23:50', LATE).warning).toBe('soon');
    });

    it('has the warning text in the catalog', () => {
      expect(arrivalTexts.soonWarning).toContain('30 минут');
    });
  });

  describe('refusals', () => {
    it.each([
      '20.10.2025 10:00',
      'сегодня в 11:00',
      '19.10.2025 15:00',
      'сегодня до 11',
      'сегодня',
    ])('refuses "%s" as past', (input) => {
      expect(refusalOf(input)).toEqual({
        kind: 'invalid',
        reason: 'past',
        message: arrivalTexts.past,
      });
    });

    it.each(['20.10.2026 12:01', '21.10.2026 10:00', 'через 400 дней', '01.01.2030'])(
      'refuses "%s" as more than a year ahead',
      (input) => {
        expect(refusalOf(input)).toEqual({
          kind: 'invalid',
          reason: 'too_far',
          message: arrivalTexts.tooFar,
        });
      },
    );

    it('accepts exactly one year ahead', () => {
      expect(reading('20.10.2026 12:00').from).toBe('2026-10-20T09:00:00.000Z');
    });

    it.each(['15', '3', ' 15 ', '15.', '1500'])(
      'asks again about the bare number "%s"',
      (input) => {
        expect(refusalOf(input)).toEqual({
          kind: 'invalid',
          reason: 'ambiguous_number',
          message: arrivalTexts.ambiguous,
        });
      },
    );

    it('gives examples when it asks again about a bare number', () => {
      for (const example of ['«15:00»', '«завтра в 15:00»', '«с 10 до 16»']) {
        expect(arrivalTexts.ambiguous).toContain(example);
      }
    });

    it.each([
      '25:00',
      '12:60',
      '32.13.2025 10:00',
      '31.02.2026 10:00',
      'завтра в 25:00',
      'с 16 до 10',
      'через 3-1 часа',
      'завтра вечером',
      '15 30',
      '',
    ])('refuses "%s" as a time it cannot read', (input) => {
      expect(refusalOf(input)).toEqual({
        kind: 'invalid',
        reason: 'unrecognized_time',
        message: arrivalTexts.unrecognized,
      });
    });
  });

  describe('instructions instead of a time', () => {
    it.each([
      'Уточнить время у клиента',
      'позвонить заранее',
      'после звонка клиенту',
      'Клиент дома после 18, позвонить заранее',
      'позвонить за час до приезда',
    ])('keeps "%s" verbatim', (input) => {
      expect(parse(input)).toEqual({ kind: 'instruction', text: input });
    });

    it('trims an instruction and nothing else', () => {
      expect(parse('  Позвонить   заранее \n')).toEqual({
        kind: 'instruction',
        text: 'Позвонить   заранее',
      });
    });
  });
});
