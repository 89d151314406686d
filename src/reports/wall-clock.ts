import { DateTime } from 'luxon';

const HOUR_MS = 3_600_000;

/**
 * Turns instants into the zone-less dates of a spreadsheet. Excel dates carry no time zone
 * and exceljs writes a `Date` by its UTC fields, so the business-zone wall-clock time is moved
 * into them: 21:30 in Moscow is written as 21:30 UTC and shows as 21:30 anywhere.
 */
export class WallClock {
  // Working out a zone offset (through Intl) costs more than writing a whole row, and
  // offsets change at most once an hour, so each UTC hour's offset is found once.
  private readonly hourOffsets = new Map<number, number | null>();

  constructor(private readonly zone: string) {}

  toSpreadsheet(instant: Date): Date {
    const ms = instant.getTime();
    return new Date(ms + (this.hourOffset(ms) ?? this.offsetAt(ms)));
  }

  /** The hour's offset, or null for the hour of a DST change, whose instants differ. */
  private hourOffset(ms: number): number | null {
    const hour = Math.floor(ms / HOUR_MS);
    let offset = this.hourOffsets.get(hour);
    if (offset === undefined) {
      const start = this.offsetAt(hour * HOUR_MS);
      offset = start === this.offsetAt((hour + 1) * HOUR_MS - 1) ? start : null;
      this.hourOffsets.set(hour, offset);
    }
    return offset;
  }

  private offsetAt(ms: number): number {
    return DateTime.fromMillis(ms, { zone: this.zone }).offset * 60_000;
  }
}
