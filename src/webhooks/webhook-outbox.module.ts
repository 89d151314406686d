import { Global, Module } from '@nestjs/common';
import { OrderEventPublisher } from '../orders/order-event-publisher';
import { WebhookOutbox } from './webhook-outbox';

/**
 * What the domain needs to publish events; delivery lives in `WebhooksModule`. Global for the
 * port it provides to `orders/` (`OrderEventPublisher`), which must not import `webhooks/`.
 */
@Global()
@Module({
  providers: [WebhookOutbox, { provide: OrderEventPublisher, useExisting: WebhookOutbox }],
  exports: [WebhookOutbox, OrderEventPublisher],
})
export class WebhookOutboxModule {}
