import { DateTime } from 'luxon';
import { Order } from '../../src/orders/order.entity';
import { OrdersService } from '../../src/orders/orders.service';
import { arrivalTexts } from '../../src/texts/ru/arrival';
import type { ActorWithRights } from '../../src/users/actor';
import type { Master } from '../../src/users/master.entity';
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

const GROUP = -1_001_000_007_001;

/** A date `days` ahead in the business zone, as the master types it. */
const daysAhead = (days: number) => {
  const date = DateTime.now().setZone('Europe/Moscow').plus({ days });
  return { typed: date.toFormat('dd.MM.yyyy'), iso: date.toISODate() as string };
};

describe('order details in the bot: the arrival warning, long-repair terms, the history', () => {
  let bot: BotApp;
  let dispatcher: TelegramUser;
  let master: TelegramUser;
  let admin: ActorWithRights;
  let masterRow: Master;

  beforeAll(async () => {
    bot = await startBotApp();
    dispatcher = new TelegramUser(bot.api, { id: TEST_DISPATCHER_ID, first_name: 'Дарья' });
    master = new TelegramUser(bot.api, { id: 5101, first_name: 'Пётр' });
    dispatcher.say('/start');
    await dispatcher.expect('Выберите действие');
    master.say('/start');
    await master.expect('Здравствуйте');
    admin = await bot.app.get(UsersService).upsertFromTelegram({ id: TEST_ADMIN_ID });
    bot.api.botAddedToGroup({ id: GROUP, title: 'Пётр — работа', type: 'supergroup' });
    const masters = bot.app.get(MastersService);
    const added = await masters.add(
      { telegramId: master.id, phone: '+79005555101', specialization: 'Холодильники' },
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

  const find = (id: number) => bot.dataSource.getRepository(Order).findOneByOrFail({ id });

  /** An order created by the dispatcher and assigned to Пётр; resolves once its card is posted. */
  const assignedOrder = async () =>
    assignedOrderIn(
      bot,
      GROUP,
      masterRow.id,
      await bot.app.get(UsersService).upsertFromTelegram({ id: dispatcher.id }),
    );
  /** The order's card in the group once it shows the button `label`. */
  const cardButton = (orderId: number, label: string) => cardIn(bot, GROUP, orderId, label);

  /** The order in long repair, through the master's «⏳ ДР» dialog in the group. */
  async function inLongRepair(prepayment: string | 'skip') {
    const order = await assignedOrder();
    const service = bot.app.get(OrdersService);
    await service.accept({ id: order.id }, admin);
    await service.onSite({ id: order.id }, admin);
    await cardButton(order.id, '⏳ ДР');
    await master.press('⏳ ДР', GROUP);
    await master.expect('ДД.ММ.ГГГГ', GROUP);
    master.say(daysAhead(10).typed, GROUP);
    await master.expect('Какие запчасти', GROUP);
    master.say('компрессор', GROUP);
    await master.expect('Предварительная сумма', GROUP);
    master.say('15 000', GROUP);
    await master.expect('Предоплата', GROUP);
    if (prepayment === 'skip') await master.press('⏭️ Пропустить', GROUP);
    else {
      master.say('сто', GROUP);
      await master.expect('Предоплата', GROUP);
      master.say(prepayment, GROUP);
    }
    const summary = await master.expect('Подтвердить?', GROUP);
    await master.press('✅ Подтвердить', GROUP);
    await master.expect('переведена в длительный ремонт', GROUP);
    return { order, summary: summary.visibleText ?? '' };
  }

  /** Opens the staff card of `orderId` from «📋 Все заявки». */
  async function openCard(orderId: number, filter: RegExp) {
    dispatcher.say('📋 Все заявки');
    await dispatcher.press(filter);
    await dispatcher.press(new RegExp(`#${orderId} —`));
    // The card itself: a notice about the order (its outbox delivery is asynchronous) may come
    // to the dispatcher at the same time and also names «Заявка #N».
    return dispatcher.expect(new RegExp(`^Заявка #${orderId} — `));
  }

  describe('§2.4: an arrival under 30 minutes ahead is warned about', () => {
    it('in the creation dialog', async () => {
      dispatcher.say('➕ Создать заявку');
      await dispatcher.press('Холодильники');
      dispatcher.say('Не морозит морозилка');
      await dispatcher.expect('Шаг 3/7');
      dispatcher.say('ул. Ленина, д. 5, кв. 12');
      await dispatcher.expect('Шаг 4/7');
      dispatcher.say('Анна');
      await dispatcher.expect('Шаг 5/7');
      dispatcher.say('+7 900 700 00 01');
      await dispatcher.expect('Шаг 6/7');
      await dispatcher.press('⏭️ Пропустить');
      await dispatcher.expect('Шаг 7/7');
      dispatcher.say('через 20 минут');
      const echo = await dispatcher.expect('✅ Дата распознана: через 20 минут →');
      expect(echo.visibleText).toContain(arrivalTexts.soonWarning);
      await dispatcher.expect('📋 Проверьте данные заявки:');
      await dispatcher.press('✅ Подтвердить');
      await dispatcher.expect(/успешно создана/);
    });

    it('not for a time further ahead', async () => {
      dispatcher.say('➕ Создать заявку');
      await dispatcher.press('Холодильники');
      dispatcher.say('Не морозит морозилка');
      await dispatcher.expect('Шаг 3/7');
      dispatcher.say('ул. Ленина, д. 5, кв. 12');
      await dispatcher.expect('Шаг 4/7');
      dispatcher.say('Анна');
      await dispatcher.expect('Шаг 5/7');
      dispatcher.say('+7 900 700 00 02');
      await dispatcher.expect('Шаг 6/7');
      await dispatcher.press('⏭️ Пропустить');
      await dispatcher.expect('Шаг 7/7');
      dispatcher.say('через 2 часа');
      const echo = await dispatcher.expect('✅ Дата распознана: через 2 часа →');
      expect(echo.visibleText).not.toContain(arrivalTexts.soonWarning);
      dispatcher.say('/cancel');
      await dispatcher.expect('❌ Действие отменено.');
    });

    it('when staff edit the arrival time from the order card', async () => {
      const order = await assignedOrder();
      await openCard(order.id, /👨‍🔧 Назначенные/);
      await dispatcher.press('✏️ Редактировать');
      await dispatcher.press('Время прибытия');
      dispatcher.say('через 15 минут');
      const echo = await dispatcher.expect('✅ Дата распознана: через 15 минут →');
      expect(echo.visibleText).toContain(arrivalTexts.soonWarning);
      await dispatcher.expect('изменена');
      expect((await find(order.id)).arrivalText).toBe('через 15 минут');
    });

    it('when the master reschedules the visit', async () => {
      const order = await assignedOrder();
      await cardButton(order.id, '📅 Перенести визит');
      await master.press('📅 Перенести визит', GROUP);
      await master.expect('Напишите новое время', GROUP);
      master.say('через 20 минут', GROUP);
      await master.expect('причину переноса', GROUP);
      await master.press('⏭️ Пропустить', GROUP);
      const confirm = await master.expect('Подтвердить перенос?', GROUP);
      expect(confirm.visibleText).toContain(arrivalTexts.soonWarning);
      await master.press('✅ Подтвердить', GROUP);
      await master.expect('перенесён', GROUP);
      expect((await find(order.id)).rescheduleCount).toBe(1);
    });
  });

  describe("§2.1, §3.4: a long repair's completion date and prepayment", () => {
    it('are asked in «⏳ ДР», stored and shown on the cards', async () => {
      const { order, summary } = await inLongRepair('3 000');
      expect(summary).toContain('💳 Предоплата: 3 000 ₽');
      expect(await find(order.id)).toMatchObject({
        status: 'DR',
        drExpectedDate: daysAhead(10).iso,
        drPreliminaryKopecks: 1_500_000,
        drPrepaymentKopecks: 300_000,
      });
      await bot.api.waitForMessage(GROUP, '💳 Предоплата: 3 000 ₽', 10_000);

      const card = await openCard(order.id, /⏳ Длительный ремонт/);
      expect(card.visibleText).toContain(`⏳ Ремонт до: ${daysAhead(10).typed}`);
      expect(card.visibleText).toContain('💳 Предоплата: 3 000 ₽');

      master.say('📋 Мои заявки');
      await master.press(new RegExp(`#${order.id}`));
      const mine = await master.expect(`📋 Заявка #${order.id}`);
      expect(mine.visibleText).toContain('💳 Предоплата: 3 000 ₽');
    });

    it('the prepayment can be skipped', async () => {
      const { order, summary } = await inLongRepair('skip');
      expect(summary).toContain('💳 Предоплата: нет');
      expect(await find(order.id)).toMatchObject({ status: 'DR', drPrepaymentKopecks: null });
    });

    it('are edited from the staff card, and offered only for a DR order', async () => {
      const { order } = await inLongRepair('нет');
      await openCard(order.id, /⏳ Длительный ремонт/);
      await dispatcher.press('✏️ Редактировать');
      await dispatcher.press('Предоплата');
      dispatcher.say('пять');
      await dispatcher.expect('Предоплата');
      dispatcher.say('5 000');
      await dispatcher.expect('изменена');
      expect((await find(order.id)).drPrepaymentKopecks).toBe(500_000);
      await bot.api.waitForMessage(GROUP, '💳 Предоплата: 5 000 ₽', 10_000);

      await openCard(order.id, /⏳ Длительный ремонт/);
      await dispatcher.press('✏️ Редактировать');
      await dispatcher.press('Дата окончания ремонта');
      dispatcher.say('01.01.2020');
      await dispatcher.expect('Неверная дата');
      dispatcher.say(daysAhead(30).typed);
      await dispatcher.expect('изменена');
      expect((await find(order.id)).drExpectedDate).toBe(daysAhead(30).iso);

      const other = await assignedOrder();
      await openCard(other.id, /👨‍🔧 Назначенные/);
      await dispatcher.press('✏️ Редактировать');
      const menu = await dispatcher.expect('Что изменить');
      const labels = JSON.stringify(menu.reply_markup);
      expect(labels).toContain('Время прибытия');
      expect(labels).not.toContain('Предоплата');
      expect(labels).not.toContain('Дата окончания ремонта');
      await dispatcher.press('❌ Отмена');
      await dispatcher.expect('❌ Действие отменено.');
    });
  });

  it('§3.3: the staff order card shows the history summary', async () => {
    const { order } = await inLongRepair('skip');
    const card = await openCard(order.id, /⏳ Длительный ремонт/);
    const text = card.visibleText ?? '';
    expect(text).toContain('📜 История (5):');
    for (const step of [
      'создана — Дарья',
      'назначен мастер — Дарья',
      'принята мастером',
      'мастер на объекте',
      'длительный ремонт — Пётр',
    ])
      expect(text).toContain(step);
  });
});
