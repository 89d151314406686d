import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { WebhookOutboxModule } from './webhook-outbox.module';
import { WebhookChannel } from './webhook.channel';
import { WebhooksService } from './webhooks.service';

/** Outgoing webhooks: subscriptions, and their channel plugged into the outbox sender. */
@Module({
  imports: [UsersModule, NotificationsModule, WebhookOutboxModule],
  providers: [WebhookChannel, WebhooksService],
  exports: [WebhooksService],
})
export class WebhooksModule {}
