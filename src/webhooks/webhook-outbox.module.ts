import { Module } from '@nestjs/common';
import { WebhookOutbox } from './webhook-outbox';

/** What the domain needs to publish events; delivery lives in `WebhooksModule`. */
@Module({ providers: [WebhookOutbox], exports: [WebhookOutbox] })
export class WebhookOutboxModule {}
