import { Injectable } from '@nestjs/common';
import type { Delivery } from './notification.delivery';
import { NotificationDelivery } from './notification.delivery';
import type { Notification, OutboxChannelName } from './notification.entity';

/**
 * A way out of the outbox. The sender claims, retries and settles rows the same way for every
 * channel; the channel only delivers one row, throwing when it should be tried again later.
 */
export interface OutboxChannel {
  deliver(row: Notification, signal: AbortSignal): Promise<Delivery>;
}

/** The channels rows go out through: Telegram here, others registered by their modules. */
@Injectable()
export class OutboxChannels {
  private readonly channels = new Map<OutboxChannelName, OutboxChannel>();

  constructor(telegram: NotificationDelivery) {
    this.channels.set('telegram', telegram);
  }

  register(name: OutboxChannelName, channel: OutboxChannel): void {
    this.channels.set(name, channel);
  }

  of(name: OutboxChannelName): OutboxChannel | undefined {
    return this.channels.get(name);
  }
}
