import { BlockedChat } from '../../src/notifications/blocked-chat.entity';
import { Notification } from '../../src/notifications/notification.entity';
import { Master } from '../../src/users/master.entity';
import { MastersService } from '../../src/users/masters.service';
import { UsersService } from '../../src/users/users.service';
import { BotApp, startBotApp } from '../support/bot-app';
import { waitFor } from '../support/service-process';
import { TelegramUser } from '../support/telegram-user';
import { TEST_ADMIN_ID } from '../support/test-env';
import { reasonText } from '../../src/texts/ru/reasons';

describe('work groups and undeliverable notifications', () => {
  let bot: BotApp;
  let admin: TelegramUser;
  let master: Master;
  const GROUP = -4001;
  const SUPERGROUP = -1_001_009_994_001;

  beforeAll(async () => {
    bot = await startBotApp();
    admin = new TelegramUser(bot.api, { id: TEST_ADMIN_ID, first_name: 'Админ' });
    const users = bot.app.get(UsersService);
    const adminActor = await users.upsertFromTelegram({ id: TEST_ADMIN_ID });
    await users.upsertFromTelegram({ id: 4001, first_name: 'Мастер' });
    const masters = bot.app.get(MastersService);
    const added = await masters.add(
      { telegramId: 4001, phone: '+79005554001', specialization: 'Электрика' },
      adminActor,
    );
    if (!added.ok) throw new Error(reasonText(added));
    bot.api.botAddedToGroup({ id: GROUP, title: 'Мастер — работа', type: 'group' });
    await masters.bindWorkGroup(
      added.value.id,
      { id: GROUP, title: 'Мастер — работа', type: 'group' },
      adminActor,
    );
    master = added.value;
  });

  afterAll(() => bot.close());

  it('follows a group upgraded to a supergroup', async () => {
    bot.api.migrateGroup(GROUP, SUPERGROUP);
    const moved = await waitFor(async () => {
      const row = await bot.dataSource.getRepository(Master).findOneByOrFail({ id: master.id });
      return row.workChatId === SUPERGROUP ? row : undefined;
    });
    expect(moved.workChatId).toBe(SUPERGROUP);
  });

  it('delivers to a group again once the bot is added back after a 403', async () => {
    await bot.dataSource
      .getRepository(BlockedChat)
      .save({ chatId: SUPERGROUP, reason: 'Forbidden: bot was kicked', blockedAt: new Date() });
    expect(await bot.dataSource.getRepository(BlockedChat).existsBy({ chatId: SUPERGROUP })).toBe(
      true,
    );
    bot.api.botAddedToGroup({ id: SUPERGROUP, title: 'Мастер — работа', type: 'supergroup' });
    await bot.api.waitFor(
      async () =>
        !(await bot.dataSource.getRepository(BlockedChat).existsBy({ chatId: SUPERGROUP })),
    );
  });

  it('lists failed notifications for admins with /admin outbox', async () => {
    admin.say('/admin outbox');
    await admin.expect('Недоставленных уведомлений нет');
    await bot.dataSource.getRepository(Notification).save({
      chatId: 777,
      kind: 'order_accept',
      payload: {},
      dedupKey: 'spec:failed:1',
      state: 'failed',
      attempts: 10,
      lastError: 'Bad Request: chat not found',
      nextAttemptAt: new Date(),
    });
    admin.say('/admin outbox');
    await admin.expect(/Недоставленные уведомления \(1\)[\s\S]*chat not found/);
  });
});
