import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Telegram } from 'telegraf';
import type { Environment } from '../config/environment';
import { UsersModule } from '../users/users.module';
import { ChatReachability } from './chat-reachability';
import { NotificationDelivery } from './notification.delivery';
import { NotificationRenderer } from './notification.renderer';
import { OutboxAdminService } from './outbox-admin.service';
import { OutboxSettings, outboxSettingsFrom } from './outbox-settings';
import { OutboxClaimer } from './outbox.claimer';
import { OutboxHealth } from './outbox.health';
import { OutboxSender } from './outbox.sender';
import { RateLimiter } from './rate-limiter';
import { RetryPolicy } from './retry-policy';
import { TelegramGateway } from './telegram.gateway';

/**
 * The delivery side of the outbox (docs/notifications.md): the sender, its rate limiter and
 * retry policy, the templates and the work-group card lifecycle. Needs `OutboxModule`,
 * `HealthModule` and the database; `OutboxAdminService` is for `/admin outbox`.
 */
@Module({
  imports: [UsersModule],
  providers: [
    { provide: OutboxSettings, inject: [ConfigService], useFactory: outboxSettingsFrom },
    {
      provide: Telegram,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => {
        const apiRoot = config.get('TELEGRAM_API_ROOT', { infer: true });
        return new Telegram(config.get('BOT_TOKEN', { infer: true }), apiRoot ? { apiRoot } : {});
      },
    },
    {
      provide: RateLimiter,
      inject: [OutboxSettings],
      useFactory: (settings: OutboxSettings) => new RateLimiter(settings.limits),
    },
    {
      provide: RetryPolicy,
      inject: [OutboxSettings],
      useFactory: (settings: OutboxSettings) => new RetryPolicy(settings.retry),
    },
    ChatReachability,
    NotificationRenderer,
    NotificationDelivery,
    OutboxAdminService,
    OutboxClaimer,
    OutboxHealth,
    OutboxSender,
    TelegramGateway,
  ],
  exports: [OutboxAdminService, ChatReachability],
})
export class NotificationsModule {}
