import { Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { SentryModule } from '@sentry/nestjs/setup';
import { AuditModule } from './audit/audit.module';
import { AppConfigModule } from './config/app-config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { OutboxModule } from './notifications/outbox.module';
import { OrdersModule } from './orders/orders.module';
import { UsersModule } from './users/users.module';

@Module({
  imports: [
    SentryModule.forRoot(),
    AppConfigModule,
    DatabaseModule,
    HealthModule,
    AuditModule,
    OutboxModule,
    UsersModule,
    OrdersModule,
  ],
})
export class AppModule implements OnApplicationShutdown {
  // Runs after every module's own shutdown hook, so "stopped" means all work has ended.
  onApplicationShutdown(signal?: string) {
    new Logger('Shutdown').log(`Stopped cleanly${signal ? ` on ${signal}` : ''}`);
  }
}
