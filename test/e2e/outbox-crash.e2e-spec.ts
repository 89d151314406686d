import { In } from 'typeorm';
import { Notification } from '../../src/notifications/notification.entity';
import { Outbox } from '../../src/notifications/outbox';
import { FakeBotApi } from '../support/fake-bot-api';
import { personalNotice } from '../support/outbox/outbox-harness';
import { SenderChild, spawnSender } from '../support/outbox/sender-child';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const CHATS = Array.from({ length: 200 }, (_, i) => 90_001 + i);

// Fifty a second: the batch takes four seconds, so the kill lands in the middle of it.
const LIMITS = { globalPerSecond: 50, perPrivateChatPerSecond: 10, perGroupPerMinute: 200 };

describe('the outbox sender killed half-way through a batch', () => {
  let api: FakeBotApi;
  let db: TestDatabase;
  let sender: SenderChild | undefined;

  const env = () => ({
    BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    DATABASE_PATH: db.settings.DATABASE_PATH as string,
    MIGRATIONS_RUN: 'true',
    TZ: 'Europe/Moscow',
    OUTBOX_GLOBAL_PER_SECOND: String(LIMITS.globalPerSecond),
    OUTBOX_PRIVATE_PER_SECOND: String(LIMITS.perPrivateChatPerSecond),
    OUTBOX_GROUP_PER_MINUTE: String(LIMITS.perGroupPerMinute),
    OUTBOX_RETRY_BASE_MS: '50',
  });
  const delivered = () => api.calls('sendMessage').filter((call) => call.status === 200).length;

  beforeAll(async () => {
    api = await FakeBotApi.start({ enforceRateLimits: true, limits: LIMITS });
    db = await createTestDatabase();
    const ds = await db.dataSource();
    await ds.transaction((tx) =>
      new Outbox().enqueue(
        tx,
        CHATS.map((chatId) => personalNotice(chatId, 1)),
      ),
    );
    await ds.destroy();
  });

  afterAll(async () => {
    if (sender?.child.exitCode === null) sender.child.kill('SIGKILL');
    await api.stop();
    await db.drop();
  });

  it('delivers the rest after a restart, duplicating at most the message in flight', async () => {
    sender = spawnSender(env(), process.cwd());
    await api
      .waitFor(() => delivered() >= CHATS.length / 2, 20_000)
      .catch((error: Error) => {
        throw new Error(`${error.message}\n${sender?.output()}`);
      });
    sender.child.kill('SIGKILL');
    expect(await sender.exited).toMatchObject({ signal: 'SIGKILL' });
    expect(delivered()).toBeLessThan(CHATS.length);
    // Rows claimed by the dead process: due again at the restart, not when their lease runs out.
    const killed = await db.dataSource({ migrationsRun: false });
    expect(await killed.getRepository(Notification).countBy({ state: 'sending' })).toBeGreaterThan(
      0,
    );
    await killed.destroy();

    sender = spawnSender(env(), process.cwd());
    await api.waitFor(() => CHATS.every((chatId) => api.messages(chatId).length > 0), 20_000);
    // A graceful stop lets the last rows settle before the database is read. Nest re-raises
    // the signal once its shutdown hooks have run, so a clean stop still ends "by SIGTERM".
    sender.child.kill('SIGTERM');
    expect(await sender.exited).toMatchObject({ signal: 'SIGTERM' });
    expect(sender.output()).not.toMatch(/error/i);

    const duplicates = CHATS.reduce((sum, chatId) => sum + api.messages(chatId).length - 1, 0);
    expect(duplicates).toBeLessThanOrEqual(1);
    const ds = await db.dataSource({ migrationsRun: false });
    const unsent = await ds
      .getRepository(Notification)
      .countBy({ state: In(['pending', 'sending', 'failed', 'skipped']) });
    expect(unsent).toBe(0);
  });
});
