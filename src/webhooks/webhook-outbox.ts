import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Outbox } from '../notifications/outbox';
import type { OrderEventPublisher, PublishedOrderEvent } from '../orders/order-event-publisher';
import { WebhookSubscription } from './webhook-subscription.entity';

/**
 * How long this process goes on using the subscriptions it read. A subscribe or unsubscribe
 * made here is seen at once (`forget`); one made on another replica within this bound. A
 * subscription removed meanwhile costs rows the channel skips ("the subscription was removed").
 */
export const SUBSCRIPTIONS_TTL_MS = 5_000;

/**
 * Queues an event for each subscription in the caller's transaction, as outbox rows of the
 * webhook channel: committed with the change or not at all, delivered and retried by the
 * outbox sender, in order per subscription.
 */
@Injectable()
export class WebhookOutbox implements OrderEventPublisher {
  /** The subscriptions' ids as last read, and until when they are used without a read. */
  private known: { ids: number[]; until: number } | null = null;

  constructor(private readonly outbox: Outbox) {}

  async publish(tx: EntityManager, event: PublishedOrderEvent): Promise<void> {
    const subscriptions = await this.subscriptionIds(tx);
    if (!subscriptions.length) return;
    const id = `${event.type}:${event.key}`;
    await this.outbox.enqueue(
      tx,
      subscriptions.map((subscription) => ({
        channel: 'webhook' as const,
        chatId: subscription,
        kind: event.type,
        orderId: event.orderId,
        dedupKey: `webhook:${subscription}:${id}`,
        payload: { id, type: event.type, occurredAt: new Date().toISOString(), data: event.data },
      })),
    );
  }

  /** After a subscribe or unsubscribe has committed: the next event reads them again. */
  forget(): void {
    this.known = null;
  }

  private async subscriptionIds(tx: EntityManager): Promise<number[]> {
    const now = Date.now();
    if (this.known && now < this.known.until) return this.known.ids;
    const rows = await tx.find(WebhookSubscription, { select: { id: true } });
    this.known = { ids: rows.map((row) => row.id), until: now + SUBSCRIPTIONS_TTL_MS };
    return this.known.ids;
  }
}
