import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '../../../src/audit/audit.module';
import { ClockModule } from '../../../src/common/clock';
import { AppConfigModule } from '../../../src/config/app-config.module';
import { DatabaseModule } from '../../../src/database/database.module';
import { HealthModule } from '../../../src/health/health.module';
import { NotificationsModule } from '../../../src/notifications/notifications.module';
import { OutboxModule } from '../../../src/notifications/outbox.module';
import { OrderRepositoryModule } from '../../../src/orders/order-repository.module';
import { TelegramOutboxModule } from '../../../src/telegram/outbox/telegram-outbox.module';

/**
 * The outbox sender and what it needs, configured from the environment like the service:
 * for the crash spec's child process and the fan-out benchmark. No Telegram updates, no HTTP.
 */
@Module({})
export class SenderOnlyModule {
  static forRoot(): DynamicModule {
    return {
      module: SenderOnlyModule,
      imports: [
        AppConfigModule.forRoot(),
        ClockModule,
        DatabaseModule,
        HealthModule,
        AuditModule,
        OutboxModule,
        // The users module the channel imports counts masters' orders through it.
        OrderRepositoryModule,
        NotificationsModule,
        TelegramOutboxModule,
      ],
    };
  }
}
