import { Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';
import type { Environment } from '../config/environment';
import { ChatReachability } from './chat-reachability';
import { OutboxAdminService } from './outbox-admin.service';
import { OutboxChannels } from './outbox-channel';
import { OutboxSettings, outboxSettingsFrom } from './outbox-settings';
import { OutboxClaimer } from './outbox.claimer';
import { OutboxHealth } from './outbox.health';
import { OutboxMetrics } from './outbox.metrics';
import { OutboxSender } from './outbox.sender';
import { CallBudget, MemoryBudgetStore } from './call-budget';
import { RedisBudgetStore } from './redis-budget-store';
import { RetryPolicy } from './retry-policy';

/**
 * The delivery side of the outbox (docs/notifications.md): the sender and its retry policy,
 * the shared send budget, the channel port. Channels register themselves from their own
 * modules (`TelegramOutboxModule`, `WebhooksModule`). Needs `OutboxModule`, `HealthModule` and
 * the database, and `OutboxPeople` from the (global) `UsersModule`; `OutboxAdminService` is for
 * `/admin outbox`.
 */
@Module({
  providers: [
    { provide: OutboxSettings, inject: [ConfigService], useFactory: outboxSettingsFrom },
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
    {
      provide: RetryPolicy,
      inject: [OutboxSettings],
      useFactory: (settings: OutboxSettings) => new RetryPolicy(settings.retry),
    },
    ChatReachability,
    OutboxAdminService,
    OutboxChannels,
    OutboxClaimer,
    OutboxHealth,
    OutboxMetrics,
    OutboxSender,
  ],
  exports: [OutboxAdminService, OutboxChannels, ChatReachability, CallBudget, OutboxSettings],
})
export class NotificationsModule implements OnApplicationShutdown {
  constructor(private readonly budget: CallBudget) {}

  // After the sender has stopped (before shutdown): nothing takes a slot any more.
  onApplicationShutdown(): Promise<void> {
    return this.budget.close();
  }
}
