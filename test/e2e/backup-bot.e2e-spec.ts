import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BotApp, startBotApp } from '../support/bot-app';
import { TelegramUser } from '../support/telegram-user';
import { TEST_ADMIN_ID, TEST_DISPATCHER_ID } from '../support/test-env';

describe('/admin backup', () => {
  let bot: BotApp;

  beforeAll(async () => {
    bot = await startBotApp({
      BACKUP_DIR: mkdtempSync(join(tmpdir(), 'repair-dispatch-backups-')),
    });
  });

  afterAll(() => bot.close());

  it('makes a backup now and sends it to the admin as a file', async () => {
    const admin = new TelegramUser(bot.api, { id: TEST_ADMIN_ID, first_name: 'Админ' });
    admin.say('/admin backup');
    await admin.expect('Резервная копия создана', TEST_ADMIN_ID, 15_000);
    const file = bot.api.messages(TEST_ADMIN_ID).find((m) => m.document);
    expect(file?.document?.file_name).toMatch(
      /^bot_database_\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}\.db\.gz$/,
    );
    expect(file?.document?.file_size).toBeGreaterThan(0);
  });

  it('refuses a dispatcher', async () => {
    const dispatcher = new TelegramUser(bot.api, { id: TEST_DISPATCHER_ID, first_name: 'Дарья' });
    dispatcher.say('/admin backup');
    await dispatcher.expect('⛔');
    expect(bot.api.messages(TEST_DISPATCHER_ID).some((m) => m.document)).toBe(false);
  });
});
