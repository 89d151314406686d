import { lastMorning } from './quiet-hours';
import { announcementDue } from './reminder-escalation';

const ZONE = 'Europe/Moscow';
const QUIET = { start: '22:00', end: '08:00' };
/** A Moscow wall-clock time (UTC+3, no DST). */
const msk = (day: number, hhmm: string) =>
  new Date(`2026-01-${String(day).padStart(2, '0')}T${hhmm}:00+03:00`);

const LADDER = [15, 60];

/** What is due at `at` for an order waiting since `since`, last announced at `last`. */
const dueAt = (since: Date, last: Date | null, at: Date) =>
  announcementDue({ since, lastAnnounced: last }, at, LADDER, lastMorning(at, QUIET, ZONE));

describe('announcementDue', () => {
  const since = msk(15, '10:00');

  it('reminds at each step of the ladder and not between them', () => {
    expect(dueAt(since, null, msk(15, '10:14'))).toBeNull();
    expect(dueAt(since, null, msk(15, '10:15'))).toBe('reminder');
    expect(dueAt(since, msk(15, '10:15'), msk(15, '10:59'))).toBeNull();
    expect(dueAt(since, msk(15, '10:15'), msk(15, '11:00'))).toBe('reminder');
  });

  it('is silent for the rest of the day once the ladder is used up', () => {
    for (const at of ['11:05', '15:00', '21:55'])
      expect(dueAt(since, msk(15, '11:00'), msk(15, at))).toBeNull();
  });

  it('lists a waiting order in the digest once each morning', () => {
    expect(dueAt(since, msk(15, '11:00'), msk(16, '08:00'))).toBe('digest');
    expect(dueAt(since, msk(16, '08:00'), msk(16, '08:05'))).toBeNull();
    expect(dueAt(since, msk(16, '08:00'), msk(16, '21:55'))).toBeNull();
    expect(dueAt(since, msk(16, '08:00'), msk(17, '08:10'))).toBe('digest');
  });

  it('makes one reminder of the steps passed during quiet hours', () => {
    const evening = msk(15, '21:50');
    expect(dueAt(evening, null, msk(16, '08:00'))).toBe('reminder');
    // That reminder used up the ladder: nothing more, not even this morning's digest.
    expect(dueAt(evening, msk(16, '08:00'), msk(16, '08:05'))).toBeNull();
    expect(dueAt(evening, msk(16, '08:00'), msk(17, '08:00'))).toBe('digest');
  });

  it('keeps climbing an unfinished ladder in the morning instead of a digest', () => {
    const late = msk(15, '21:30');
    expect(dueAt(late, msk(15, '21:45'), msk(16, '08:00'))).toBe('reminder');
  });
});

describe('lastMorning', () => {
  it("is today's end of quiet hours from then on, and yesterday's before it", () => {
    expect(lastMorning(msk(16, '08:00'), QUIET, ZONE)).toEqual(msk(16, '08:00'));
    expect(lastMorning(msk(16, '21:00'), QUIET, ZONE)).toEqual(msk(16, '08:00'));
    expect(lastMorning(msk(16, '07:59'), QUIET, ZONE)).toEqual(msk(15, '08:00'));
  });

  it('is in the business time zone, not UTC', () => {
    // 06:30 UTC is 09:30 in Moscow: this morning already, though 08:00 UTC is still ahead.
    expect(lastMorning(new Date('2026-01-16T06:30:00Z'), QUIET, ZONE)).toEqual(msk(16, '08:00'));
  });
});
