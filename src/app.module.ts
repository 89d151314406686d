import { Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { SentryModule } from '@sentry/nestjs/setup';
import { AppConfigModule } from './config/app-config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';

@Module({
  imports: [SentryModule.forRoot(), AppConfigModule, DatabaseModule, HealthModule],
})
export class AppModule implements OnApplicationShutdown {
  // Runs after every module's own shutdown hook, so "stopped" means all work has ended.
  onApplicationShutdown(signal?: string) {
    new Logger('Shutdown').log(`Stopped cleanly${signal ? ` on ${signal}` : ''}`);
  }
}
