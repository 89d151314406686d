import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Notification, OutboxChannelName } from './notification.entity';

/** A channel's call that hangs this long has failed (and is retried); a claim's lease outlasts it. */
export const CHANNEL_CALL_TIMEOUT_MS = 30_000;

/** What a channel is handed: one queued row, as stored. */
export type OutboxRow = Pick<Notification, 'id' | 'chatId' | 'kind' | 'payload' | 'orderId'>;

/** How a row was dealt with, when the channel did not refuse it (refusals are thrown). */
export type Delivery =
  | {
      outcome: 'sent';
      messageId: number | null;
      /** Writes that belong with "sent", in the same transaction (where the card now lives). */
      record?: (tx: EntityManager) => Promise<void>;
    }
  | { outcome: 'skipped' | 'failed'; reason: string };

/**
 * A way out of the outbox. The sender claims, retries and settles rows the same way for every
 * channel; the channel only delivers one row, throwing when it should be tried again later.
 */
export interface OutboxChannel {
  deliver(row: OutboxRow, signal: AbortSignal): Promise<Delivery>;
}

/** The channels rows go out through; each registers itself from its own module. */
@Injectable()
export class OutboxChannels {
  private readonly channels = new Map<OutboxChannelName, OutboxChannel>();

  register(name: OutboxChannelName, channel: OutboxChannel): void {
    this.channels.set(name, channel);
  }

  of(name: OutboxChannelName): OutboxChannel | undefined {
    return this.channels.get(name);
  }
}
