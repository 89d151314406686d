import { Injectable, OnModuleInit } from '@nestjs/common';
import { HealthRegistry } from '../health/health-registry';
import { OutboxAdminService } from './outbox-admin.service';
import { OutboxSender } from './outbox.sender';

/**
 * Longer than a backlog at Telegram's pace or the longest backoff take: a row that has waited
 * this long means the sender is stuck, and /health says so.
 */
const STUCK_AFTER_SECONDS = 15 * 60;

/** The outbox in /health: depth, the oldest waiting row's age, failures, the sender's state. */
@Injectable()
export class OutboxHealth implements OnModuleInit {
  constructor(
    private readonly registry: HealthRegistry,
    private readonly admin: OutboxAdminService,
    private readonly sender: OutboxSender,
  ) {}

  onModuleInit(): void {
    this.registry.register('outbox', async () => {
      const stats = await this.admin.stats();
      const stuck = (stats.oldestPendingAgeSeconds ?? 0) > STUCK_AFTER_SECONDS;
      return {
        ok: this.sender.running && !stuck,
        sender: this.sender.running ? 'running' : 'stopped',
        ...stats,
      };
    });
  }
}
