import { DynamicModule, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ApiModule } from './api/api.module';
import { AppErrorFilter } from './api/http/problem.filter';
import { AuditModule } from './audit/audit.module';
import { ClockModule } from './common/clock';
import { sentryModules } from './common/error-reporting';
import { AppConfigModule } from './config/app-config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OutboxModule } from './notifications/outbox.module';
import { OrdersModule } from './orders/orders.module';
import { SchedulerModule } from './scheduler/scheduler.module';
import { TelegramModule } from './telegram/telegram.module';
import { UsersModule } from './users/users.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { WebModule } from './web/web.module';

@Module({})
export class AppModule implements OnApplicationShutdown {
  /** The whole service; the configuration is read when this is called. */
  static forRoot(): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...sentryModules(),
        AppConfigModule.forRoot(),
        ClockModule,
        DatabaseModule,
        HealthModule,
        AuditModule,
        OutboxModule,
        UsersModule,
        OrdersModule,
        NotificationsModule,
        SchedulerModule,
        TelegramModule,
        WebhooksModule,
        ApiModule,
        WebModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: AppErrorFilter }],
    };
  }

  // Runs after every module's own shutdown hook, so "stopped" means all work has ended.
  onApplicationShutdown(signal?: string) {
    new Logger('Shutdown').log(`Stopped cleanly${signal ? ` on ${signal}` : ''}`);
  }
}
