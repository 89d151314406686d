import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ComponentHealth, HealthRegistry } from './health-registry';

export interface HealthReport {
  ok: boolean;
  components: Record<string, ComponentHealth>;
}

@Injectable()
export class HealthService implements OnModuleInit, OnModuleDestroy {
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: HealthRegistry,
  ) {}

  onModuleInit() {
    this.registry.register('database', () => this.checkDatabase(), { readiness: true });
  }

  // The first shutdown hook: from here on the HTTP server still answers while work drains,
  // and an orchestrator must see that this process is on its way out.
  onModuleDestroy() {
    this.stopping = true;
  }

  /** The process answers and is not shutting down. */
  get live(): boolean {
    return !this.stopping;
  }

  /** Every registered component (`/health`), or only those readiness depends on. */
  async report(scope: 'all' | 'readiness' = 'all'): Promise<HealthReport> {
    const components: Record<string, ComponentHealth> = {};
    if (this.stopping) components.process = { ok: false, state: 'stopping' };
    for (const [name, check] of this.registry.entries(scope)) {
      components[name] = await check().catch((error: Error) => ({
        ok: false,
        error: error.message,
      }));
    }
    return { ok: Object.values(components).every((c) => c.ok), components };
  }

  private async checkDatabase(): Promise<ComponentHealth> {
    await this.dataSource.query('SELECT 1');
    const pendingMigrations = await this.dataSource.showMigrations();
    return { ok: !pendingMigrations, reachable: true, migrationsApplied: !pendingMigrations };
  }
}
