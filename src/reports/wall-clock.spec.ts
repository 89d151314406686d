import { WallClock } from './wall-clock';

const shown = (clock: WallClock, iso: string) =>
  clock.toSpreadsheet(new Date(iso)).toISOString().slice(0, 19);

describe('WallClock', () => {
  it('writes the Moscow wall-clock time into the UTC fields', () => {
    const moscow = new WallClock('Europe/Moscow');
    expect(shown(moscow, '2025-10-15T11:30:00Z')).toBe('2025-10-15T14:30:00');
    expect(shown(moscow, '2025-12-31T21:30:00Z')).toBe('2026-01-01T00:30:00');
  });

  it('follows a DST change to the minute, within the hour of the change too', () => {
    const berlin = new WallClock('Europe/Berlin'); // 30.03.2025 02:00 CET → 03:00 CEST at 01:00Z
    expect(shown(berlin, '2025-03-30T00:59:00Z')).toBe('2025-03-30T01:59:00');
    expect(shown(berlin, '2025-03-30T01:00:00Z')).toBe('2025-03-30T03:00:00');
    const india = new WallClock('Asia/Kolkata'); // a half-hour offset
    expect(shown(india, '2025-10-15T11:00:00Z')).toBe('2025-10-15T16:30:00');
  });
});
