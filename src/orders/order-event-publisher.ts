import type { EntityManager } from 'typeorm';
import type { WebhookEventType } from '../notifications/outbox-events';

/** An order event for other systems, as the use case that caused it describes it. */
export interface PublishedOrderEvent {
  /** `order.accepted`… (docs/api.md lists them). */
  type: WebhookEventType;
  /** Unique per event and stable when the same change is retried: `<order id>:v<version>`. */
  key: string;
  orderId: number;
  data: Record<string, unknown>;
}

/**
 * Publishes order events to other systems in the caller's transaction. The webhooks module
 * provides it (`WebhookOutbox`, from the global `WebhookOutboxModule`), so `orders/` never
 * imports a channel.
 */
export abstract class OrderEventPublisher {
  abstract publish(tx: EntityManager, event: PublishedOrderEvent): Promise<void>;
}
