import { TelegramError } from 'telegraf';
import { RetryPolicy } from './retry-policy';

const telegramError = (code: number, description: string, retryAfter?: number) =>
  new TelegramError({
    error_code: code,
    description,
    ...(retryAfter === undefined ? {} : { parameters: { retry_after: retryAfter } }),
  });

describe('RetryPolicy', () => {
  const policy = (random = 1) =>
    new RetryPolicy({ maxAttempts: 5, baseDelayMs: 1_000 }, () => random);

  it('waits exactly as long as a 429 says, without counting the try', () => {
    expect(policy().decide(telegramError(429, 'Too Many Requests: retry after 7', 7), 5)).toEqual({
      kind: 'wait',
      delayMs: 7_000,
      reason: '429 Too Many Requests: retry after 7',
    });
  });

  it('backs off exponentially on 5xx', () => {
    const delays = [1, 2, 3, 4].map((attempt) => {
      const verdict = policy().decide(telegramError(502, 'Bad Gateway'), attempt);
      return verdict.kind === 'retry' ? verdict.delayMs : null;
    });
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('jitters each delay between half and all of the backoff', () => {
    const low = policy(0).decide(telegramError(500, 'Internal Server Error'), 3);
    const mid = policy(0.5).decide(telegramError(500, 'Internal Server Error'), 3);
    expect(low).toMatchObject({ kind: 'retry', delayMs: 2_000 });
    expect(mid).toMatchObject({ kind: 'retry', delayMs: 3_000 });
  });

  it('caps a delay at five minutes', () => {
    const long = new RetryPolicy({ maxAttempts: 50, baseDelayMs: 1_000 }, () => 1);
    expect(long.decide(new Error('socket hang up'), 30)).toMatchObject({ delayMs: 300_000 });
  });

  it('retries network errors and gives up after the last try', () => {
    const network = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8081'), {
      code: 'ECONNREFUSED',
    });
    expect(policy().decide(network, 4)).toMatchObject({ kind: 'retry' });
    expect(policy().decide(network, 5)).toEqual({
      kind: 'give_up',
      reason: 'connect ECONNREFUSED 127.0.0.1:8081',
    });
  });

  it('stops sending to a chat that answers 403', () => {
    expect(
      policy().decide(telegramError(403, 'Forbidden: bot was blocked by the user'), 1),
    ).toEqual({ kind: 'blocked', reason: '403 Forbidden: bot was blocked by the user' });
  });

  it('treats any other 400 as final, keeping the reason', () => {
    expect(policy().decide(telegramError(400, "Bad Request: can't parse entities"), 1)).toEqual({
      kind: 'rejected',
      reason: "400 Bad Request: can't parse entities",
    });
  });
});
