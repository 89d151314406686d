import { Controller, Get, UseFilters, UseGuards } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { newestBackupTime } from '../../backup/backup-files';
import type { Environment } from '../../config/environment';
import { ComponentHealth, HealthRegistry } from '../../health/health-registry';
import { OutboxAdminService } from '../../notifications/outbox-admin.service';
import { SchedulerStatus } from '../../scheduler/scheduler-status';
import type { WebVisitor } from '../auth/web-auth.service';
import { Visitor, WebGuard, WebRoles } from '../auth/web-guard';
import { systemPage } from '../views/system.view';
import { WebExceptionFilter } from '../web-exception.filter';

/** The admins' status page: the same readers as /health, `/admin outbox` and `/admin jobs`. */
@Controller('web/system')
@UseGuards(WebGuard)
@WebRoles('ADMIN')
@UseFilters(WebExceptionFilter)
export class SystemController {
  constructor(
    private readonly health: HealthRegistry,
    private readonly outbox: OutboxAdminService,
    private readonly scheduler: SchedulerStatus,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  @Get()
  async page(@Visitor() visitor: WebVisitor) {
    const zone = this.config.get('TZ', { infer: true });
    const backupDir = this.config.get('BACKUP_DIR', { infer: true });
    const [health, outbox, failures, jobs] = await Promise.all([
      this.components(),
      this.outbox.stats(),
      this.outbox.failed(10),
      this.scheduler.jobs(),
    ]);
    return systemPage(visitor, {
      health,
      outbox,
      failures,
      jobs,
      schedulerHere: this.scheduler.enabledHere,
      backupDir,
      newestBackup: newestBackupTime(backupDir, zone),
      zone,
    }).value;
  }

  private async components(): Promise<Record<string, ComponentHealth>> {
    const entries = await Promise.all(
      this.health.entries().map(async ([name, check]) => {
        const result = await check().catch((error: Error) => ({ ok: false, error: error.message }));
        return [name, result] as const;
      }),
    );
    return Object.fromEntries(entries);
  }
}
