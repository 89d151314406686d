import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { EntityManager, Like } from 'typeorm';
import { TransactionRunner } from '../../src/database/transaction-runner';
import { Order } from '../../src/orders/order.entity';
import { OrdersService } from '../../src/orders/orders.service';
import { Clock } from '../../src/common/clock';
import { JobRunner } from '../../src/scheduler/job-runner';
import { DailyReportJob } from '../../src/scheduler/report-jobs';
import { MastersService } from '../../src/users/masters.service';
import { UsersService } from '../../src/users/users.service';
import { BotApp, startBotApp } from '../support/bot-app';
import { ORDER_DRAFT } from '../support/domain-app';
import type { StoredMessage } from '../support/fake-bot-api';
import { outboxRows, waitUntilSettled } from '../support/outbox/outbox-harness';
import { TelegramUser } from '../support/telegram-user';
import { TEST_ADMIN_ID, TEST_DISPATCHER_ID } from '../support/test-env';
import { reasonText } from '../../src/texts/ru/reasons';

const ZONE = 'Europe/Moscow';
const GROUP = -1_001_000_007_001;
const STAFF = [TEST_ADMIN_ID, TEST_DISPATCHER_ID];
/** What `/admin jobs` starts with; a refused user must never see it. */
const JOB_LIST = '⏱ Задачи по расписанию:';

/**
 * The scheduled daily report, end to end: a tick of the real job in the running app builds
 * yesterday's summary, the outbox delivers it to every admin and dispatcher over HTTP (the
 * .xlsx, then its text), a second tick for the same day sends nothing, and `/admin jobs`
 * shows the run.
 */
