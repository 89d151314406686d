import { Order } from '../../src/orders/order.entity';
import { OrderStatusHistory } from '../../src/orders/order-status-history.entity';
import { OrdersService } from '../../src/orders/orders.service';
import { MastersService } from '../../src/users/masters.service';
import { UsersService } from '../../src/users/users.service';
import { searchAddressOf } from '../../src/orders/order-search.service';
import { BotApp, startBotApp } from '../support/bot-app';
import { pageThrough } from '../support/paging';
import { buttonsOf, TelegramUser } from '../support/telegram-user';
import { TEST_ADMIN_ID, TEST_DISPATCHER_ID } from '../support/test-env';
import { reasonText } from '../../src/texts/ru/reasons';

describe('the dispatcher in the bot', () => {
  let bot: BotApp;
  let dispatcher: TelegramUser;
  let admin: TelegramUser;
  let stranger: TelegramUser;

  beforeAll(async () => {
    bot = await startBotApp();
    dispatcher = new TelegramUser(bot.api, { id: TEST_DISPATCHER_ID, first_name: 'Дарья' });
    admin = new TelegramUser(bot.api, { id: TEST_ADMIN_ID, first_name: 'Антон' });
    stranger = new TelegramUser(bot.api, { id: 9001, first_name: 'Незнакомец' });
  });

  afterAll(() => bot.close());

  const orders = () => bot.dataSource.getRepository(Order);

  it('shows a stranger only info and their Telegram id', async () => {
    stranger.say('/start');
    const welcome = await stranger.expect('попросите администратора');
    expect(JSON.stringify(welcome.reply_markup)).toContain('📞 Связаться');
    expect(JSON.stringify(welcome.reply_markup)).not.toContain('➕ Создать заявку');
    stranger.say('📞 Связаться');
    await stranger.expect(`Ваш Telegram ID для регистрации: ${stranger.id}`);
    stranger.say('➕ Создать заявку');
    await stranger.expect('Вы не зарегистрированы');
  });

  it('creates an order in 7 steps, re-asking after every wrong answer', async () => {
    dispatcher.say('/start');
    await dispatcher.expect('Выберите действие');
    dispatcher.say('➕ Создать заявку');
    await dispatcher.expect('Шаг 1/7');
    dispatcher.say('стиралка');
    await dispatcher.expect('кнопкой');
    await dispatcher.press('Холодильники');
    await dispatcher.expect('Шаг 2/7');
    dispatcher.say('abc');
    await dispatcher.expect(/коротк/i);
    await dispatcher.expect('Шаг 2/7');
    dispatcher.say('Не морозит морозилка');
    await dispatcher.expect('Шаг 3/7');
    dispatcher.say('ул. Ленина');
    await dispatcher.expect('Шаг 3/7');
    dispatcher.say('ул. Ленина, д. 5, кв. 12');
    await dispatcher.expect('Шаг 4/7');
    dispatcher.say('Анна');
    await dispatcher.expect('Шаг 5/7');
    dispatcher.say('12345');
    await dispatcher.expect('Шаг 5/7');
    dispatcher.say('8 (900) 111-22-33');
    await dispatcher.expect('Шаг 6/7');
    await dispatcher.press('⏭️ Пропустить');
    await dispatcher.expect('Шаг 7/7');
    dispatcher.say('15');
    await dispatcher.expect('Шаг 7/7');
    dispatcher.say('завтра в 15:00');
    await dispatcher.expect('✅ Дата распознана: завтра в 15:00 →');
    await dispatcher.expect('📋 Проверьте данные заявки:');
    await dispatcher.press('✅ Подтвердить');
    const created = await dispatcher.expect(/✅ Заявка #\d+ успешно создана!/);

    const orderId = Number(/#(\d+)/.exec(created.visibleText ?? '')?.[1]);
    expect(await orders().findOneByOrFail({ id: orderId })).toMatchObject({
      status: 'NEW',
      equipmentType: 'Холодильники',
      clientPhone: '+79001112233',
      clientAddress: 'ул. Ленина, д. 5, кв. 12',
      arrivalText: 'завтра в 15:00',
      notes: null,
    });
    expect(await orders().count()).toBe(1);
  });

  it('abandons the dialog on /cancel and never stores it as an answer', async () => {
    dispatcher.say('➕ Создать заявку');
    await dispatcher.press('Электрика');
    await dispatcher.expect('Шаг 2/7');
    dispatcher.say('/cancel');
    await dispatcher.expect('❌ Действие отменено.');
    dispatcher.say('Искрит розетка на кухне');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await orders().count()).toBe(1);
  });

  it('offers a known client by phone and moves on either way', async () => {
    dispatcher.say('➕ Создать заявку');
    await dispatcher.press('Сантехника');
    dispatcher.say('Течёт смеситель');
    await dispatcher.expect('Шаг 3/7');
    dispatcher.say('пр. Мира, д. 1');
    await dispatcher.expect('Шаг 4/7');
    dispatcher.say('Другая Анна');
    await dispatcher.expect('Шаг 5/7');
    dispatcher.say('+79001112233');
    await dispatcher.expect('Клиент уже обращался');
    await dispatcher.press('✅ Да, использовать');
    await dispatcher.expect('Шаг 6/7');
    dispatcher.say('Домофон 12');
    await dispatcher.expect('Шаг 7/7');
    await dispatcher.press('⏭️ Пропустить');
    await dispatcher.expect('Анна');
    await dispatcher.press('✅ Подтвердить');
    await dispatcher.expect(/успешно создана/);
    const order = await orders().findOneOrFail({ where: { equipmentType: 'Сантехника' } });
    expect(order).toMatchObject({
      clientName: 'Анна',
      clientAddress: 'ул. Ленина, д. 5, кв. 12',
      notes: 'Домофон 12',
    });
  });

  it('lists orders by status and assigns a master with a work group', async () => {
    const adminActor = await bot.app.get(UsersService).upsertFromTelegram({ id: TEST_ADMIN_ID });
    await bot.app.get(UsersService).upsertFromTelegram({ id: 3001, first_name: 'Мастер' });
    const masters = bot.app.get(MastersService);
    const added = await masters.add(
      { telegramId: 3001, phone: '+79005550001', specialization: 'Холодильники' },
      adminActor,
    );
    if (!added.ok) throw new Error(reasonText(added));
    await masters.bindWorkGroup(
      added.value.id,
      { id: -1001234, title: 'Группа Мастера', type: 'supergroup' },
      adminActor,
    );
    const noGroup = await bot.app
      .get(UsersService)
      .upsertFromTelegram({ id: 3002, first_name: 'Безгруппы' });
    await masters.add(
      { telegramId: noGroup.telegramId, phone: '+79005550002', specialization: 'Электрика' },
      adminActor,
    );

    dispatcher.say('📋 Все заявки');
    await dispatcher.expect('Заявки по статусам');
    await dispatcher.press('🆕 Новые (2)');
    // Both orders fit on one page: no «стр. N/M» and no ◀️/▶️.
    const list = await dispatcher.expect('📋 Заявки по статусам:');
    expect(list.visibleText).not.toContain('стр.');
    expect(buttonsOf(list).map((b) => b.text)).not.toContain('▶️');
    await dispatcher.press(/#\d+ — Холодильники/);
    const card = await dispatcher.expect('+79001112233');
    expect(card.visibleText).toContain('🆕 Новая');
    await dispatcher.press('👨‍🔧 Назначить мастера');
    await dispatcher.expect('Выберите мастера');
    await dispatcher.press(/НЕТ ГРУППЫ/);
    expect((await dispatcher.lastAnswer()).text).toContain('нет рабочей группы');
    await dispatcher.press(/Мастер \(Холодильники\)/);
    await dispatcher.expect(/назначена/);

    const order = await orders().findOneOrFail({ where: { equipmentType: 'Холодильники' } });
    expect(order).toMatchObject({ status: 'ASSIGNED', masterId: added.value.id });
    const history = await bot.dataSource
      .getRepository(OrderStatusHistory)
      .findBy({ orderId: order.id });
    expect(history.map((h) => h.action)).toEqual(['create', 'assign']);
  });

  it('refuses a stale or forged button and changes nothing', async () => {
    const order = await orders().findOneOrFail({ where: { equipmentType: 'Холодильники' } });
    const anyBotMessage = bot.api.messages(dispatcher.id).at(-1);
    if (!anyBotMessage) throw new Error('no message to forge on');
    dispatcher.forge(anyBotMessage, `o:restore:${order.id}:1`);
    const answer = await dispatcher.lastAnswer();
    expect(answer.show_alert).toBe(true);
    stranger.forge(anyBotMessage, `o:unassign:${order.id}`);
    expect((await stranger.lastAnswer()).show_alert).toBe(true);
    expect(await orders().findOneByOrFail({ id: order.id })).toMatchObject({
      status: 'ASSIGNED',
      version: order.version,
    });
  });

  it('keeps what was typed on «❌ Нет, ввести заново»: the order carries the new name and address', async () => {
    // A client who called before, under another name and at another address.
    const adminActor = await bot.app.get(UsersService).upsertFromTelegram({ id: TEST_ADMIN_ID });
    const earlier = await bot.app.get(OrdersService).create(
      {
        equipmentType: 'Электрика',
        problem: 'Искрит розетка',
        clientName: 'Пётр Иванович',
        clientAddress: 'ул. Гагарина, д. 10',
        clientPhone: '+7 900 444-55-66',
        notes: null,
        arrivalText: null,
      },
      adminActor,
    );
    if (!earlier.ok) throw new Error(reasonText(earlier));

    dispatcher.say('➕ Создать заявку');
    await dispatcher.press('Стиральные машины');
    await dispatcher.expect('Шаг 2/7');
    dispatcher.say('Не сливает воду');
    await dispatcher.expect('Шаг 3/7');
    dispatcher.say('пр. Ленина, д. 20, кв. 4');
    await dispatcher.expect('Шаг 4/7');
    dispatcher.say('Пётр');
    await dispatcher.expect('Шаг 5/7');
    dispatcher.say('8 900 444 55 66');
    const offer = await dispatcher.expect('Клиент уже обращался');
    expect(offer.visibleText).toBe(
      `👤 Клиент уже обращался (1):\nИмя: Пётр Иванович\nАдрес: ул. Гагарина, д. 10\nПоследняя заявка: #${earlier.value.id} — Электрика\n\nИспользовать сохранённые имя и адрес?`,
    );
    await dispatcher.press('❌ Нет, ввести заново');
    // The dialog moves on to the next step: it never asks the same question again (§3.1).
    const next = await dispatcher.expect('Шаг');
    expect(next.visibleText).toBe('Шаг 6/7: Дополнительные заметки (необязательно)');
    await dispatcher.press('⏭️ Пропустить');
    await dispatcher.expect('Шаг 7/7');
    await dispatcher.press('⏭️ Пропустить');
    const summary = await dispatcher.expect('📋 Проверьте данные заявки:');
    expect(summary.visibleText).toBe(
      [
        '📋 Проверьте данные заявки:',
        '🔧 Стиральные машины',
        '📝 Не сливает воду',
        '📍 пр. Ленина, д. 20, кв. 4',
        '👤 Пётр',
        '📞 +79004445566',
        '🗒 —',
        '🕐 —',
      ].join('\n'),
    );
    await dispatcher.press('✅ Подтвердить');
    const created = await dispatcher.expect(/✅ Заявка #\d+ успешно создана!/);

    const orderId = Number(/#(\d+)/.exec(created.visibleText ?? '')?.[1]);
    expect(await orders().findOneByOrFail({ id: orderId })).toMatchObject({
      equipmentType: 'Стиральные машины',
      clientName: 'Пётр',
      clientAddress: 'пр. Ленина, д. 20, кв. 4',
      clientPhone: '+79004445566',
    });
    // The earlier order keeps the client's data as it was.
    expect(await orders().findOneByOrFail({ id: earlier.value.id })).toMatchObject({
      clientName: 'Пётр Иванович',
      clientAddress: 'ул. Гагарина, д. 10',
    });
  });

  it('finds orders by phone typed in any format and pages the results', async () => {
    admin.say('🔍 Поиск заказов');
    await admin.expect('Введите телефон');
    admin.say('8 900 111 22 33');
    await admin.expect('Найдено: 2');

    // 23 orders on one street: 5 pages of 5, each result once, ◀️ back shows the same pages.
    const street = await orders().save(
      Array.from({ length: 23 }, (_, i) =>
        orders().create({
          equipmentType: 'Водонагреватели',
          problem: 'Не греет воду',
          clientName: 'Соседи',
          clientAddress: `ул. Садовая, д. ${i + 1}`,
          searchAddress: searchAddressOf(`ул. Садовая, д. ${i + 1}`),
          clientPhone: `+7900700${String(i).padStart(4, '0')}`,
          status: 'NEW',
        }),
      ),
    );
    admin.say('садовая');
    const results = await admin.expect('Найдено: 23');
    expect(results.visibleText).toContain('стр. 1/5');
    const pages = await pageThrough(admin, results);
    expect(pages).toHaveLength(5);
    const shown = pages.flatMap((page) =>
      page.buttons.flatMap((label) => /#(\d+) —/.exec(label)?.[1] ?? []).map(Number),
    );
    expect(shown).toEqual(street.map((order) => order.id).sort((a, b) => b - a));

    // Page numbers in button data are untrusted: one past the end shows the last page,
    // one that is not a number is refused.
    admin.forge(results, 'sr:p:999');
    expect((await admin.lastAnswer()).show_alert).toBeFalsy();
    await bot.api.waitFor(() => results.visibleText?.includes('стр. 5/5'));
    admin.forge(results, 'sr:p:-1');
    expect(await admin.lastAnswer()).toMatchObject({ show_alert: true });
  });
});
