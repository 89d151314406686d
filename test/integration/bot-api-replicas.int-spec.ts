import { Telegram } from 'telegraf';
import { BotApiGateway } from '../../src/telegram/outbox/bot-api.gateway';
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
import { redisOrSkip, TEST_REDIS_URL } from '../support/redis';
import { dialectUnderTest } from '../support/test-database';

// Every replica is configured with the whole limit: with REDIS_URL they share one budget, so
// nobody divides OUTBOX_GLOBAL_PER_SECOND by the number of replicas any more.
const LIMITS: OutboxSettings = {
  ...FAST,
  limits: { globalPerSecond: 100, privatePerSecond: 5, groupPerMinute: 120 },
};
const FAN_OUT_CHATS = Array.from({ length: 1_000 }, (_, i) => 90_001 + i);
// People who just acted: replies from both replicas to a few chats, while the fan-out runs.
const PEOPLE = [4201, 4202, 4203];

const describeOnPostgres = dialectUnderTest() === 'postgres' ? describe : describe.skip;

describeOnPostgres('two replicas on one PostgreSQL database and one Redis', () => {
  let api: FakeBotApi;
  const replicas: OutboxApp[] = [];
  let replies = 0;

  beforeAll(async () => {
    const redis = await redisOrSkip('the shared send budget spec');
    if (!redis) return;
    await redis.del('rd:budget:global');
    redis.disconnect();
    process.env.REDIS_URL = TEST_REDIS_URL;
    api = await FakeBotApi.start({
      enforceRateLimits: true,
      limits: fakeLimitsOf(LIMITS),
      seed: 21,
    });
    const first = await createOutboxApp({ api, settings: LIMITS });
    replicas.push(first, await createOutboxApp({ api, settings: LIMITS, db: first.db }));
    delete process.env.REDIS_URL;

    await first.enqueue(fanOut(FAN_OUT_CHATS, 1));
    const interactive = replicas.map((replica) => {
      const telegram = new Telegram(api.token, { apiRoot: api.apiRoot });
      replica.get(BotApiGateway).install(telegram, 'interactive');
      return telegram;
    });
    const talking = (async () => {
      for (let round = 0; round < 40; round++) {
        await Promise.all(
          PEOPLE.map((chatId, i) =>
            interactive[(round + i) % 2]
              .sendMessage(chatId, `Ответ ${round}`)
              .then(() => replies++),
          ),
        );
      }
    })();
    await waitUntilSettled(first, 40_000);
    await talking;
  });

  afterAll(async () => {
    for (const replica of replicas.reverse()) await replica.close();
    await api?.stop();
  });

  it('delivers the whole fan-out and every reply', async () => {
    if (!api) return;
    const rows = await outboxRows(replicas[0]);
    expect(rows.filter((row) => row.state === 'sent')).toHaveLength(FAN_OUT_CHATS.length);
    expect(replies).toBe(PEOPLE.length * 40);
    for (const chatId of PEOPLE) expect(api.messages(chatId)).toHaveLength(40);
  });

  it("stays inside Telegram's limits across both replicas, replies and outbox together", () => {
    if (!api) return;
    const sends = { includeEdits: false };
    expect(api.maxMessagesInWindow('all', 1_000, sends)).toBeLessThanOrEqual(100);
    for (const chatId of PEOPLE) {
      expect(api.maxMessagesInWindow(chatId, 1_000, sends)).toBeLessThanOrEqual(5);
    }
    expect(api.calls('sendMessage').filter((call) => call.status === 429)).toEqual([]);
  });

  it('logged no error on either replica', () => {
    expect(replicas.flatMap((replica) => replica.errors)).toEqual([]);
  });
});
