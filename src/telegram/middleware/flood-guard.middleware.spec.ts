import type { ConfigService } from '@nestjs/config';
import type { Environment } from '../../config/environment';
import { FloodGuardMiddleware } from './flood-guard.middleware';

const DEFAULTS = { FLOOD_UPDATES_PER_SECOND: 2, FLOOD_BURST: 4 };
const config = { get: (key: keyof typeof DEFAULTS) => DEFAULTS[key] } as unknown as ConfigService<
  Environment,
  true
>;

describe('FloodGuardMiddleware', () => {
  it('lets a burst of 4 through, then about 2 per second', () => {
    const guard = new FloodGuardMiddleware(config);
    const t0 = 1_000_000;
    const burst = [0, 1, 2, 3, 4].map(() => guard.take(7, t0));
    expect(burst).toEqual(['pass', 'pass', 'pass', 'pass', 'warn']);
    expect(guard.take(7, t0 + 500)).toBe('pass');
    // A new flood after the user slowed down is a new episode: one more warning.
    expect(guard.take(7, t0 + 500)).toBe('warn');
    expect(guard.take(7, t0 + 500)).toBe('drop');
  });

  it('warns once, then blocks a user who keeps flooding for a minute', () => {
    const guard = new FloodGuardMiddleware(config);
    const t0 = 2_000_000;
    const verdicts = Array.from({ length: 14 }, () => guard.take(8, t0));
    expect(verdicts.filter((v) => v === 'warn')).toHaveLength(1);
    expect(verdicts.at(-1)).toBe('block');
    expect(guard.take(8, t0 + 30_000)).toBe('drop');
    expect(guard.take(8, t0 + 61_000)).toBe('pass');
  });

  it('keeps users apart', () => {
    const guard = new FloodGuardMiddleware(config);
    for (let i = 0; i < 10; i++) guard.take(9, 0);
    expect(guard.take(10, 0)).toBe('pass');
  });
});
