import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Outbox } from '../notifications/outbox';
import type { WebhookEventType } from '../notifications/outbox-events';
import { WebhookSubscription } from './webhook-subscription.entity';

/** One event for every subscriber, as the use case that caused it describes it. */
export interface WebhookEvent {
  /** `order.accepted`… (docs/api.md lists them). */
  type: WebhookEventType;
  /** Unique per event and stable when the same change is retried: `<order id>:v<version>`. */
  key: string;
  orderId: number;
  data: Record<string, unknown>;
}

/**
 * Queues an event for each subscription in the caller's transaction, as outbox rows of the
 * webhook channel: committed with the change or not at all, delivered and retried by the
 * outbox sender, in order per subscription.
 */
@Injectable()
export class WebhookOutbox {
  constructor(private readonly outbox: Outbox) {}

  async publish(tx: EntityManager, event: WebhookEvent): Promise<void> {
    const subscriptions = await tx.find(WebhookSubscription, { select: { id: true } });
    if (!subscriptions.length) return;
    const id = `${event.type}:${event.key}`;
    await this.outbox.enqueue(
      tx,
      subscriptions.map((subscription) => ({
        channel: 'webhook' as const,
        chatId: subscription.id,
        kind: event.type,
        orderId: event.orderId,
        dedupKey: `webhook:${subscription.id}:${id}`,
        payload: { id, type: event.type, occurredAt: new Date().toISOString(), data: event.data },
      })),
    );
  }
}
