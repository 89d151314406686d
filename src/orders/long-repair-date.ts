import { DateTime } from 'luxon';

export type LongRepairWarning = 'soon' | 'far' | 'weekend';

/** A date that is not one, or outside tomorrow … +180 days. */
export type LongRepairDateReason = { reason: 'dr_date_invalid' };

export type LongRepairDate =
  | { ok: true; isoDate: string; warnings: LongRepairWarning[] }
  | ({ ok: false } & LongRepairDateReason);

const MAX_DAYS_AHEAD = 180;
const WARN_UNDER_DAYS = 3;
const WARN_OVER_DAYS = 90;

/**
 * The expected end of a long repair (docs/product.md §4.2): `DD.MM.YYYY` (or `YYYY-MM-DD`), from
 * tomorrow to 180 days ahead in the business time zone. Warnings are for the master to confirm.
 */
export function parseLongRepairDate(input: string, now: Date, zone: string): LongRepairDate {
  const text = input.trim();
  const parsed = [
    DateTime.fromFormat(text, 'd.M.yyyy', { zone }),
    DateTime.fromISO(text, { zone }),
  ].find((date) => date.isValid);
  if (!parsed) return { ok: false, reason: 'dr_date_invalid' };
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const days = Math.round(parsed.startOf('day').diff(today, 'days').days);
  if (days < 1 || days > MAX_DAYS_AHEAD) return { ok: false, reason: 'dr_date_invalid' };

  const warnings: LongRepairWarning[] = [];
  if (days < WARN_UNDER_DAYS) warnings.push('soon');
  if (days > WARN_OVER_DAYS) warnings.push('far');
  if (parsed.weekday >= 6) warnings.push('weekend');
  return { ok: true, isoDate: parsed.toISODate() as string, warnings };
}
