import { DateTime } from 'luxon';
import { formatRubles } from '../../orders/money';

/** Dates as people here read them, in the business time zone. */
export const shownTime = (at: Date | null | undefined, zone: string): string =>
  at ? DateTime.fromJSDate(at, { zone }).toFormat('dd.MM.yyyy HH:mm') : '—';

export const shownMoney = (kopecks: number | null | undefined): string =>
  kopecks === null || kopecks === undefined ? '—' : formatRubles(kopecks);
