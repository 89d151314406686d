import { ConsoleLogger } from '@nestjs/common';
import { BotApp, startBotApp } from '../support/bot-app';
import { GROUP_ANONYMOUS_BOT } from '../support/fake-bot-api';
import { TelegramUser } from '../support/telegram-user';

/**
 * Updates nobody can be answered for get a deliberate silence, and every button press an
 * answer: bot senders in a group, updates without a chat, a flood of presses (issue 19).
 */
describe('updates that get a deliberate silence', () => {
  let bot: BotApp;
  let errors: jest.SpyInstance;
  const GROUP = -4_019_001;
  const guest = { id: 19_001, first_name: 'Гость' };

  const errorLines = () => errors.mock.calls.map((call) => String(call[0]));
  const apologies = (chatId: number) =>
    bot.api.messages(chatId).filter((m) => m.visibleText?.includes('Что-то пошло не так'));
  /** Every update queued so far was taken and handled (the chain is done with it). */
  const settled = () => bot.api.waitFor(() => bot.api.pendingUpdates().length === 0);

  beforeAll(async () => {
    bot = await startBotApp({ FLOOD_BURST: '2', FLOOD_UPDATES_PER_SECOND: '0.5' });
    // The bot is an admin there: with privacy mode on it would not hear plain text otherwise.
    bot.api.botAddedToGroup({ id: GROUP, title: 'Мастер — работа' }, { asAdmin: true });
  });

  beforeEach(() => (errors = jest.spyOn(ConsoleLogger.prototype, 'error')));
  afterEach(() => errors.mockRestore());
  afterAll(() => bot.close());

  it('ignores an anonymous group admin quietly', async () => {
    bot.api.anonymousAdminSends(GROUP, '/start');
    bot.api.anonymousAdminSends(GROUP, 'ℹ️ Информация');
    await settled();
    // The next person's command is answered: the anonymous ones were taken and dropped.
    bot.api.userSendsText(guest, '/start', GROUP);
    await bot.api.waitForMessage(GROUP, 'Здравствуйте');
    expect(apologies(GROUP)).toEqual([]);
    expect(errorLines()).toEqual([]);
  });

  it("ignores a linked channel's automatic forward quietly", async () => {
    const before = bot.api.messages(GROUP).length;
    bot.api.channelForwardArrives(GROUP, '/start новый пост канала');
    bot.api.channelForwardArrives(GROUP, 'Просто пост');
    await settled();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(apologies(GROUP)).toEqual([]);
    expect(bot.api.messages(GROUP).slice(before)).toEqual([]);
    expect(errorLines()).toEqual([]);
  });

  it('ignores another bot (delivered only by a forged update) quietly', async () => {
    expect(bot.api.otherBotSends(GROUP, '/start')).toBeUndefined();
    const otherBot = { id: 5_550_002, is_bot: true, first_name: 'Other bot' };
    bot.api.pushUpdate({
      message: {
        message_id: 9_999,
        date: Math.floor(Date.now() / 1000),
        chat: { id: GROUP, type: 'supergroup', title: 'Мастер — работа' },
        from: otherBot,
        text: '/start',
        entities: [{ type: 'bot_command', offset: 0, length: 6 }],
      },
    });
    bot.api.pushUpdate({
      message: {
        message_id: 10_000,
        date: Math.floor(Date.now() / 1000),
        chat: { id: GROUP, type: 'supergroup', title: 'Мастер — работа' },
        from: GROUP_ANONYMOUS_BOT,
        sender_chat: { id: GROUP, type: 'supergroup', title: 'Мастер — работа' },
        photo: [{ file_id: 'p', file_unique_id: 'p', width: 90, height: 90 }],
        caption: '/start',
      },
    });
    await settled();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(apologies(GROUP)).toEqual([]);
    expect(errorLines()).toEqual([]);
  });

  it('answers a button under an inline message and ignores an inline query, without throwing', async () => {
    const inlineUser = { id: 19_002, first_name: 'Инлайн' };
    const presses = Array.from({ length: 6 }, () =>
      bot.api.userPressesInlineButton(inlineUser, 'o:accept:1:1'),
    );
    for (let i = 0; i < 6; i++) bot.api.userTypesInlineQuery(inlineUser, `поиск ${i}`);
    await settled();
    // Every press stops spinning, throttled or not.
    for (const press of presses) {
      await bot.api.waitFor(() => bot.api.callbackAnswers(press.callback_query?.id)[0]);
    }
    expect(bot.api.calls('answerInlineQuery')).toEqual([]);
    expect(errorLines()).toEqual([]);
  });

  it('answers every throttled button press with a short toast, never a message in a group', async () => {
    const master = new TelegramUser(bot.api, { id: 19_003, first_name: 'Торопыга' });
    master.say('/start', GROUP);
    const greeting = await bot.api.waitForMessage(GROUP, 'Здравствуйте, Торопыга');
    const before = bot.api.messages(GROUP).length;
    const presses = Array.from(
      { length: 12 },
      (_, i) =>
        bot.api.userPressesButton(master.user, greeting, `o:accept:${i}:1`, { forged: true })
          .callback_query?.id,
    );
    const answers = await bot.api.waitFor(() => {
      const all = presses.map((id) => bot.api.callbackAnswers(id)[0]);
      return all.every(Boolean) && all;
    }, 8_000);
    const toasts = answers.filter((a) => a?.text?.startsWith('⏳'));
    expect(toasts.length).toBeGreaterThan(0);
    for (const toast of toasts) {
      expect(toast?.show_alert).toBeFalsy();
      expect([...(toast?.text ?? '')].length).toBeLessThanOrEqual(200);
    }
    await settled();
    expect(bot.api.messages(GROUP).slice(before)).toEqual([]);
  });

  it('still warns a flooding person in their private chat', async () => {
    const hasty = new TelegramUser(bot.api, { id: 19_004, first_name: 'Спешащий' });
    for (let i = 0; i < 6; i++) hasty.say('/start');
    await bot.api.waitForMessage(hasty.id, 'Слишком много сообщений');
  });
});
