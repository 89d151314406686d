import { Injectable, Module, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { Environment } from '../../config/environment';

/**
 * The rate limit's Redis storage when `REDIS_URL` is set (replicas share the counts). A provider,
 * so that closing the application also closes its connection: built inside the throttler's
 * factory, nobody would end it and the process could not exit.
 */
@Injectable()
export class ApiRateStorage implements OnModuleDestroy {
  readonly redis?: ThrottlerStorageRedisService;

  constructor(config: ConfigService<Environment, true>) {
    const url = config.get('REDIS_URL', { infer: true });
    if (url) this.redis = new ThrottlerStorageRedisService(url);
  }

  onModuleDestroy(): void {
    this.redis?.onModuleDestroy();
  }
}

@Module({ providers: [ApiRateStorage], exports: [ApiRateStorage] })
export class ApiRateStorageModule {}
