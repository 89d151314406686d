import { DateTime } from 'luxon';
import type { Order } from '../../orders/order.repository';

/** An instant as people in the business time zone read it: "21.10.2025 15:00". */
export const formatInstant = (date: Date, zone: string) =>
  DateTime.fromJSDate(date, { zone }).toFormat('dd.MM.yyyy HH:mm');

/** A `YYYY-MM-DD` calendar date as "25.10.2025". */
export const formatIsoDate = (isoDate: string) => DateTime.fromISO(isoDate).toFormat('dd.MM.yyyy');

/**
 * The arrival time as a date, whatever was typed: "завтра в 15:00" typed yesterday would be
 * wrong today. The typed words follow in brackets, since "с 12" and "в 12" parse alike.
 */
export function formatArrival(
  order: Pick<Order, 'arrivalText' | 'arrivalFrom' | 'arrivalTo'>,
  zone: string,
): string | null {
  if (!order.arrivalFrom) return order.arrivalText;
  const from = DateTime.fromJSDate(order.arrivalFrom, { zone });
  const to = order.arrivalTo ? DateTime.fromJSDate(order.arrivalTo, { zone }) : null;
  const when = !to
    ? from.toFormat('dd.MM.yyyy HH:mm')
    : to.hasSame(from, 'day')
      ? `${from.toFormat('dd.MM.yyyy HH:mm')}–${to.toFormat('HH:mm')}`
      : `${from.toFormat('dd.MM.yyyy HH:mm')} – ${to.toFormat('dd.MM.yyyy HH:mm')}`;
  return order.arrivalText ? `${when} («${order.arrivalText}»)` : when;
}
