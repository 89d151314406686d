import { Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';
import { Telegram } from 'telegraf';
import type { Environment } from '../config/environment';
import { UsersModule } from '../users/users.module';
import { ChatReachability } from './chat-reachability';
import { NotificationDelivery } from './notification.delivery';
import { NotificationRenderer } from './notification.renderer';
import { OutboxAdminService } from './outbox-admin.service';
import { OutboxChannels } from './outbox-channel';
import { OutboxSettings, outboxSettingsFrom } from './outbox-settings';
import { OutboxClaimer } from './outbox.claimer';
import { OutboxHealth } from './outbox.health';
import { OutboxMetrics } from './outbox.metrics';
import { OutboxSender } from './outbox.sender';
import { BotApiGateway } from './bot-api.gateway';
import { CallBudget, MemoryBudgetStore } from './call-budget';
import { RedisBudgetStore } from './redis-budget-store';
import { RetryPolicy } from './retry-policy';
import { TelegramGateway } from './telegram.gateway';

/**
 * The delivery side of the outbox (docs/notifications.md): the Bot API gateway every call
 * goes through, its shared send budget, the sender and its retry policy, the templates and the work-group card lifecycle. Needs `OutboxModule`,
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
      // One budget for every send of this process; with Redis, of every replica together.
      provide: CallBudget,
      inject: [OutboxSettings, ConfigService],
      useFactory: (settings: OutboxSettings, config: ConfigService<Environment, true>) => {
        const redisUrl = config.get('REDIS_URL', { infer: true });
        const store = redisUrl
          ? new RedisBudgetStore(new Redis(redisUrl, { maxRetriesPerRequest: 3 }))
          : new MemoryBudgetStore();
        return new CallBudget(settings.limits, store);
      },
    },
    BotApiGateway,
    {
      provide: RetryPolicy,
      inject: [OutboxSettings],
      useFactory: (settings: OutboxSettings) => new RetryPolicy(settings.retry),
    },
    ChatReachability,
    NotificationRenderer,
    NotificationDelivery,
    OutboxAdminService,
    OutboxChannels,
    OutboxClaimer,
    OutboxHealth,
    OutboxMetrics,
    OutboxSender,
    TelegramGateway,
  ],
  exports: [OutboxAdminService, OutboxChannels, ChatReachability, BotApiGateway],
})
export class NotificationsModule implements OnApplicationShutdown {
  constructor(private readonly budget: CallBudget) {}

  // After the sender has stopped (before shutdown): nothing takes a slot any more.
  onApplicationShutdown(): Promise<void> {
    return this.budget.close();
  }
}
