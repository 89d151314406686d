import { CallBudget, MemoryBudgetStore, Priority } from './call-budget';

const LIMITS = { globalPerSecond: 30, privatePerSecond: 1, groupPerMinute: 20 };

/** Asks for a slot for each chat at once; returns the moment each was let through. */
async function sendTimes(budget: CallBudget, chatIds: number[], priority: Priority = 'bulk') {
  const start = Date.now();
  const times: number[] = new Array(chatIds.length);
  const done = Promise.all(
    chatIds.map((chatId, i) =>
      budget.take(chatId, priority).then(() => (times[i] = Date.now() - start)),
    ),
  );
  while (budget.waiting > 0) await jest.advanceTimersByTimeAsync(5);
  await done;
  return times;
}

/** The most sends inside any window of `windowMs` (half-open, as a sliding window). */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i] - sorted[j] >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('CallBudget', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  const budget = () => new CallBudget(LIMITS, new MemoryBudgetStore());

  it('keeps one private chat to one message per second, with a safety margin', async () => {
    const times = await sendTimes(budget(), [7, 7, 7, 7]);
    expect(times[0]).toBe(0);
    for (let i = 1; i < times.length; i++)
      expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(1050);
  });

  it('keeps one group to 20 messages per minute in any window', async () => {
    const times = await sendTimes(budget(), new Array(45).fill(-100));
    expect(maxInWindow(times, 60_000)).toBeLessThanOrEqual(20);
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(3150);
  });

  it('keeps all chats together to 30 messages per second in any window', async () => {
    const chats = Array.from({ length: 300 }, (_, i) => i + 1);
    const times = await sendTimes(budget(), chats);
    expect(maxInWindow(times, 1_000)).toBeLessThanOrEqual(30);
    // 300 messages at 30/s (2 % slower) take about ten seconds, not more.
    expect(Math.max(...times)).toBeLessThan(10_400);
  });

  it('lets other chats use the global slots while one chat waits for its own', async () => {
    const times = await sendTimes(budget(), [5, 5, 6, 7, 8]);
    expect(times[1]).toBeGreaterThanOrEqual(1050);
    expect(Math.max(times[2], times[3], times[4])).toBeLessThan(200);
  });

  it('lets a person who just acted go before a queue of bulk sends', async () => {
    const shared = budget();
    const start = Date.now();
    const bulk = Array.from({ length: 300 }, (_, i) => shared.take(1_000 + i, 'bulk'));
    await jest.advanceTimersByTimeAsync(500);
    let repliedAt = 0;
    const reply = shared.take(42, 'interactive').then(() => (repliedAt = Date.now() - start));
    while (!repliedAt) await jest.advanceTimersByTimeAsync(5);
    // The next free global slot (≈34 ms), not the end of the queue (≈10 s).
    expect(repliedAt).toBeLessThan(600);
    while (shared.waiting > 0) await jest.advanceTimersByTimeAsync(50);
    await Promise.all([reply, ...bulk]);
  });

  it('holds a chat for as long as a 429 said, for every caller', async () => {
    const shared = budget();
    await shared.hold(7, 3_000);
    const [interactive] = await sendTimes(shared, [7], 'interactive');
    expect(interactive).toBeGreaterThanOrEqual(3_000);
  });

  it('gives up waiting when the signal is aborted (shutdown)', async () => {
    const shared = budget();
    const abort = new AbortController();
    await shared.take(9, 'bulk');
    const waiting = shared.take(9, 'bulk', abort.signal);
    abort.abort(new Error('stopping'));
    await expect(waiting).rejects.toThrow('stopping');
    expect(shared.waiting).toBe(0);
  });
});
