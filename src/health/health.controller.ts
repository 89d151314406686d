import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { HealthReport, HealthService } from './health.service';

@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** 200 when every component is fine, 503 otherwise; the body says which one is not. */
  @Get()
  async check(): Promise<HealthReport> {
    return orUnavailable(await this.health.report());
  }

  /**
   * Liveness: the process answers. No dependency is checked, so a database outage never makes
   * an orchestrator restart every replica at once; 503 only while shutting down.
   */
  @Get('live')
  live(): { ok: boolean } {
    if (!this.health.live) throw new ServiceUnavailableException({ ok: false, state: 'stopping' });
    return { ok: true };
  }

  /** Readiness: the database answers with every migration applied, Telegram is connected. */
  @Get('ready')
  async ready(): Promise<HealthReport> {
    return orUnavailable(await this.health.report('readiness'));
  }
}

function orUnavailable(report: HealthReport): HealthReport {
  if (!report.ok) throw new ServiceUnavailableException(report);
  return report;
}
