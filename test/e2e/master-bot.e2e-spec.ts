import { Order } from '../../src/orders/order.entity';
import { OrderStatusHistory } from '../../src/orders/order-status-history.entity';
import { OrdersService } from '../../src/orders/orders.service';
import { botTexts } from '../../src/texts/ru/bot';
import type { ActorWithRights } from '../../src/users/actor';
import { Master } from '../../src/users/master.entity';
import { MastersService } from '../../src/users/masters.service';
import { UsersService } from '../../src/users/users.service';
import { BotApp, startBotApp } from '../support/bot-app';
import {
  assignedOrder as assignedOrderIn,
  cardButton as cardIn,
} from '../support/work-group-orders';
import { TelegramUser } from '../support/telegram-user';
import { TEST_ADMIN_ID, TEST_DISPATCHER_ID } from '../support/test-env';
import { reasonText } from '../../src/texts/ru/reasons';

const GROUP = -1_001_000_005_001;

describe('the master in the work group, and the staff card', () => {
  let bot: BotApp;
  let master: TelegramUser;
  let dispatcher: TelegramUser;
  let admin: ActorWithRights;
  let masterRow: Master;

  beforeAll(async () => {
    bot = await startBotApp();
    master = new TelegramUser(bot.api, { id: 5001, first_name: 'Пётр', last_name: 'Мастеров' });
    dispatcher = new TelegramUser(bot.api, { id: TEST_DISPATCHER_ID, first_name: 'Дарья' });
    master.say('/start');
    await master.expect('Здравствуйте');
    admin = await bot.app.get(UsersService).upsertFromTelegram({ id: TEST_ADMIN_ID });
    bot.api.botAddedToGroup({ id: GROUP, title: 'Пётр — работа', type: 'supergroup' });
    const masters = bot.app.get(MastersService);
    const added = await masters.add(
      { telegramId: 5001, phone: '+79005555001', specialization: 'Холодильники' },
      admin,
    );
    if (!added.ok) throw new Error(reasonText(added));
    await masters.bindWorkGroup(
      added.value.id,
      { id: GROUP, title: 'Пётр — работа', type: 'supergroup' },
      admin,
    );
    masterRow = added.value;
  });

  afterAll(() => bot.close());

  const orders = () => bot.dataSource.getRepository(Order);
  const historyOf = async (orderId: number) =>
    (await bot.dataSource.getRepository(OrderStatusHistory).findBy({ orderId })).map(
      (h) => h.action,
    );

  /** An order assigned to Пётр; resolves once its card is in the group. */
  const assignedOrder = () => assignedOrderIn(bot, GROUP, masterRow.id, admin);
  const cardButton = (orderId: number, label: string) => cardIn(bot, GROUP, orderId, label);

  /** An order on site whose master pressed «💰 Завершить»: the first question is asked. */
  const completeDialogOpened = async () => {
    const order = await assignedOrder();
    const service = bot.app.get(OrdersService);
    await service.accept({ id: order.id }, admin);
    await service.onSite({ id: order.id }, admin);
    await cardButton(order.id, '💰 Завершить');
    await master.press('💰 Завершить', GROUP);
    const question = await master.expect('Введите общую сумму', GROUP);
    return { order, question };
  };

  /** After the materials were typed: confirm them, a review taken, not out of town; the summary. */
  const answerUpToSummary = async () => {
    await master.expect('Расходные материалы: 2 000', GROUP);
    await master.press('✅ Да', GROUP);
    await master.expect('Взяли ли вы отзыв', GROUP);
    await master.press('✅ Да', GROUP);
    await master.expect('выезд за город', GROUP);
    await master.press('❌ Нет', GROUP);
    await master.expect('Проверьте данные', GROUP);
  };

  it('cancels with a reason asked in the group; the order returns to NEW and the card is withdrawn', async () => {
    const order = await assignedOrder();
    await cardButton(order.id, '❌ Отмена');
    await master.press('❌ Отмена', GROUP);
    const askReason = `❌ Отмена заявки #${order.id}.\nНапишите причину (не короче 3 символов):`;
    // In the group a typed question names whom it asks (privacy mode: only replies reach the bot).
    const askedOfMaster = (question: string) => botTexts.askedInGroup('Пётр Мастеров', question);
    expect((await master.expect('Напишите причину', GROUP)).visibleText).toBe(
      askedOfMaster(askReason),
    );
    master.say('ok', GROUP);
    expect((await master.expect('Причина слишком короткая', GROUP)).visibleText).toBe(
      askedOfMaster(
        `Причина слишком короткая: минимум 3 символа. Напишите, почему так вышло.\n\n${askReason}`,
      ),
    );
    master.say('Нет нужной запчасти', GROUP);
    expect((await master.expect('возвращена диспетчеру', GROUP)).visibleText).toBe(
      `Заявка #${order.id} возвращена диспетчеру.`,
    );
    expect(await orders().findOneByOrFail({ id: order.id })).toMatchObject({
      status: 'NEW',
      masterId: null,
    });
    expect(await historyOf(order.id)).toContain('master_cancel');
    await bot.api.waitForMessage(GROUP, `Заявка #${order.id} снята`, 10_000);
    // The order was created by the admin: its dispatcher is told, with the reason.
    const notice = await bot.api.waitForMessage(TEST_ADMIN_ID, 'Нет нужной запчасти', 10_000);
    expect(notice.visibleText).toBe(
      [
        `↩️ Мастер отказался от заявки #${order.id}: она снова ждёт назначения.`,
        '🔧 Холодильники · 📍 ул. Ленина, д. 5, кв. 12',
        '💬 Причина: Нет нужной запчасти',
        '👤 Мастер Пётр Мастеров',
      ].join('\n'),
    );
  });

  it('reschedules: a new time, a reason, confirm; the count and reason are stored', async () => {
    const order = await assignedOrder();
    await cardButton(order.id, '📅 Перенести визит');
    await master.press('📅 Перенести визит', GROUP);
    await master.expect('Напишите новое время', GROUP);
    master.say('15', GROUP);
    await master.expect(/15:00/, GROUP);
    master.say('завтра в 16:00', GROUP);
    await master.expect('причину переноса', GROUP);
    master.say('Клиент попросил', GROUP);
    await master.expect('Подтвердить перенос?', GROUP);
    await master.press('✅ Подтвердить', GROUP);
    await master.expect('перенесён', GROUP);
    expect(await orders().findOneByOrFail({ id: order.id })).toMatchObject({
      status: 'ASSIGNED',
      rescheduleCount: 1,
      rescheduleReason: 'Клиент попросил',
      arrivalText: 'завтра в 16:00',
    });
  });

  it('walks accept → on site (phone appears) → long repair → back on site → client refused', async () => {
    const order = await assignedOrder();
    await cardButton(order.id, '✅ Принять заявку');
    await master.press('✅ Принять заявку', GROUP);
    await cardButton(order.id, '🏠 Я на объекте');
    await master.press('🏠 Я на объекте', GROUP);
    await bot.api.waitForMessage(GROUP, '+79001112233', 10_000);

    await cardButton(order.id, '⏳ ДР');
    await master.press('⏳ ДР', GROUP);
    await master.expect('ДД.ММ.ГГГГ', GROUP);
    master.say('01.01.2020', GROUP);
    await master.expect('Неверная дата', GROUP);
    const date = new Date(Date.now() + 10 * 86_400_000);
    const typed = `${String(date.getDate()).padStart(2, '0')}.${String(date.getMonth() + 1).padStart(2, '0')}.${date.getFullYear()}`;
    master.say(typed, GROUP);
    await master.expect('Какие запчасти', GROUP);
    master.say('компрессор', GROUP);
    await master.expect('Предварительная сумма', GROUP);
    master.say('15 000', GROUP);
    await master.expect('Предоплата', GROUP);
    await master.press('⏭️ Пропустить', GROUP);
    await master.expect('Подтвердить?', GROUP);
    await master.press('✅ Подтвердить', GROUP);
    await master.expect('переведена в длительный ремонт', GROUP);
    expect(await orders().findOneByOrFail({ id: order.id })).toMatchObject({
      status: 'DR',
      drParts: 'компрессор',
      drPreliminaryKopecks: 1_500_000,
    });

    await cardButton(order.id, '🏠 Снова на объекте');
    await master.press('🏠 Снова на объекте', GROUP);
    await cardButton(order.id, '❌ Отказ клиента');
    await master.press('❌ Отказ клиента', GROUP);
    await master.expect('Напишите причину', GROUP);
    master.say('/cancel', GROUP);
    await master.expect('❌ Действие отменено.', GROUP);
    expect((await orders().findOneByOrFail({ id: order.id })).status).toBe('ONSITE');
    await master.press('❌ Отказ клиента', GROUP);
    await master.expect('Напишите причину', GROUP);
    master.say('Дорого', GROUP);
    expect((await master.expect('закрыта как отказ', GROUP)).visibleText).toBe(
      `❌ Заявка #${order.id} закрыта как отказ.`,
    );
    expect(await orders().findOneByOrFail({ id: order.id })).toMatchObject({
      status: 'REFUSED',
      refusalReason: 'Дорого',
    });
    expect(await historyOf(order.id)).toEqual([
      'create',
      'assign',
      'accept',
      'on_site',
      'long_repair',
      'back_on_site',
      'client_refused',
    ]);
  });

  it('asks "Это отказ от заявки?" for a total of 1 000 ₽ or less', async () => {
    const { order } = await completeDialogOpened();
    master.say('пять тысяч', GROUP);
    await master.expect('например', GROUP);
    master.say('800', GROUP);
    await master.expect('Это отказ от заявки?', GROUP);
    await master.press('✅ Да', GROUP);
    await master.expect('Напишите причину', GROUP);
    master.say('Клиент отказался от ремонта', GROUP);
    await master.expect('закрыта как отказ', GROUP);
    expect(await orders().findOneByOrFail({ id: order.id })).toMatchObject({
      status: 'REFUSED',
      totalKopecks: null,
    });
  });

  it('completes with money in the group, every typed answer a reply to a force_reply question', async () => {
    const { order, question } = await completeDialogOpened();
    expect(question.reply_markup).toEqual({ force_reply: true, selective: true });
    expect(question.entities).toContainEqual(
      expect.objectContaining({ type: 'text_link', url: `tg://user?id=${master.id}` }),
    );
    master.say('12 000', GROUP);
    await master.expect('расходных материалов', GROUP);
    master.say('20 000', GROUP);
    await master.expect('не могут стоить больше', GROUP);
    master.say('2 000', GROUP);
    await answerUpToSummary();
    await master.press('✅ Подтвердить', GROUP);
    await master.expect(`Заявка #${order.id} завершена`, GROUP);
    expect(await orders().findOneByOrFail({ id: order.id })).toMatchObject({
      status: 'CLOSED',
      totalKopecks: 1_200_000,
      materialsKopecks: 200_000,
      netKopecks: 1_000_000,
      reviewTaken: true,
      outOfCity: false,
    });
  });

  it('lets staff edit, send «📞 Клиент ждет», cancel with a reason and restore from the card', async () => {
    const order = await assignedOrder();
    const find = () => orders().findOneByOrFail({ id: order.id });
    const openCard = async () => {
      dispatcher.say('📋 Все заявки');
      await dispatcher.press(/👨‍🔧 Назначенные|❌ Отказы/);
      await dispatcher.press(new RegExp(`#${order.id} —`));
      await dispatcher.expect(`Заявка #${order.id}`);
    };
    await openCard();
    await dispatcher.press('📞 Клиент ждет');
    expect((await dispatcher.lastAnswer()).show_alert).toBeFalsy();
    await bot.api.waitForMessage(master.id, '+79001112233', 10_000);

    await openCard();
    await dispatcher.press('✏️ Редактировать');
    await dispatcher.press('Телефон');
    dispatcher.say('123');
    await dispatcher.expect('Телефон');
    dispatcher.say('+7 911 222 33 44');
    await dispatcher.expect('изменена');
    expect((await find()).clientPhone).toBe('+79112223344');

    await openCard();
    await dispatcher.press('❌ Отменить заявку');
    const askReason = `❌ Отмена заявки #${order.id}.\nНапишите причину (не короче 3 символов):`;
    expect((await dispatcher.expect('Напишите причину')).visibleText).toBe(askReason);
    dispatcher.say('no');
    expect((await dispatcher.expect('Причина слишком короткая')).visibleText).toBe(
      `Причина слишком короткая: минимум 3 символа. Напишите, почему так вышло.\n\n${askReason}`,
    );
    dispatcher.say('Клиент нашёл другой сервис');
    expect((await dispatcher.expect('отменена')).visibleText).toBe(
      `❌ Заявка #${order.id} отменена.`,
    );
    // §7: the master's group is told, with the reason (and the card there shows it too).
    const told = await bot.api.waitForMessage(GROUP, `🚫 Заявка #${order.id} отменена.`, 10_000);
    expect(told.visibleText).toBe(
      [
        `🚫 Заявка #${order.id} отменена.`,
        '🔧 Холодильники · 📍 ул. Ленина, д. 5, кв. 12',
        '💬 Причина: Клиент нашёл другой сервис',
        '🧑‍💼 Отменил: Дарья',
      ].join('\n'),
    );
    expect(await find()).toMatchObject({
      status: 'REFUSED',
      refusalReason: 'Клиент нашёл другой сервис',
    });

    await openCard();
    await dispatcher.press('♻️ Восстановить заявку');
    expect((await dispatcher.lastAnswer()).show_alert).toBeFalsy();
    expect(await find()).toMatchObject({ status: 'NEW', masterId: null });
  });

  describe('from a stale card: an order changed during the dialog is refused, not overwritten', () => {
    const STALE = 'уже изменена другим пользователем';
    /** Someone else changes the order while the dialog is open: its version moves on. */
    const changeBehindTheDialog = async (orderId: number) => {
      const edited = await bot.app
        .get(OrdersService)
        .edit({ id: orderId }, 'notes', 'Позвонить за час', admin);
      if (!edited.ok) throw new Error(reasonText(edited));
    };

    it('«💰 Завершить»: the confirm is refused and the order stays on site', async () => {
      const { order } = await completeDialogOpened();
      master.say('12 000', GROUP);
      await master.expect('расходных материалов', GROUP);
      master.say('2 000', GROUP);
      await answerUpToSummary();
      await changeBehindTheDialog(order.id);
      await master.press('✅ Подтвердить', GROUP);
      await master.expect(STALE, GROUP);
      expect(await orders().findOneByOrFail({ id: order.id })).toMatchObject({
        status: 'ONSITE',
        totalKopecks: null,
        notes: 'Позвонить за час',
      });
    });

    it('«💰 Завершить» → «Это отказ от заявки?»: the refusal is refused and the order stays on site', async () => {
      const { order } = await completeDialogOpened();
      master.say('800', GROUP);
      await master.expect('Это отказ от заявки?', GROUP);
      await master.press('✅ Да', GROUP);
      await master.expect('Напишите причину', GROUP);
      await changeBehindTheDialog(order.id);
      master.say('Клиент отказался от ремонта', GROUP);
      await master.expect(STALE, GROUP);
      expect(await orders().findOneByOrFail({ id: order.id })).toMatchObject({
        status: 'ONSITE',
        refusalReason: null,
      });
    });

    it('«✏️ Редактировать»: the new value is refused and the other change kept', async () => {
      const order = await assignedOrder();
      dispatcher.say('📋 Все заявки');
      await dispatcher.press(/👨‍🔧 Назначенные/);
      await dispatcher.press(new RegExp(`#${order.id} —`));
      await dispatcher.expect(`Заявка #${order.id}`);
      await dispatcher.press('✏️ Редактировать');
      await dispatcher.press('Телефон');
      await changeBehindTheDialog(order.id);
      dispatcher.say('+7 911 222 33 44');
      await dispatcher.expect(STALE);
      expect(await orders().findOneByOrFail({ id: order.id })).toMatchObject({
        clientPhone: '+79001112233',
        notes: 'Позвонить за час',
      });
    });
  });
});
