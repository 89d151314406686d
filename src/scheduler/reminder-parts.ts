import { Part, splitToFit } from '../telegram/pagination/pages';
import {
  ReminderOrderLine,
  unassignedReminder,
  UnassignedReminderPayload,
} from '../texts/ru/scheduler';

/** A part's payload; a list sent whole keeps the plain `{ orders }` it always had. */
const payloadOf = (
  chunk: readonly ReminderOrderLine[],
  part: Part,
  total: number,
): UnassignedReminderPayload =>
  part.count > 1
    ? { orders: [...chunk], total, part: part.index + 1, parts: part.count }
    : { orders: [...chunk] };

/**
 * The unassigned-orders reminder as the payloads of messages that each fit in Telegram's limit
 * (about 45 orders overflow one). They are measured with the template the renderer fills at
 * send time, so what is measured here is what goes out.
 */
export function unassignedReminderParts(
  orders: readonly ReminderOrderLine[],
): UnassignedReminderPayload[] {
  const chunks = splitToFit(orders, (chunk, part) =>
    unassignedReminder(payloadOf(chunk, part, orders.length)),
  );
  return chunks.map((chunk, index) =>
    payloadOf(chunk, { index, count: chunks.length }, orders.length),
  );
}
