import { Order } from '../../src/orders/order.entity';
import { BotApp, startBotApp } from '../support/bot-app';
import type { StoredMessage, Update } from '../support/fake-bot-api';
import { buttonsOf, TelegramUser } from '../support/telegram-user';
import { TEST_DISPATCHER_ID } from '../support/test-env';

const NOT_TEXT: Record<string, object> = {
  photo: { photo: [{ file_id: 'p1', file_unique_id: 'p1', width: 90, height: 90 }] },
  sticker: {
    sticker: {
      file_id: 's1',
      file_unique_id: 's1',
      type: 'regular',
      width: 512,
      height: 512,
      is_animated: false,
      is_video: false,
    },
  },
  voice: { voice: { file_id: 'v1', file_unique_id: 'v1', duration: 2 } },
  location: { location: { latitude: 55.75, longitude: 37.62 } },
  venue: {
    location: { latitude: 55.75, longitude: 37.62 },
    venue: {
      location: { latitude: 55.75, longitude: 37.62 },
      title: 'Кафе',
      address: 'ул. Ленина, 5',
    },
  },
  animation: {
    animation: {
      file_id: 'a1',
      file_unique_id: 'a1',
      width: 100,
      height: 100,
      duration: 1,
    },
  },
  dice: { dice: { emoji: '🎲', value: 3 } },
  document: { document: { file_id: 'd1', file_unique_id: 'd1', file_name: 'x.pdf' } },
};

