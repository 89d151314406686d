import { DateTime } from 'luxon';
import type { Period } from '../orders/order-statistics.service';

/** This calendar month in the business time zone, as a half-open period and its Russian name. */
export function currentMonth(zone: string, now = new Date()): { period: Period; name: string } {
  const start = DateTime.fromJSDate(now, { zone }).startOf('month');
  return {
    period: { from: start.toJSDate(), to: start.plus({ months: 1 }).toJSDate() },
    name: start.setLocale('ru').toFormat('LLLL yyyy'),
  };
}
