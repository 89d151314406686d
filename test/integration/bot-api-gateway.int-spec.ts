import { Telegram } from 'telegraf';
import { BotApiGateway } from '../../src/telegram/outbox/bot-api.gateway';
import { Notification } from '../../src/notifications/notification.entity';
import { Master } from '../../src/users/master.entity';
import { MastersService } from '../../src/users/masters.service';
import { User } from '../../src/users/user.entity';
import { UsersService } from '../../src/users/users.service';
import { FakeBotApi } from '../support/fake-bot-api';
import {
  createOutboxApp,
  FAST,
  OutboxApp,
  waitUntilSettled,
} from '../support/outbox/outbox-harness';
import { dialectUnderTest } from '../support/test-database';
import { TEST_ADMIN_ID } from '../support/test-env';
import { reasonText } from '../../src/texts/ru/reasons';

const PERSON = { id: 4101, first_name: 'Ирина' };

describe(`the Bot API gateway for a handler's calls on ${dialectUnderTest()}`, () => {
  let api: FakeBotApi;
  let app: OutboxApp;
  let telegram: Telegram;

  beforeAll(async () => {
    api = await FakeBotApi.start();
    // The first spec's retries take about 1.3 s: a bound well above that keeps a loaded
    // machine from handing that reply to the outbox; the last spec outlasts it on purpose.
    app = await createOutboxApp({ api, settings: { ...FAST, interactiveBoundMs: 5_000 } });
    // What the Telegram adapter does to each update's client.
    telegram = new Telegram(api.token, { apiRoot: api.apiRoot });
    app.get(BotApiGateway).install(telegram, 'interactive');
    await app.get(UsersService).upsertFromTelegram(PERSON);
  });

  afterAll(async () => {
    await app.close();
    await api.stop();
  });

  beforeEach(() => api.clearFaults());

  const sent = (chatId: number) => api.messages(chatId).map((message) => message.text);

  it('waits out a 429 and retries a 500, and the reply arrives once', async () => {
    api.injectFault({ method: 'sendMessage', times: 1, fault: { code: 429, retryAfter: 1 } });
    api.injectFault({ method: 'sendMessage', times: 1, fault: { code: 500 } });
    const started = Date.now();
    const message = await telegram.sendMessage(PERSON.id, 'Через две попытки');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(message.message_id).toBeGreaterThan(0);
    expect(sent(PERSON.id).filter((text) => text === 'Через две попытки')).toHaveLength(1);
    expect(
      api
        .calls('sendMessage')
        .map((call) => call.status)
        .slice(-3),
    ).toEqual([429, 500, 200]);
  });

  it('takes an edit that changes nothing and a too-old callback answer as done', async () => {
    const message = await telegram.sendMessage(PERSON.id, 'Карточка');
    await expect(
      telegram.editMessageText(PERSON.id, message.message_id, undefined, 'Карточка'),
    ).resolves.toBe(true);
    api.injectFault({
      method: 'answerCallbackQuery',
      times: 1,
      fault: {
        code: 400,
        description:
          'Bad Request: query is too old and response timeout expired or query ID is invalid',
      },
    });
    await expect(telegram.answerCbQuery('old-query')).resolves.toBe(true);
  });

  it('marks a person who blocked the bot, so the outbox skips them', async () => {
    api.injectFault({
      method: 'sendMessage',
      chatId: PERSON.id,
      times: 1,
      fault: { code: 403, description: 'Forbidden: bot was blocked by the user' },
    });
    await expect(telegram.sendMessage(PERSON.id, 'Не дойдёт')).rejects.toMatchObject({ code: 403 });
    const user = await app.read((tx) => tx.findOneByOrFail(User, { telegramId: PERSON.id }));
    expect(user.blockedBot).toBe(true);
    await app.read((tx) => tx.update(User, { telegramId: PERSON.id }, { blockedBot: false }));
  });

  it('refuses a bad request at once, without retrying it', async () => {
    const before = api.calls('sendMessage').length;
    await expect(
      telegram.sendMessage(PERSON.id, '<b>не закрыт', { parse_mode: 'HTML' }),
    ).rejects.toMatchObject({
      code: 400,
    });
    expect(api.calls('sendMessage').length).toBe(before + 1);
  });

  it('follows a work group that became a supergroup, once, and sends there', async () => {
    const masterId = 4102;
    await app.get(UsersService).upsertFromTelegram({ id: masterId, first_name: 'Пётр' });
    const admin = await app.get(UsersService).actorByTelegramId(TEST_ADMIN_ID);
    const added = await app
      .get(MastersService)
      .add(
        { telegramId: masterId, phone: '+7 900 555-44-33', specialization: 'Сантехника' },
        admin!,
      );
    if (!added.ok) throw new Error(reasonText(added));
    api.botAddedToGroup({ id: -5101, title: 'Группа Петра', type: 'group' });
    await app.read((tx) => tx.update(Master, { id: added.value.id }, { workChatId: -5101 }));
    api.migrateGroup(-5101, -1001000005101);

    await telegram.sendMessage(-5101, 'Новая заявка');

    expect(sent(-1001000005101)).toContain('Новая заявка');
    const master = await app.read((tx) => tx.findOneByOrFail(Master, { id: added.value.id }));
    expect(master.workChatId).toBe(-1001000005101);
  });

  it('hands a reply still failing after the bound to the outbox, which delivers it', async () => {
    const stop = api.injectFault({
      method: 'sendMessage',
      chatId: PERSON.id,
      fault: { code: 502 },
    });
    const message = await telegram.sendMessage(PERSON.id, 'Ответ позже', { parse_mode: 'HTML' });
    expect(message.message_id).toBe(0);
    expect(sent(PERSON.id)).not.toContain('Ответ позже');
    const [row] = await app.read((tx) => tx.findBy(Notification, { kind: 'bot_api.call' }));
    expect(row.payload).toMatchObject({ method: 'sendMessage', params: { text: 'Ответ позже' } });
    stop();
    await waitUntilSettled(app);
    expect(sent(PERSON.id)).toContain('Ответ позже');
  });
});