describe('answers a dialog cannot take', () => {
  let bot: BotApp;
  let dispatcher: TelegramUser;
  let messageId = 500_000;

  beforeAll(async () => {
    bot = await startBotApp();
    dispatcher = new TelegramUser(bot.api, { id: TEST_DISPATCHER_ID, first_name: 'Дарья' });
  });

  afterAll(() => bot.close());

  /** A message of another kind than text in the dispatcher's private chat. */
  const sendNotText = (content: object): number => {
    const since = Date.now();
    bot.api.pushUpdate({
      message: {
        message_id: ++messageId,
        date: Math.floor(since / 1000),
        chat: { id: dispatcher.id, type: 'private', first_name: 'Дарья' },
        from: { id: dispatcher.id, is_bot: false, first_name: 'Дарья' },
        ...content,
      },
    } as Partial<Update>);
    return since;
  };

  const botSaysAfter = (since: number, match: string | RegExp): Promise<StoredMessage> =>
    bot.api.waitFor(() =>
      bot.api
        .messages(dispatcher.id)
        .find(
          (m) =>
            m.sentAt > since &&
            (typeof match === 'string' ? m.text?.includes(match) : match.test(m.text ?? '')),
        ),
    );

  const startCreation = async () => {
    dispatcher.say('/start');
    await dispatcher.expect('Выберите действие');
    dispatcher.say('➕ Создать заявку');
    await dispatcher.expect('Шаг 1/7');
  };

  // A new client each time: a known phone would add the «Клиент уже обращался» step.
  let phone = 5_554_400;
  const fillUpToArrival = async () => {
    await dispatcher.press('Холодильники');
    await dispatcher.expect('Шаг 2/7');
    dispatcher.say('Не морозит морозилка');
    await dispatcher.expect('Шаг 3/7');
    dispatcher.say('ул. Ленина, д. 5, кв. 12');
    await dispatcher.expect('Шаг 4/7');
    dispatcher.say('Анна');
    await dispatcher.expect('Шаг 5/7');
    dispatcher.say(`8900${++phone}`);
    await dispatcher.expect('Шаг 6/7');
    await dispatcher.press('⏭️ Пропустить');
    await dispatcher.expect('Шаг 7/7');
  };

  it('answers a photo, a sticker, a voice, a location… at every kind of step with «Пожалуйста, отправьте текст» and the question again', async () => {
    await startCreation();
    // Step 1 is answered by buttons: the question comes back with them.
    let since = sendNotText(NOT_TEXT.sticker);
    await botSaysAfter(since, 'Пожалуйста, отправьте текст');
    const step1 = await botSaysAfter(since, 'Шаг 1/7');
    expect(buttonsOf(step1).map((b) => b.text)).toContain('Холодильники');

    await dispatcher.press('Холодильники');
    await dispatcher.expect('Шаг 2/7');
    for (const [kind, content] of Object.entries(NOT_TEXT)) {
      since = sendNotText(content);
      await botSaysAfter(since, 'Пожалуйста, отправьте текст').catch(() => {
        throw new Error(`no answer to a ${kind}`);
      });
      await botSaysAfter(since, 'Шаг 2/7');
    }
    dispatcher.say('❌ Отмена');
    await dispatcher.expect('отменено');
  });

  it('takes five zero-width spaces for an empty description, and strips invisible characters from a real one', async () => {
    await startCreation();
    await dispatcher.press('Холодильники');
    await dispatcher.expect('Шаг 2/7');
    dispatcher.say('\u200B\u200B\u200B\u200B\u200B');
    await dispatcher.expect(/коротк/i);
    await dispatcher.expect('Шаг 2/7');
    dispatcher.say('\u200BНе\u0000 морозит\u200D\u202E\r\nморозилка\uFEFF');
    await dispatcher.expect('Шаг 3/7');
    dispatcher.say('ул. Ленина, д. 5, кв. 12');
    await dispatcher.expect('Шаг 4/7');
    dispatcher.say('Анна');
    await dispatcher.expect('Шаг 5/7');
    dispatcher.say('8 (900) 555-44-33');
    await dispatcher.expect('Шаг 6/7');
    await dispatcher.press('⏭️ Пропустить');
    await dispatcher.expect('Шаг 7/7');
    await dispatcher.press('⏭️ Пропустить');
    const summary = await dispatcher.expect('Проверьте данные');
    expect(summary.text).toContain('📝 Не морозит\nморозилка');
    dispatcher.say('❌ Отмена');
    await dispatcher.expect('отменено');
  });

  it('refuses a 4 100-character arrival instruction with a reason and asks again; every message fits', async () => {
    await startCreation();
    await fillUpToArrival();
    dispatcher.say('Позвонить за час. '.repeat(228).slice(0, 4100));
    await dispatcher.expect('Слишком длинно');
    await dispatcher.expect('Шаг 7/7');
    dispatcher.say('Позвонить за час до приезда');
    const summary = await dispatcher.expect('Проверьте данные');
    expect(summary.text).toContain('Позвонить за час до приезда');
    const refused = bot.api.calls().filter((call) => call.status >= 400);
    expect(refused).toEqual([]);
    dispatcher.say('❌ Отмена');
    await dispatcher.expect('отменено');
  });

  it('answers a typed text at the summary with the summary again, whose buttons still work', async () => {
    const before = await bot.dataSource.getRepository(Order).count();
    await startCreation();
    await fillUpToArrival();
    await dispatcher.press('⏭️ Пропустить');
    await dispatcher.expect('Проверьте данные');
    dispatcher.say('да');
    await dispatcher.expect('кнопками');
    const again = await dispatcher.expect('Проверьте данные');
    dispatcher.pressOn(again, '✅ Подтвердить');
    await dispatcher.expect(/✅ Заявка #\d+ успешно создана!/);
    expect(await bot.dataSource.getRepository(Order).count()).toBe(before + 1);
  });

  it('acts once on the same confirm delivered twice', async () => {
    const before = await bot.dataSource.getRepository(Order).count();
    await startCreation();
    await fillUpToArrival();
    await dispatcher.press('⏭️ Пропустить');
    const summary = await dispatcher.expect('Проверьте данные');
    const data = buttonsOf(summary).find((b) => b.text === '✅ Подтвердить')?.callback_data;
    const press = bot.api.userPressesButton(dispatcher.user, summary, data as string);
    bot.api.pushUpdate(press);
    await dispatcher.expect(/✅ Заявка #\d+ успешно создана!/);
    bot.api.pushUpdate(press);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await bot.dataSource.getRepository(Order).count()).toBe(before + 1);
    const told = bot.api
      .messages(dispatcher.id)
      .filter((m) => /успешно создана/.test(m.text ?? '') && m.sentAt > summary.sentAt);
    expect(told).toHaveLength(1);
  });
});
