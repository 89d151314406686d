import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ComponentHealth, HealthRegistry } from './health-registry';

export interface HealthReport {
  ok: boolean;
  components: Record<string, ComponentHealth>;
}

@Injectable()
export class HealthService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: HealthRegistry,
  ) {}

  onModuleInit() {
    this.registry.register('database', () => this.checkDatabase());
  }

  async report(): Promise<HealthReport> {
    const components: Record<string, ComponentHealth> = {};
    for (const [name, check] of this.registry.entries()) {
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
