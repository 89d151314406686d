// Telegram's privacy mode (on by default): in a group where the bot is no administrator it hears
// only commands and replies to its own messages. Binding a work group says so, /health reports
// the mode, and a master's plain text in the group cannot break a dialog.
import { Order } from '../../src/orders/order.entity';
import { OrdersService } from '../../src/orders/orders.service';
import type { ActorWithRights } from '../../src/users/actor';
import { Master } from '../../src/users/master.entity';
import { MastersService } from '../../src/users/masters.service';
import { UsersService } from '../../src/users/users.service';
import { BotApp, startBotApp } from '../support/bot-app';
import { ORDER_DRAFT } from '../support/domain-app';
import { freePort } from '../support/service-process';
import { TelegramUser } from '../support/telegram-user';
import { TEST_ADMIN_ID } from '../support/test-env';
import { reasonText } from '../../src/texts/ru/reasons';

const PRIVATE_GROUP = { id: -1_001_000_008_001, title: 'Олег — работа' };
const ADMIN_GROUP = { id: -1_001_000_008_002, title: 'Олег — админ' };
const OTHER_GROUP = { id: -1_001_000_008_003, title: 'Олег — запас' };
const PRIVACY_ADVICE = 'режим приватности';

describe('group dialogs under Telegram privacy mode', () => {
  let bot: BotApp;
  let port: number;
  let admin: TelegramUser;
  let master: TelegramUser;
  let adminActor: ActorWithRights;
  let masterRow: Master;

  beforeAll(async () => {
    port = await freePort();
    bot = await startBotApp({ HTTP_PORT: String(port) });
    admin = new TelegramUser(bot.api, { id: TEST_ADMIN_ID, first_name: 'Анна' });
    master = new TelegramUser(bot.api, { id: 5301, first_name: 'Олег' });
    master.say('/start');
    await master.expect('Здравствуйте');
    adminActor = await bot.app.get(UsersService).upsertFromTelegram({ id: TEST_ADMIN_ID });
    const added = await bot.app
      .get(MastersService)
      .add(
        { telegramId: master.id, phone: '+79005553001', specialization: 'Холодильники' },
        adminActor,
      );
    if (!added.ok) throw new Error(reasonText(added));
    masterRow = added.value;
    bot.api.botAddedToGroup(PRIVATE_GROUP);
    bot.api.botAddedToGroup(ADMIN_GROUP, { asAdmin: true });
    bot.api.botAddedToGroup(OTHER_GROUP);
  });

  afterAll(async () => {
    await bot?.api.waitFor(() => bot.api.pendingUpdates().length === 0).catch(() => undefined);
    await bot?.close();
  });

  const workChatId = async () =>
    (await bot.dataSource.getRepository(Master).findOneByOrFail({ id: masterRow.id })).workChatId;

  /** The admin picks `group` in the chat picker of the master's card. */
  function bindTo(group: { id: number }) {
    admin.shareChat(masterRow.id, group.id);
    return admin.expect('установлена рабочей группой');
  }

  it('tells the admin binding a group that dialogs there run on replies, and how to change it', async () => {
    const bound = await bindTo(PRIVATE_GROUP);

    expect(bound.visibleText).toContain(PRIVACY_ADVICE);
    expect(bound.visibleText).toContain('/setprivacy');
    expect(bound.visibleText).toContain('администратором группы');
    expect(await workChatId()).toBe(PRIVATE_GROUP.id);
  });

  it('says nothing of privacy where the bot is a group administrator', async () => {
    const bound = await bindTo(ADMIN_GROUP);

    expect(bound.visibleText).not.toContain(PRIVACY_ADVICE);
    expect(await workChatId()).toBe(ADMIN_GROUP.id);
  });

  it('binds all the same when the privacy check fails', async () => {
    // A 5xx would be retried by the gateway; a refusal is final.
    bot.api.injectFault({
      method: 'getMe',
      times: 1,
      fault: { code: 400, description: 'Bad Request: not now' },
    });

    const bound = await bindTo(OTHER_GROUP);

    expect(bot.api.calls('getMe').at(-1)?.status).toBe(400);
    expect(bound.visibleText).not.toContain(PRIVACY_ADVICE);
    expect(await workChatId()).toBe(OTHER_GROUP.id);
  });

  it('never hears plain text in the group; the dialog goes on with the reply', async () => {
    await bindTo(PRIVATE_GROUP);
    const service = bot.app.get(OrdersService);
    const created = await service.create({ ...ORDER_DRAFT, arrivalText: null }, adminActor);
    if (!created.ok) throw new Error(reasonText(created));
    const orderId = created.value.id;
    for (const step of [
      () => service.assign({ id: orderId }, masterRow.id, adminActor),
      () => service.accept({ id: orderId }, adminActor),
      () => service.onSite({ id: orderId }, adminActor),
    ]) {
      const outcome = await step();
      if (!outcome.ok) throw new Error(reasonText(outcome));
    }
    await bot.api.waitFor(
      () =>
        bot.api
          .messages(PRIVATE_GROUP.id)
          .find((m) => !m.deleted && JSON.stringify(m.reply_markup ?? {}).includes('💰 Завершить')),
      10_000,
    );
    await master.press('💰 Завершить', PRIVATE_GROUP.id);
    const question = await master.expect('Введите общую сумму', PRIVATE_GROUP.id);

    const plain = bot.api.userSendsText(master.user, '5 000', PRIVATE_GROUP.id);

    expect(plain).toBeUndefined();
    expect(bot.api.messages(PRIVATE_GROUP.id, { includeUsers: true }).at(-1)).toMatchObject({
      text: '5 000',
      from: { id: master.id },
    });
    master.replyTo(question, '7 000');
    await master.expect('расходных материалов', PRIVATE_GROUP.id);
    master.say('0', PRIVATE_GROUP.id);
    await master.expect('Расходные материалы: 0', PRIVATE_GROUP.id);
    await master.press('✅ Да', PRIVATE_GROUP.id);
    await master.expect('Взяли ли вы отзыв', PRIVATE_GROUP.id);
    await master.press('❌ Нет', PRIVATE_GROUP.id);
    await master.expect('выезд за город', PRIVATE_GROUP.id);
    await master.press('❌ Нет', PRIVATE_GROUP.id);
    const summary = await master.expect('Проверьте данные', PRIVATE_GROUP.id);
    expect(summary.visibleText).toContain('Общая сумма: 7 000');
    await master.press('✅ Подтвердить', PRIVATE_GROUP.id);
    await master.expect(`Заявка #${orderId} завершена`, PRIVATE_GROUP.id);
    expect(
      await bot.dataSource.getRepository(Order).findOneByOrFail({ id: orderId }),
    ).toMatchObject({ status: 'CLOSED', totalKopecks: 700_000 });
  });

  it('reports privacy mode in /health, as getMe said at start-up', async () => {
    const telegramHealth = async () =>
      (
        (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as {
          components: { telegram: Record<string, unknown> };
        }
      ).components.telegram;
    expect(await telegramHealth()).toMatchObject({ ok: true, privacyMode: true });

    bot.api.setPrivacyMode(false);
    await bot.restart();

    expect(await telegramHealth()).toMatchObject({ privacyMode: false });
  });
});
