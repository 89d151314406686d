import { Controller, Get, Header } from '@nestjs/common';
import { contentType } from 'prom-client';
import { Metrics } from './metrics';

@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  /** Prometheus text format; what each family means is in docs/operations.md. */
  @Get()
  @Header('Content-Type', contentType)
  @Header('Cache-Control', 'no-store')
  scrape(): Promise<string> {
    return this.metrics.text();
  }
}
