// One paste, one tap (issue 20, docs/intake.md): a client's message pasted or forwarded to the
// bot in the private chat opens «➕ Создать заявку» pre-filled; only what it lacks is asked.
import { Order } from '../../src/orders/order.entity';
import { MastersService } from '../../src/users/masters.service';
import { UsersService } from '../../src/users/users.service';
import { BotApp, startBotApp } from '../support/bot-app';
import type { ForwardOrigin, StoredMessage } from '../support/fake-bot-api';
import { buttonsOf, TelegramUser } from '../support/telegram-user';
import { TEST_ADMIN_ID, TEST_DISPATCHER_ID } from '../support/test-env';
import { reasonText } from '../../src/texts/ru/reasons';

const CLIENT_TEXT = 'с/м не сливает, ул. Ленина 5 кв 3, +7 900 123-45-67, завтра с 10 до 12';
const CREATED = /✅ Заявка #(\d+) успешно создана!/;
const MENU_HINT = 'Выберите действие в меню ниже.';

describe('one paste, one tap: an order from a client’s message', () => {
  let bot: BotApp;
  let dispatcher: TelegramUser;
  let master: TelegramUser;
  /** What the dispatcher did: every message sent and every button pressed. */
  let actions = 0;

  beforeAll(async () => {
    bot = await startBotApp();
    dispatcher = new TelegramUser(bot.api, { id: TEST_DISPATCHER_ID, first_name: 'Дарья' });
    master = new TelegramUser(bot.api, { id: 3301, first_name: 'Мастер' });
    const users = bot.app.get(UsersService);
    const admin = await users.upsertFromTelegram({ id: TEST_ADMIN_ID, first_name: 'Антон' });
    await users.upsertFromTelegram({ id: master.id, first_name: 'Мастер' });
    const added = await bot.app
      .get(MastersService)
      .add({ telegramId: master.id, phone: '+79005553301', specialization: 'Электрика' }, admin);
    if (!added.ok) throw new Error(reasonText(added));
    for (const person of [dispatcher, master]) {
      person.say('/start');
      await person.expect('Здравствуйте');
    }
  });

  afterAll(() => bot.close());

  const orders = () => bot.dataSource.getRepository(Order);
  const say = (text: string) => {
    actions++;
    dispatcher.say(text);
  };
  const forward = (text: string, origin: ForwardOrigin) => {
    actions++;
    dispatcher.forward(text, origin);
  };
  const press = (label: string | RegExp) => {
    actions++;
    return dispatcher.press(label);
  };
  /** The order the bot reports as made, as stored. */
  const createdOrder = async () => {
    const created = await dispatcher.expect(CREATED);
    return orders().findOneByOrFail({ id: Number(CREATED.exec(created.text ?? '')?.[1]) });
  };
  /** Nothing more from the bot for a moment: no question, no dialog. */
  const quiet = () => new Promise((resolve) => setTimeout(resolve, 400));

  beforeEach(() => {
    actions = 0;
  });

  it('asks only the client’s name when the message has none: 3 actions in all', async () => {
    say(CLIENT_TEXT);
    const understood = await dispatcher.expect('📥 Из сообщения:');
    expect(understood.text).toBe(
      '📥 Из сообщения: 🔧 Стиральные машины · 📝 с/м не сливает · 📍 ул. Ленина, д. 5, кв. 3 · 📞 +7 900 123-45-67 · 🕐 завтра с 10 до 12',
    );
    await dispatcher.expect(/^Введите имя клиента$/);
    say('Ольга');
    const summary = await dispatcher.expect('📋 Проверьте данные заявки:');
    expect(buttonsOf(summary).map((b) => b.text)).toEqual([
      '✅ Подтвердить',
      '✏️ Исправить поле',
      '❌ Отмена',
    ]);
    await press('✅ Подтвердить');
    expect(await createdOrder()).toMatchObject({
      status: 'NEW',
      equipmentType: 'Стиральные машины',
      problem: 'с/м не сливает',
      clientAddress: 'ул. Ленина, д. 5, кв. 3',
      clientName: 'Ольга',
      clientPhone: '+79001234567',
      arrivalText: 'завтра с 10 до 12',
      notes: null,
    });
    expect(actions).toBe(3);
  });

  it('warns about an active order with the same phone and address before anything is made', async () => {
    const before = await orders().count();
    const existing = await orders().findOneByOrFail({ clientPhone: '+79001234567' });
    say(`${CLIENT_TEXT}, Ольга`);
    const warning = await dispatcher.expect(`⚠️ Похоже на заявку #${existing.id}`);
    expect(buttonsOf(warning).map((b) => b.text)).toEqual([
      '➕ Создать новую',
      `🔎 Открыть заявку #${existing.id}`,
      '❌ Отмена',
    ]);
    await press('❌ Отмена');
    await dispatcher.expect('❌ Действие отменено.');
    expect(await orders().count()).toBe(before);

    // The same again, and this time the dispatcher means it: a second order for the client.
    say(`${CLIENT_TEXT}, Ольга`);
    await dispatcher.expect(`⚠️ Похоже на заявку #${existing.id}`);
    await press('➕ Создать новую');
    await dispatcher.expect('📋 Проверьте данные заявки:');
    await press('✅ Подтвердить');
    expect((await createdOrder()).id).not.toBe(existing.id);
    expect(await orders().count()).toBe(before + 1);
  });

  it('creates the order in 2 actions when the message holds everything', async () => {
    say(
      'Стиралка не сливает воду, пр-т Мира 12 кв 45, Мария Ивановна, 8 916 555-12-12, завтра с 10 до 12',
    );
    await dispatcher.expect('📋 Проверьте данные заявки:');
    await press('✅ Подтвердить');
    expect(await createdOrder()).toMatchObject({
      equipmentType: 'Стиральные машины',
      clientName: 'Мария Ивановна',
      clientAddress: 'пр-т Мира, д. 12, кв. 45',
      clientPhone: '+79165551212',
    });
    expect(actions).toBe(2);
  });

  it('asks only for the phone when the message lacks it, and re-asks a wrong one saying why', async () => {
    say('Холодильник не морозит, ул. Садовая 7 кв 12, клиент Ирина');
    await dispatcher.expect('📥 Из сообщения:');
    await dispatcher.expect(/^Введите телефон клиента/);
    say('12345');
    await dispatcher.expect('Не удалось распознать номер');
    await dispatcher.expect(/^Введите телефон клиента/);
    say('+7 (926) 700-11-22');
    const summary = await dispatcher.expect('📋 Проверьте данные заявки:');
    expect(summary.text).toContain('📞 +79267001122');
    await press('✅ Подтвердить');
    expect(await createdOrder()).toMatchObject({
      equipmentType: 'Холодильники',
      clientName: 'Ирина',
      clientPhone: '+79267001122',
      arrivalText: null,
    });
    expect(actions).toBe(4);
  });

  it('reads a forwarded message the same way and keeps its origin in the notes', async () => {
    const sentAt = Math.floor(new Date('2026-11-30T09:15:00Z').getTime() / 1000);
    forward(
      'Здравствуйте! Посудомойка не сливает. г. Москва, ул. Тверская 10 кв 5. Светлана, 8-903-111-22-33',
      {
        type: 'user',
        sender_user: { id: 777_001, first_name: 'Светлана', last_name: 'Клиентова' },
        date: sentAt,
      },
    );
    await dispatcher.expect('📋 Проверьте данные заявки:');
    await press('✅ Подтвердить');
    const order = await createdOrder();
    expect(order).toMatchObject({
      equipmentType: 'Посудомоечная машина',
      clientName: 'Светлана',
      clientAddress: 'г. Москва, ул. Тверская, д. 10, кв. 5',
      clientPhone: '+79031112233',
    });
    expect(order.notes).toBe('↪️ Переслано от Светлана Клиентова, 30.11.2026 12:15');
    expect(actions).toBe(2);
  });

  it('names a forward whose sender hides their account by the name Telegram gives', async () => {
    forward('Не греет бойлер, ул. Пушкина 3 кв 8, +7 901 222-33-44, Олег', {
      type: 'hidden_user',
      sender_user_name: 'Олег С.',
      date: Math.floor(new Date('2026-11-30T06:00:00Z').getTime() / 1000),
    });
    await press('✅ Подтвердить');
    expect((await createdOrder()).notes).toBe('↪️ Переслано от Олег С., 30.11.2026 09:00');
  });

  it('takes a pasted message at step 1 of «➕ Создать заявку» too', async () => {
    say('➕ Создать заявку');
    await dispatcher.expect('Шаг 1/7');
    say('Искрит розетка на кухне, ул. Лесная 4 кв 9, +7 902 333-44-55, Пётр Сергеевич');
    await dispatcher.expect('📥 Из сообщения: 🔧 Электрика');
    await dispatcher.expect('📋 Проверьте данные заявки:');
    await press('✅ Подтвердить');
    expect(await createdOrder()).toMatchObject({
      equipmentType: 'Электрика',
      clientPhone: '+79023334455',
    });
  });

  it('corrects a field from the summary with «✏️ Исправить поле» and returns to it', async () => {
    say('Течёт смеситель, ул. Речная 2 кв 1, +7 903 444-55-66, Нина, завтра с 12');
    await press('✏️ Исправить поле');
    await dispatcher.expect('✏️ Какое поле исправить?');
    await press('📞 Телефон');
    await dispatcher.expect(/^Введите телефон клиента/);
    say('+7 903 444-55-67');
    const summary = await dispatcher.expect('📋 Проверьте данные заявки:');
    expect(summary.text).toContain('📞 +79034445567');
    await press('✅ Подтвердить');
    expect(await createdOrder()).toMatchObject({ clientPhone: '+79034445567', clientName: 'Нина' });
  });

  it('asks again for an arrival time that has passed, saying so', async () => {
    say('Не работает ТВ, ул. Школьная 6 кв 2, +7 904 555-66-77, Вера, 01.10.2026 14:00');
    await dispatcher.expect('📥 Из сообщения:');
    const asked: StoredMessage = await dispatcher.expect(/^Время прибытия к клиенту/);
    const said = bot.api.messages(dispatcher.id).filter((m) => m.message_id < asked.message_id);
    expect(said.at(-1)?.text).toMatch(/прошл/i);
    say('завтра в 15:00');
    await dispatcher.expect('📋 Проверьте данные заявки:');
    await press('✅ Подтвердить');
    expect(await createdOrder()).toMatchObject({ arrivalText: 'завтра в 15:00' });
  });

  it('answers a greeting or a question with the menu, as before, and opens no dialog', async () => {
    const before = await orders().count();
    for (const text of ['Здравствуйте!', 'Подскажите, когда приедет мастер к клиенту на Ленина?']) {
      say(text);
      await dispatcher.expect(MENU_HINT);
    }
    say('Анна');
    await dispatcher.expect(MENU_HINT);
    await quiet();
    expect(await orders().count()).toBe(before);
  });

  it('gives a master without dispatcher rights today’s answer to the same message', async () => {
    master.say(CLIENT_TEXT);
    await master.expect(MENU_HINT);
    await quiet();
    expect(bot.api.messages(master.id).some((m) => m.text?.startsWith('📥'))).toBe(false);
  });
});
