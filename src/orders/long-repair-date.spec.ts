import { worded } from '../../test/support/worded';
import { parseLongRepairDate } from './long-repair-date';

// Monday 20.10.2025, 23:30 in Moscow (20:30Z): "tomorrow" is Tuesday 21.10.
const NOW = new Date('2025-10-20T20:30:00Z');
const ZONE = 'Europe/Moscow';

describe('parseLongRepairDate', () => {
  it('accepts tomorrow in the business time zone, with a "soon" warning', () => {
    expect(parseLongRepairDate('21.10.2025', NOW, ZONE)).toEqual({
      ok: true,
      isoDate: '2025-10-21',
      warnings: ['soon'],
    });
  });

  it('accepts a weekday a week ahead without warnings, in either format', () => {
    expect(parseLongRepairDate('28.10.2025', NOW, ZONE)).toEqual({
      ok: true,
      isoDate: '2025-10-28',
      warnings: [],
    });
    expect(parseLongRepairDate('2025-10-28', NOW, ZONE)).toMatchObject({
      ok: true,
      isoDate: '2025-10-28',
    });
  });

  it('warns on a weekend and beyond 90 days', () => {
    expect(parseLongRepairDate('25.10.2025', NOW, ZONE)).toMatchObject({ warnings: ['weekend'] });
    expect(parseLongRepairDate('20.02.2026', NOW, ZONE)).toMatchObject({
      ok: true,
      warnings: ['far'],
    });
  });

  it.each(['20.10.2025', '19.10.2025', '19.04.2026', '31.02.2026', 'через неделю', ''])(
    'refuses %p: today, the past, beyond 180 days or not a date',
    (input) => {
      expect(worded(parseLongRepairDate(input, NOW, ZONE))).toMatchObject({
        ok: false,
        reason: 'dr_date_invalid',
        message: expect.stringContaining('ДД.ММ.ГГГГ'),
      });
    },
  );
});
