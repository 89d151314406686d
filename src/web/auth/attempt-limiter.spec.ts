import { AttemptLimiter } from './attempt-limiter';

describe('AttemptLimiter', () => {
  it('blocks an address after the limit of failures within the window, then lets it try again', () => {
    const limiter = new AttemptLimiter(3, 1_000);
    for (let i = 0; i < 3; i++) {
      expect(limiter.blocked('a', i)).toBe(false);
      limiter.fail('a', i);
    }
    expect(limiter.blocked('a', 10)).toBe(true);
    expect(limiter.blocked('b', 10)).toBe(false);
    expect(limiter.blocked('a', 1_001)).toBe(false);
  });
});
