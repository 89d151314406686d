import { Injectable } from '@nestjs/common';

export interface ComponentHealth {
  ok: boolean;
  [detail: string]: unknown;
}

export type HealthCheck = () => Promise<ComponentHealth>;

/** Modules add their own check (the Telegram adapter, the outbox…) to what /health reports. */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  entries(): [string, HealthCheck][] {
    return [...this.checks.entries()];
  }
}
