import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { Order } from '../../src/orders/order.entity';
import { OrdersService } from '../../src/orders/orders.service';
import { MastersService } from '../../src/users/masters.service';
import { UsersService } from '../../src/users/users.service';
import { BotApp, startBotApp } from '../support/bot-app';
import { ORDER_DRAFT } from '../support/domain-app';
import { TelegramUser } from '../support/telegram-user';
import { TEST_ADMIN_ID, TEST_DISPATCHER_ID } from '../support/test-env';
import { reasonText } from '../../src/texts/ru/reasons';

describe('reports in the bot', () => {
  let bot: BotApp;
  let dispatcher: TelegramUser;

  beforeAll(async () => {
    bot = await startBotApp();
    dispatcher = new TelegramUser(bot.api, { id: TEST_DISPATCHER_ID, first_name: 'Дарья' });
    const users = bot.app.get(UsersService);
    const admin = await users.upsertFromTelegram({ id: TEST_ADMIN_ID });
    await users.upsertFromTelegram({ id: 3301, first_name: 'Иван', last_name: 'Мастеров' });
    const masters = bot.app.get(MastersService);
    const master = await masters.add(
      { telegramId: 3301, phone: '+79005553301', specialization: 'Холодильники' },
      admin,
    );
    if (!master.ok) throw new Error(reasonText(master));
    await masters.bindWorkGroup(
      master.value.id,
      { id: -1003301, title: 'Группа', type: 'supergroup' },
      admin,
    );

    // One order closed last month: 10 000 ₽ with 3 000 ₽ of materials.
    const orders = bot.app.get(OrdersService);
    const created = await orders.create(ORDER_DRAFT, admin);
    if (!created.ok) throw new Error(reasonText(created));
    const ref = { id: created.value.id };
    await orders.assign(ref, master.value.id, admin);
    await orders.accept(ref, admin);
    await orders.onSite(ref, admin);
    const money = {
      totalKopecks: 1_000_000,
      materialsKopecks: 300_000,
      reviewTaken: false,
      outOfCity: false,
    };
    const closed = await orders.complete(ref, money, admin);
    if (!closed.ok) throw new Error(reasonText(closed));
    const lastMonth = DateTime.now()
      .setZone('Europe/Moscow')
      .minus({ months: 1 })
      .set({ day: 15, hour: 12 });
    await bot.dataSource.getRepository(Order).update(ref.id, { closedAt: lastMonth.toJSDate() });
  });

  afterAll(() => bot.close());

  it('sends the previous month summary as an Excel document, with progress and a text summary', async () => {
    dispatcher.say('📊 Отчеты');
    await dispatcher.expect('выберите отчёт');
    await dispatcher.press('📊 Ежемесячная сводка');
    await dispatcher.expect('За какой период?');
    await dispatcher.press('Прошлый месяц');

    const document = await bot.api.waitFor(
      () => bot.api.messages(dispatcher.id).find((m) => m.document),
      15_000,
    );
    expect(document.document?.file_name).toMatch(/\.xlsx$/);
    expect(bot.api.calls('sendChatAction').some((c) => c.params.action === 'upload_document')).toBe(
      true,
    );
    await dispatcher.expect('✅ Отчёт готов.');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(document.document?.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toContain('Сводка');
  });

  it('answers "no orders" for a period without any, instead of an empty file', async () => {
    const documentsBefore = bot.api.messages(dispatcher.id).filter((m) => m.document).length;
    dispatcher.say('📊 Отчеты');
    await dispatcher.press('📊 Ежедневная сводка');
    await dispatcher.press('Сегодня');
    await bot.api.waitFor(() =>
      bot.api.messages(dispatcher.id).find((m) => /нет/i.test(m.visibleText ?? '') && m.edited),
    );
    expect(bot.api.messages(dispatcher.id).filter((m) => m.document)).toHaveLength(documentsBefore);
  });
});
