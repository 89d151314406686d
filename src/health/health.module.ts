import { Global, Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HealthRegistry } from './health-registry';
import { HealthService } from './health.service';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';
import { QueryMetricsSubscriber } from './query-metrics.subscriber';

/**
 * What operators see: `/health` (and its `live` / `ready` split for orchestrators) and
 * `/metrics`. Other modules register their checks in `HealthRegistry` and count into `Metrics`.
 */
@Global()
@Module({
  controllers: [HealthController, MetricsController],
  providers: [HealthRegistry, HealthService, Metrics, QueryMetricsSubscriber],
  exports: [HealthRegistry, Metrics],
})
export class HealthModule {}
