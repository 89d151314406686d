import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { HealthReport, HealthService } from './health.service';

@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** 200 when every component is fine, 503 otherwise; the body says which one is not. */
  @Get()
  async check(): Promise<HealthReport> {
    const report = await this.health.report();
    if (!report.ok) throw new ServiceUnavailableException(report);
    return report;
  }
}
