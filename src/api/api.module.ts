import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Environment } from '../config/environment';
import { OrdersModule } from '../orders/orders.module';
import { ReportsModule } from '../reports/reports.module';
import { UsersModule } from '../users/users.module';
import { ApiKeyGuard } from './http/api-key.guard';
import { ApiRateStorage, ApiRateStorageModule } from './http/api-rate-storage';
import { AuditViaInterceptor } from './http/audit-via.interceptor';
import { KeyThrottlerGuard } from './http/key-throttler.guard';
import { ApiKeysModule } from './keys/api-keys.module';
import { MastersApiController } from './masters-api.controller';
import { OrdersApiController } from './orders/orders-api.controller';
import { ReportsApiController } from './reports-api.controller';
import { UsersApiController } from './users-api.controller';

/** `API_RATE_LIMIT` counts calls per key in this window. */
const RATE_WINDOW_MS = 60_000;

/**
 * The REST API (docs/api.md): a second adapter over the domain's use cases, beside the bot.
 * Rate limits are counted in Redis when `REDIS_URL` is set, so replicas share them.
 */
@Module({
  imports: [
    UsersModule,
    OrdersModule,
    ReportsModule,
    ApiKeysModule,
    ThrottlerModule.forRootAsync({
      imports: [ApiRateStorageModule],
      inject: [ConfigService, ApiRateStorage],
      useFactory: (config: ConfigService<Environment, true>, rates: ApiRateStorage) => ({
        throttlers: [{ limit: config.get('API_RATE_LIMIT', { infer: true }), ttl: RATE_WINDOW_MS }],
        ...(rates.redis ? { storage: rates.redis } : {}),
      }),
    }),
  ],
  controllers: [
    OrdersApiController,
    MastersApiController,
    UsersApiController,
    ReportsApiController,
  ],
  providers: [ApiKeyGuard, KeyThrottlerGuard, AuditViaInterceptor],
})
export class ApiModule {}