describe('scheduled jobs in the bot', () => {
  let bot: BotApp;
  let admin: TelegramUser;
  let dispatcher: TelegramUser;
  /** The scheduler's "now", frozen for the spec, so no midnight can pass between setup and tick. */
  const now = DateTime.now().setZone(ZONE);
  const today = now.startOf('day');
  const yesterday = today.minus({ days: 1 });
  const yesterdayLabel = yesterday.toFormat('dd.MM.yyyy');
  /** Orders closed the day before yesterday (a minute before yesterday), yesterday and today. */
  const orderIds = { dayBefore: 0, yesterday: 0, today: 0 };

  /** Reads take turns with the app's transactions (SQLite has one connection). */
  const outbox = {
    read: <T>(work: (tx: EntityManager) => Promise<T>) => bot.app.get(TransactionRunner).run(work),
  };

  const reportDocuments = (chatId: number) =>
    bot.api.messages(chatId).filter((m) => m.document?.file_name?.startsWith('Сводка_'));
  const reportTexts = (chatId: number) =>
    bot.api.messages(chatId).filter((m) => m.visibleText?.startsWith('📊 Сводка за'));

  const tickDaily = () => bot.app.get(JobRunner).tick(bot.app.get(DailyReportJob), 50_000);

  beforeAll(async () => {
    bot = await startBotApp();
    jest.spyOn(bot.app.get(Clock), 'now').mockImplementation(() => now.toJSDate());
    admin = new TelegramUser(bot.api, { id: TEST_ADMIN_ID, first_name: 'Анна' });
    dispatcher = new TelegramUser(bot.api, { id: TEST_DISPATCHER_ID, first_name: 'Дарья' });

    const users = bot.app.get(UsersService);
    const actor = await users.upsertFromTelegram({ id: TEST_ADMIN_ID });
    await users.upsertFromTelegram({ id: 3701, first_name: 'Иван', last_name: 'Мастеров' });
    bot.api.botAddedToGroup({ id: GROUP, title: 'Иван — работа', type: 'supergroup' });
    const masters = bot.app.get(MastersService);
    const master = await masters.add(
      { telegramId: 3701, phone: '+79005553701', specialization: 'Холодильники' },
      actor,
    );
    if (!master.ok) throw new Error(reasonText(master));
    const bound = await masters.bindWorkGroup(
      master.value.id,
      { id: GROUP, title: 'Иван — работа', type: 'supergroup' },
      actor,
    );
    if (!bound.ok) throw new Error(reasonText(bound));

    const orders = bot.app.get(OrdersService);
    const closedOrder = async (totalRubles: number, closedAt: DateTime) => {
      const created = await orders.create(ORDER_DRAFT, actor);
      if (!created.ok) throw new Error(reasonText(created));
      const ref = { id: created.value.id };
      for (const step of [
        () => orders.assign(ref, master.value.id, actor),
        () => orders.accept(ref, actor),
        () => orders.onSite(ref, actor),
        () =>
          orders.complete(
            ref,
            {
              totalKopecks: totalRubles * 100,
              materialsKopecks: 0,
              reviewTaken: false,
              outOfCity: false,
            },
            actor,
          ),
      ]) {
        const outcome = await step();
        if (!outcome.ok) throw new Error(reasonText(outcome));
      }
      await bot.dataSource.getRepository(Order).update(ref.id, { closedAt: closedAt.toJSDate() });
      return ref.id;
    };
    orderIds.dayBefore = await closedOrder(1_000, yesterday.minus({ minutes: 1 }));
    orderIds.yesterday = await closedOrder(5_000, yesterday.set({ hour: 12 }));
    orderIds.today = await closedOrder(7_000, now);

    // The notifications about these orders are delivered before the job runs.
    await waitUntilSettled(outbox, 15_000);
  }, 30_000);

  afterAll(async () => {
    jest.restoreAllMocks();
    await bot?.close();
  });

  it("sends yesterday's summary to the admin and the dispatcher: the .xlsx, then its text", async () => {
    expect(await tickDaily()).toBe('ran');

    for (const chatId of STAFF) {
      const [document, text] = await Promise.all([
        bot.api.waitFor(() => reportDocuments(chatId)[0], 15_000),
        bot.api.waitForMessage(chatId, '📊 Сводка за', 15_000),
      ]);
      expect(reportDocuments(chatId)).toHaveLength(1);
      expect(reportTexts(chatId)).toHaveLength(1);

      // The file comes first in the chat, then the summary.
      const messages = bot.api.messages(chatId);
      expect(messages.indexOf(document)).toBeLessThan(messages.indexOf(text));
      expect(document.sentAt).toBeLessThanOrEqual(text.sentAt);

      expect(document.document?.file_name).toBe(`Сводка_${yesterday.toISODate()}.xlsx`);
      expect(text.visibleText?.split('\n')[0]).toBe(`📊 Сводка за ${yesterdayLabel}`);
      // Only yesterday's order is counted: 5 000 ₽, not the one closed before or after.
      expect(text.visibleText).toContain('✅ Завершено: 1 заявка');
      expect(text.visibleText).toMatch(/💰 Сумма: 5\s000/);

      const orderNumbers = await orderNumbersIn(document);
      expect(orderNumbers).toEqual([orderIds.yesterday]);
    }

    // Delivered over HTTP: exactly one sendDocument to each of the two chats.
    const documentCalls = bot.api
      .calls('sendDocument')
      .filter((call) => STAFF.includes(Number(call.params.chat_id)));
    expect(documentCalls.map((call) => Number(call.params.chat_id)).sort()).toEqual(
      [...STAFF].sort(),
    );
    expect(documentCalls.every((call) => call.status === 200 && call.via === 'http')).toBe(true);
  });

  it('sends nothing new when the job runs again for the same day', async () => {
    const documentsBefore = bot.api.calls('sendDocument').length;
    const before = STAFF.map((chatId) => bot.api.messages(chatId).length);

    expect(await tickDaily()).toBe('ran');
    await waitUntilSettled(outbox, 15_000);

    const queued = await outboxRows(outbox, { dedupKey: Like('report.daily:%') });
    expect(queued.map((row) => row.kind).sort()).toEqual(
      ['document', 'document', 'report.text', 'report.text'].sort(),
    );
    expect(queued.every((row) => row.state === 'sent')).toBe(true);
    expect(bot.api.calls('sendDocument')).toHaveLength(documentsBefore);
    expect(STAFF.map((chatId) => bot.api.messages(chatId).length)).toEqual(before);
    for (const chatId of STAFF) {
      expect(reportDocuments(chatId)).toHaveLength(1);
      expect(reportTexts(chatId)).toHaveLength(1);
    }
  });

  it('/admin jobs shows the daily report as run and the backup as never run', async () => {
    admin.say('/admin jobs');
    const list = await admin.expect(JOB_LIST);
    const text = list.visibleText ?? '';
    const ranAt = now.toFormat('dd.MM.yyyy HH:mm');

    expect(text).toMatch(
      new RegExp(
        `📊 Ежедневный отчёт — [^\\n]+\\n\\s*✅ ${escapeRegExp(ranAt)}, \\d+(,\\d)? (мс|с)`,
      ),
    );
    expect(text).toMatch(/💾 Резервная копия — [^\n]+\n\s*— ещё не запускалась/);
  });

  it('refuses /admin jobs to a dispatcher, without the job list', async () => {
    dispatcher.say('/admin jobs');
    const refusal = await dispatcher.expect('⛔');
    expect(refusal.visibleText).toBe('⛔ У вас нет прав на это действие.');
    expect(
      bot.api.messages(TEST_DISPATCHER_ID).some((m) => m.visibleText?.includes(JOB_LIST)),
    ).toBe(false);
  });
});

/** The order numbers in the workbook's order sheets (every sheet but «Сводка»). */
async function orderNumbersIn(message: StoredMessage): Promise<number[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(message.document?.bytes as unknown as ArrayBuffer);
  expect(workbook.worksheets.map((sheet) => sheet.name)).toContain('Сводка');
  const numbers: number[] = [];
  for (const sheet of workbook.worksheets) {
    if (sheet.name === 'Сводка') continue;
    sheet.eachRow((row) => {
      const first = row.getCell(1).value;
      if (typeof first === 'number') numbers.push(first);
    });
  }
  return numbers;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
