import { splitWhereFits } from '../common/message-parts';
import type { ReminderOrderLine, WaitingReminderPayload } from '../notifications/outbox-events';

interface Line {
  order: ReminderOrderLine;
  digest: boolean;
}

/**
 * A waiting-orders reminder as the payloads of messages that each fit (about 45 orders
 * overflow one of Telegram's). `fits` asks the channel that words them at send time, so what
 * is measured here is what goes out; a list that fits is one plain payload.
 */
export function reminderParts(
  whole: WaitingReminderPayload,
  fits: (payload: WaitingReminderPayload) => boolean,
): WaitingReminderPayload[] {
  const lines: Line[] = [
    ...whole.orders.map((order) => ({ order, digest: false })),
    ...whole.stillWaiting.map((order) => ({ order, digest: true })),
  ];
  const payloadOf = (chunk: readonly Line[], index: number, count: number) => ({
    orders: chunk.filter((line) => !line.digest).map((line) => line.order),
    stillWaiting: chunk.filter((line) => line.digest).map((line) => line.order),
    ...(count > 1
      ? {
          part: {
            index,
            count,
            orders: whole.orders.length,
            stillWaiting: whole.stillWaiting.length,
          },
        }
      : {}),
  });
  const chunks = splitWhereFits(lines, (chunk, part) =>
    fits(payloadOf(chunk, part.index, part.count)),
  );
  return chunks.map((chunk, index) => payloadOf(chunk, index, chunks.length));
}
