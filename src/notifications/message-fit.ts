import type { OutboxEvent } from './outbox-events';

/** An event that lists orders, and may list more than one message holds. */
export type ListEvent = Extract<
  OutboxEvent,
  { kind: 'reminder.unassigned' | 'reminder.unaccepted' }
>;

/**
 * Whether an event, worded by the channel that shows it, fits in one message. A producer whose
 * list may outgrow a message (the scheduler's reminders) cuts it into parts with this, each
 * queued as its own row, so a retried part never resends the others. The channel provides it
 * (`TelegramMessageFit`): the producer never sees the words.
 */
export abstract class MessageFit {
  abstract fits(event: ListEvent): boolean;
}
