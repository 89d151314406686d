import { Injectable } from '@nestjs/common';

export interface ComponentHealth {
  ok: boolean;
  [detail: string]: unknown;
}

export type HealthCheck = () => Promise<ComponentHealth>;

export interface HealthCheckOptions {
  /**
   * The replica cannot do its work without it, so `/health/ready` fails with it (the database,
   * the Telegram transport). Without this flag a component shows in `/health` only: a stuck
   * outbox is an operator's problem, not a reason to take the replica out of the balancer.
   */
  readiness?: boolean;
}

interface Registered {
  check: HealthCheck;
  readiness: boolean;
}

/** Modules add their own check (the Telegram adapter, the outbox…) to what /health reports. */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, Registered>();

  register(name: string, check: HealthCheck, options: HealthCheckOptions = {}): void {
    this.checks.set(name, { check, readiness: options.readiness ?? false });
  }

  entries(scope: 'all' | 'readiness' = 'all'): [string, HealthCheck][] {
    return [...this.checks.entries()]
      .filter(([, entry]) => scope === 'all' || entry.readiness)
      .map(([name, entry]) => [name, entry.check]);
  }
}
