import { Order } from '../../src/orders/order.entity';
import { OrdersService } from '../../src/orders/orders.service';
import { MastersService } from '../../src/users/masters.service';
import { UsersService } from '../../src/users/users.service';
import { BotApp, startBotApp } from '../support/bot-app';
import { TelegramUser } from '../support/telegram-user';
import { TEST_ADMIN_ID, TEST_DISPATCHER_ID } from '../support/test-env';
import { reasonText } from '../../src/texts/ru/reasons';

describe('the bot under restarts, repeats and races', () => {
  let bot: BotApp;
  let dispatcher: TelegramUser;

  beforeAll(async () => {
    bot = await startBotApp();
    dispatcher = new TelegramUser(bot.api, { id: TEST_DISPATCHER_ID, first_name: 'Дарья' });
  });

  afterAll(() => bot.close());

  const orders = () => bot.dataSource.getRepository(Order);

  it('resumes a dialog after a restart, at the step where it stopped', async () => {
    dispatcher.say('➕ Создать заявку');
    await dispatcher.press('Телевизоры');
    dispatcher.say('Нет изображения');
    await dispatcher.expect('Шаг 3/7');

    await bot.restart();

    dispatcher.say('ул. Садовая, д. 7');
    await dispatcher.expect('Шаг 4/7');
    dispatcher.say('Пётр');
    await dispatcher.expect('Шаг 5/7');
    dispatcher.say('+7 901 000-00-01');
    await dispatcher.expect('Шаг 6/7');
    await dispatcher.press('⏭️ Пропустить');
    await dispatcher.press('⏭️ Пропустить');
    await dispatcher.press('✅ Подтвердить');
    await dispatcher.expect('успешно создана');
    expect(await orders().findOneByOrFail({ equipmentType: 'Телевизоры' })).toMatchObject({
      problem: 'Нет изображения',
      clientAddress: 'ул. Садовая, д. 7',
    });
  });

  it('creates one order when «✅ Подтвердить» is pressed twice', async () => {
    const before = await orders().count();
    dispatcher.say('➕ Создать заявку');
    await dispatcher.press('Электрика');
    dispatcher.say('Выбивает автомат');
    await dispatcher.expect('Шаг 3/7');
    dispatcher.say('ул. Мира, д. 3');
    await dispatcher.expect('Шаг 4/7');
    dispatcher.say('Олег');
    await dispatcher.expect('Шаг 5/7');
    dispatcher.say('+7 901 000-00-02');
    await dispatcher.press('⏭️ Пропустить');
    await dispatcher.press('⏭️ Пропустить');
    const summary = await dispatcher.expect('Проверьте данные');
    const confirm = 'd:confirm';
    dispatcher.forge(summary, confirm);
    dispatcher.forge(summary, confirm);
    await dispatcher.expect('успешно создана');
    // The second press finds no dialog: an alert that the button is stale, no second order.
    expect((await dispatcher.lastAnswer()).text).toContain('устарела');
    expect(await orders().count()).toBe(before + 1);
  });

  it('acts once on an update delivered twice', async () => {
    const toDispatcher = () =>
      bot.api
        .calls('sendMessage')
        .filter((call) => Number(call.params.chat_id) === TEST_DISPATCHER_ID).length;
    const before = toDispatcher();
    const update = {
      update_id: 777_000_001,
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: TEST_DISPATCHER_ID, type: 'private' as const, first_name: 'Дарья' },
        from: { id: TEST_DISPATCHER_ID, is_bot: false, first_name: 'Дарья' },
        text: '📋 Все заявки',
      },
    };
    bot.api.pushUpdate(update);
    bot.api.pushUpdate(update);
    await dispatcher.expect('Заявки по статусам');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(toDispatcher() - before).toBe(1);
  });

  it('gives one acceptance when the assigned master and an admin press «Принять» at once', async () => {
    const users = bot.app.get(UsersService);
    const admin = await users.upsertFromTelegram({ id: TEST_ADMIN_ID, first_name: 'Антон' });
    await users.upsertFromTelegram({ id: 3101, first_name: 'Мастер' });
    const masters = bot.app.get(MastersService);
    const added = await masters.add(
      { telegramId: 3101, phone: '+79005550101', specialization: 'Электрика' },
      admin,
    );
    if (!added.ok) throw new Error(reasonText(added));
    await masters.bindWorkGroup(
      added.value.id,
      { id: -1003101, title: 'Группа', type: 'supergroup' },
      admin,
    );
    const order = await orders().findOneByOrFail({ equipmentType: 'Электрика' });
    const assigned = await bot.app
      .get(OrdersService)
      .assign({ id: order.id }, added.value.id, admin);
    if (!assigned.ok) throw new Error(reasonText(assigned));

    const anyMessage = bot.api.messages(TEST_DISPATCHER_ID).at(-1);
    if (!anyMessage) throw new Error('no message to press on');
    const master = new TelegramUser(bot.api, { id: 3101, first_name: 'Мастер' });
    const adminUser = new TelegramUser(bot.api, { id: TEST_ADMIN_ID, first_name: 'Антон' });
    const data = `o:accept:${order.id}:${assigned.value.version}`;
    master.forge(anyMessage, data);
    adminUser.forge(anyMessage, data);
    const answers = [await master.lastAnswer(), await adminUser.lastAnswer()];
    expect(answers.filter((a) => a.show_alert)).toHaveLength(1);
    expect(answers.find((a) => a.show_alert)?.text).toContain('уже изменена');
    expect(await orders().findOneByOrFail({ id: order.id })).toMatchObject({
      status: 'ACCEPTED',
      version: assigned.value.version + 1,
    });
  });
});
