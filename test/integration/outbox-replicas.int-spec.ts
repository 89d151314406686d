import { Notification } from '../../src/notifications/notification.entity';
import { OutboxClaimer } from '../../src/notifications/outbox.claimer';
import { OutboxSettings } from '../../src/notifications/outbox-settings';
import { FakeBotApi } from '../support/fake-bot-api';
import {
  createOutboxApp,
  FAST,
  fakeLimitsOf,
  fanOut,
  OutboxApp,
  outboxRows,
  waitUntilSettled,
} from '../support/outbox/outbox-harness';
import { dialectUnderTest } from '../support/test-database';

const CHATS = Array.from({ length: 300 }, (_, i) => 80_001 + i);

// Each replica keeps its own buckets, so two of them share the global limit half and half.
const HALF: OutboxSettings = {
  ...FAST,
  limits: { ...FAST.limits, globalPerSecond: FAST.limits.globalPerSecond / 2 },
};

// Several senders need a database that lets them claim side by side; SQLite is one process.
const describeOnPostgres = dialectUnderTest() === 'postgres' ? describe : describe.skip;

describeOnPostgres('two outbox senders on one PostgreSQL database', () => {
  let api: FakeBotApi;
  let first: Awaited<ReturnType<typeof createOutboxApp>>;
  let second: OutboxApp;
  const claimedBy = new Map<OutboxApp, number>();

  beforeAll(async () => {
    api = await FakeBotApi.start({ enforceRateLimits: true, limits: fakeLimitsOf(FAST), seed: 11 });
    first = await createOutboxApp({ api, settings: HALF });
    second = await createOutboxApp({ api, settings: HALF, db: first.db });
    for (const app of [first, second]) {
      const claimer = app.get(OutboxClaimer);
      const claim = claimer.claim.bind(claimer);
      jest.spyOn(claimer, 'claim').mockImplementation(async (...args) => {
        const rows = await claim(...args);
        claimedBy.set(app, (claimedBy.get(app) ?? 0) + rows.length);
        return rows;
      });
    }
    api.injectFault({ method: 'sendMessage', probability: 0.05, fault: { code: 500 } });
    await first.enqueue(fanOut(CHATS, 2));
    await waitUntilSettled(first, 25_000);
  });

  afterAll(async () => {
    await second?.close();
    await first?.close();
    await api?.stop();
  });

  it('delivers the batch with no duplicates, each chat in order', async () => {
    const rows = await outboxRows(first);
    expect(rows).toHaveLength(600);
    expect(rows.filter((row: Notification) => row.state !== 'sent')).toEqual([]);
    for (const chatId of CHATS) {
      const delivered = api.messages(chatId).map((message) => message.message_id);
      const recorded = rows.filter((row) => row.chatId === chatId).map((row) => row.sentMessageId);
      expect({ chatId, messages: delivered }).toEqual({ chatId, messages: recorded });
    }
  });

  it('logged no error on either sender', () => {
    expect([...first.errors, ...second.errors]).toEqual([]);
  });

  it('shared the work between both senders', () => {
    expect(claimedBy.get(first)).toBeGreaterThan(50);
    expect(claimedBy.get(second)).toBeGreaterThan(50);
  });
});
