import type { DataSource } from 'typeorm';
import { HealthRegistry } from './health-registry';
import { HealthService } from './health.service';

describe('liveness and readiness', () => {
  const dataSource = {
    query: () => Promise.resolve([{ 1: 1 }]),
    showMigrations: () => Promise.resolve(false),
  } as unknown as DataSource;
  let registry: HealthRegistry;
  let health: HealthService;

  beforeEach(() => {
    registry = new HealthRegistry();
    health = new HealthService(dataSource, registry);
    health.onModuleInit();
    registry.register('telegram', () => Promise.resolve({ ok: true }), { readiness: true });
    registry.register('outbox', () => Promise.resolve({ ok: false, depth: 9 }));
  });

  it('checks only what the replica needs for readiness; /health still shows everything', async () => {
    expect(await health.report('readiness')).toEqual({
      ok: true,
      components: {
        database: { ok: true, reachable: true, migrationsApplied: true },
        telegram: { ok: true },
      },
    });
    expect(await health.report()).toMatchObject({
      ok: false,
      components: { outbox: { ok: false } },
    });
  });

  it('is neither live nor ready once shutdown has begun', async () => {
    expect(health.live).toBe(true);
    health.onModuleDestroy();
    expect(health.live).toBe(false);
    expect(await health.report('readiness')).toMatchObject({
      ok: false,
      components: { process: { ok: false, state: 'stopping' } },
    });
  });

  it('reports a check that throws as a failed component', async () => {
    registry.register('telegram', () => Promise.reject(new Error('down')), { readiness: true });
    expect(await health.report('readiness')).toMatchObject({
      ok: false,
      components: { telegram: { ok: false, error: 'down' } },
    });
  });
});
