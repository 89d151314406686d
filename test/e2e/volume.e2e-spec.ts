import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '../../src/database/transaction-runner';
import { Notification } from '../../src/notifications/notification.entity';
import { searchAddressOf } from '../../src/orders/order-search.service';
import type { OrderStatus } from '../../src/orders/order-status';
import { Order } from '../../src/orders/order.entity';
import { Clock } from '../../src/common/clock';
import { JobRunner, ScheduledJob } from '../../src/scheduler/job-runner';
import {
  SlaWatchJob,
  UnacceptedReminderJob,
  UnassignedReminderJob,
  VisitReminderJob,
} from '../../src/scheduler/reminder-jobs';
import { Master } from '../../src/users/master.entity';
import { User } from '../../src/users/user.entity';
import { BotApp, startBotApp } from '../support/bot-app';
import { GROUP_OWNER } from '../support/fake-bot-api';
import { waitUntilSettled } from '../support/outbox/outbox-harness';
import { pageNumberOf, pageThrough, SeenPage } from '../support/paging';
import { buttonsOf, TelegramUser } from '../support/telegram-user';
import { TEST_ADMIN_ID, TEST_DISPATCHER_ID } from '../support/test-env';

const ZONE = 'Europe/Moscow';
/** The scheduler's "now": tomorrow noon, outside quiet hours and long after every order was made. */
const NOW = DateTime.now().setZone(ZONE).plus({ days: 1 }).set({ hour: 12, minute: 0 });

const MESSAGE_LIMIT = 4096;
const MASTERS = 60;
const INACTIVE_MASTERS = 3;
const SENIOR_MASTERS = 5;
const STRANGERS = 240;
const BUSY_MASTER_ORDERS = 80;
const UNASSIGNED_ORDERS = 120;
const OTHER_ACTIVE_ORDERS = 300;
const FAILED_NOTIFICATIONS = 45;
const WORKING_STATUSES: OrderStatus[] = ['ASSIGNED', 'ACCEPTED', 'ONSITE', 'DR'];

/** «📋 Все заявки» filter buttons, as docs/product.md §3.2 names them. */
const FILTER_LABELS: Partial<Record<OrderStatus, string>> = {
  NEW: '🆕 Новые',
  ASSIGNED: '👨‍🔧 Назначенные',
  ACCEPTED: '✅ Принятые',
  ONSITE: '🏠 На объекте',
  DR: '⏳ Длительный ремонт',
};

const masterTelegramId = (i: number) => 60_000 + i;
const strangerTelegramId = (i: number) => 70_000 + i;
const groupOf = (i: number) => -1_002_000_000_000 - i;
/** Long names and addresses, so the lists hit the character limit before the item limit. */
const longName = (n: number) => ({
  firstName: `Константин-Вениамин ${n}`,
  lastName: 'Александровский-Преображенский',
});
const addressOf = (i: number) =>
  `${i % 5 === 0 ? 'ул. Длинная' : 'пр. Обычный'}, д. ${i}, кв. ${i + 7}, подъезд 3, домофон ${i}К, этаж 12`;

const idsIn = (text: string, pattern: RegExp) =>
  [...text.matchAll(pattern)].map((match) => Number(match[1]));
const orderIdsOnButtons = (page: SeenPage) =>
  page.buttons.flatMap((label) => idsIn(label, /#(\d+) —/g));
const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

/**
 * Issue 12: every answer fits Telegram's limits at any volume. 500 active orders, 60 masters,
 * 300 people, a master with 80 active orders and 120 orders waiting for a master; every list is
 * opened and paged to its end and back, every reminder is sent, and the fake Bot API (which
 * refuses texts over 4096 characters) must never have had to refuse anything.
 */
describe('every list and reminder at volume', () => {
  let bot: BotApp;
  let admin: TelegramUser;
  let dispatcher: TelegramUser;
  let busyMaster: TelegramUser;
  const seeded = {
    busyMasterOrders: [] as number[],
    byStatus: new Map<OrderStatus, number[]>(),
    onLongStreet: [] as number[],
    activeMasters: [] as number[],
    seniorMasters: [] as number[],
    failedNotifications: [] as number[],
  };

  const read = <T>(work: (tx: EntityManager) => Promise<T>) =>
    bot.app.get(TransactionRunner).run(work);

  beforeAll(async () => {
    bot = await startBotApp({
      // Hundreds of reminders go out at the end: delivery pacing has its own specs.
      OUTBOX_GLOBAL_PER_SECOND: '5000',
      OUTBOX_PRIVATE_PER_SECOND: '5000',
      OUTBOX_GROUP_PER_MINUTE: '100000',
    });
    jest.spyOn(bot.app.get(Clock), 'now').mockImplementation(() => NOW.toJSDate());
    admin = new TelegramUser(bot.api, { id: TEST_ADMIN_ID, first_name: 'Анна' });
    dispatcher = new TelegramUser(bot.api, { id: TEST_DISPATCHER_ID, first_name: 'Дарья' });
    busyMaster = new TelegramUser(bot.api, {
      id: masterTelegramId(0),
      first_name: longName(masterTelegramId(0)).firstName,
    });
    const masterIds = await seedPeople();
    await seedOrders(masterIds);
    await seedFailedNotifications();
    for (const person of [admin, dispatcher, busyMaster]) {
      person.say('/start');
      await person.expect('Здравствуйте');
    }
  }, 120_000);

  afterAll(() => bot.close());

  /** 60 masters (3 deactivated, 5 senior), each with a work group the bot is in; 240 strangers. */
  async function seedPeople(): Promise<number[]> {
    const users = await bot.dataSource.getRepository(User).save(
      [
        ...Array.from({ length: MASTERS }, (_, i) => masterTelegramId(i)),
        ...Array.from({ length: STRANGERS }, (_, i) => strangerTelegramId(i)),
      ].map((telegramId) => ({
        telegramId,
        ...longName(telegramId),
        username: `user_${telegramId}_handle`,
      })),
      { chunk: 100 },
    );
    const masters = await bot.dataSource.getRepository(Master).save(
      users.slice(0, MASTERS).map((user, i) => ({
        userId: user.id,
        phone: `+7905${String(i).padStart(7, '0')}`,
        specialization: 'Холодильники, стиральные машины, водонагреватели',
        isActive: i < MASTERS - INACTIVE_MASTERS,
        isSenior: i > 0 && i <= SENIOR_MASTERS,
        workChatId: groupOf(i),
        workChatTitle: `Рабочая группа мастера ${i}`,
      })),
    );
    for (let i = 0; i < MASTERS; i++) {
      bot.api.botAddedToGroup({ id: groupOf(i), title: `Рабочая группа мастера ${i}` });
    }
    seeded.activeMasters = users.slice(0, MASTERS - INACTIVE_MASTERS).map((u) => u.telegramId);
    seeded.seniorMasters = users.slice(1, SENIOR_MASTERS + 1).map((u) => u.telegramId);
    return masters.map((master) => master.id);
  }

  /** 120 NEW, 80 for the busy master, 300 for the others, in the four working statuses. */
  async function seedOrders(masterIds: number[]) {
    const dispatcherUser = await bot.dataSource
      .getRepository(User)
      .findOneByOrFail({ telegramId: TEST_DISPATCHER_ID });
    const plan: { status: OrderStatus; masterId: number | null }[] = [
      ...Array.from({ length: UNASSIGNED_ORDERS }, () => ({
        status: 'NEW' as const,
        masterId: null,
      })),
      ...Array.from({ length: BUSY_MASTER_ORDERS }, (_, i) => ({
        status: WORKING_STATUSES[i % 4],
        masterId: masterIds[0],
      })),
      ...Array.from({ length: OTHER_ACTIVE_ORDERS }, (_, i) => ({
        status: WORKING_STATUSES[i % 4],
        masterId: masterIds[1 + (i % (MASTERS - 1))],
      })),
    ];
    const orders = await bot.dataSource.getRepository(Order).save(
      plan.map(({ status, masterId }, i) => ({
        equipmentType: 'Стиральные машины',
        problem: 'Не сливает воду, гудит и останавливается на отжиме',
        clientName: 'Клиент',
        clientAddress: addressOf(i),
        searchAddress: searchAddressOf(addressOf(i)),
        clientPhone: `+7901${String(i).padStart(7, '0')}`,
        arrivalText: 'завтра с 10 до 16, позвонить за час',
        status,
        masterId,
        dispatcherId: dispatcherUser.id,
      })),
      { chunk: 100 },
    );
    for (const order of orders) {
      seeded.byStatus.set(order.status, [...(seeded.byStatus.get(order.status) ?? []), order.id]);
      if (order.masterId === masterIds[0]) seeded.busyMasterOrders.push(order.id);
    }
    seeded.onLongStreet = orders
      .filter((o) => o.clientAddress.startsWith('ул. Длинная'))
      .map((o) => o.id);
  }

  async function seedFailedNotifications() {
    const rows = await bot.dataSource.getRepository(Notification).save(
      Array.from({ length: FAILED_NOTIFICATIONS }, (_, i) => ({
        chatId: groupOf(i),
        kind: 'group_card_post',
        orderId: null,
        payload: {},
        dedupKey: `volume:failed:${i}`,
        state: 'failed' as const,
        attempts: 10,
        lastError: `Forbidden: bot was kicked from the supergroup chat ${'и больше не может писать '.repeat(10)}`,
        nextAttemptAt: new Date(),
      })),
    );
    seeded.failedNotifications = rows.map((row) => row.id);
  }

  it("pages a master's 80 active orders, ten buttons a page, each order once", async () => {
    busyMaster.say('📋 Мои заявки');
    const list = await busyMaster.expect(`Ваши активные заявки (${BUSY_MASTER_ORDERS})`);
    const pages = await pageThrough(busyMaster, list);

    expect(pages.length).toBe(pageNumberOf(list).pages);
    expect(pages.length).toBeGreaterThanOrEqual(BUSY_MASTER_ORDERS / 10);
    for (const page of pages) {
      expect(orderIdsOnButtons(page)).toEqual(idsIn(page.text, /#(\d+) —/g));
      expect(orderIdsOnButtons(page).length).toBeLessThanOrEqual(10);
    }
    const shown = pages.flatMap(orderIdsOnButtons);
    expect(sorted(shown)).toEqual(sorted(seeded.busyMasterOrders));
  }, 60_000);

  it('pages «📋 Все заявки» for every status to the end and back', async () => {
    dispatcher.say('📋 Все заявки');
    const menu = await dispatcher.expect('📋 Заявки по статусам:');
    for (const [status, label] of Object.entries(FILTER_LABELS) as [OrderStatus, string][]) {
      const expected = seeded.byStatus.get(status) ?? [];
      dispatcher.pressOn(menu, `${label} (${expected.length})`);
      await bot.api.waitFor(() => menu.visibleText?.includes('стр. 1/'));
      const pages = await pageThrough(dispatcher, menu);
      expect(pages.length).toBe(Math.ceil(expected.length / 10));
      expect(sorted(pages.flatMap(orderIdsOnButtons))).toEqual(sorted(expected));
      dispatcher.pressOn(menu, '◀️ Назад');
      await bot.api.waitFor(() => !menu.visibleText?.includes('стр.'));
    }
  }, 120_000);

  it('pages 100 search results', async () => {
    dispatcher.say('🔍 Поиск заказов');
    await dispatcher.expect('Введите телефон');
    dispatcher.say('длинная');
    const results = await dispatcher.expect(`Найдено: ${seeded.onLongStreet.length}`);
    const pages = await pageThrough(dispatcher, results);
    expect(pages.length).toBe(Math.ceil(seeded.onLongStreet.length / 5));
    expect(sorted(pages.flatMap(orderIdsOnButtons))).toEqual(sorted(seeded.onLongStreet));
    dispatcher.say('/cancel');
    await dispatcher.expect('Действие отменено');
  }, 60_000);

  it('pages the 60 masters for the admin (with buttons) and the dispatcher (read-only)', async () => {
    for (const [person, manage] of [
      [admin, true],
      [dispatcher, false],
    ] as const) {
      person.say('👥 Мастера');
      const list = await person.expect(`👥 Мастера (${MASTERS}):`);
      const pages = await pageThrough(person, list);
      const numbers = pages.flatMap((page) => idsIn(page.text, /^(\d+)\. /gm));
      expect(numbers).toEqual(Array.from({ length: MASTERS }, (_, i) => i + 1));
      for (const page of pages) {
        const masterButtons = page.buttons.filter(
          (label) => !['◀️', '▶️', '➕ Добавить мастера'].includes(label),
        );
        expect(masterButtons.length).toBe(manage ? idsIn(page.text, /^(\d+)\. /gm).length : 0);
      }
    }
  }, 60_000);

  it('pages the master picker: every active master once, never a deactivated one', async () => {
    dispatcher.say('📋 Все заявки');
    const menu = await dispatcher.expect('📋 Заявки по статусам:');
    dispatcher.pressOn(menu, `🆕 Новые (${UNASSIGNED_ORDERS})`);
    await bot.api.waitFor(() => menu.visibleText?.includes('стр. 1/'));
    const [firstOrder] = orderIdsOnButtons({
      text: '',
      buttons: buttonsOf(menu).map((b) => b.text),
    });
    dispatcher.pressOn(menu, new RegExp(`#${firstOrder} —`));
    const card = await dispatcher.expect(`Заявка #${firstOrder}`);
    dispatcher.pressOn(card, '👨‍🔧 Назначить мастера');
    const picker = await dispatcher.expect(`Выберите мастера для заявки #${firstOrder}`);
    const pages = await pageThrough(dispatcher, picker);
    const names = pages.flatMap((page) => page.buttons.filter((b) => !['◀️', '▶️'].includes(b)));
    expect(names).toHaveLength(MASTERS - INACTIVE_MASTERS);
    expect(new Set(names).size).toBe(names.length);
    expect(pages.every((page) => page.buttons.length <= 12)).toBe(true);
  }, 60_000);

  it('pages «👤 Пользователи»: everyone under each of their roles, once', async () => {
    admin.say('👤 Пользователи');
    const list = await admin.expect(/👤 Пользователи \(\d+\):/);
    const pages = await pageThrough(admin, list);
    const entries = pages.flatMap((page) => userEntriesOf(page.text));
    const expected = [
      `👑 Администраторы:${TEST_ADMIN_ID}`,
      `🧑‍💼 Диспетчеры:${TEST_DISPATCHER_ID}`,
      ...seeded.activeMasters.map((id) => `👨‍🔧 Мастера:${id}`),
      ...seeded.seniorMasters.map((id) => `⭐ Старшие мастера:${id}`),
      ...Array.from({ length: INACTIVE_MASTERS }, (_, i) => masterTelegramId(MASTERS - 1 - i)).map(
        (id) => `❔ Без роли:${id}`,
      ),
      ...Array.from({ length: STRANGERS }, (_, i) => `❔ Без роли:${strangerTelegramId(i)}`),
      // Who added the bot to the work groups: a person the bot has heard from.
      `❔ Без роли:${GROUP_OWNER.id}`,
    ];
    expect(entries.sort()).toEqual(expected.sort());
  }, 60_000);

  it('pages /admin outbox: every failed notification once', async () => {
    admin.say('/admin outbox');
    const list = await admin.expect(`Недоставленные уведомления (${FAILED_NOTIFICATIONS})`);
    const pages = await pageThrough(admin, list);
    expect(pages).toHaveLength(Math.ceil(FAILED_NOTIFICATIONS / 10));
    const shown = pages.flatMap((page) => idsIn(page.text, /^• #(\d+) /gm));
    expect(sorted(shown)).toEqual(sorted(seeded.failedNotifications));
  }, 60_000);

  it('answers /admin jobs', async () => {
    admin.say('/admin jobs');
    await admin.expect('⏱ Задачи по расписанию:');
  });

  it('sends every reminder, the 120 unassigned orders in parts that each fit', async () => {
    const runner = bot.app.get(JobRunner);
    const jobs: (new (...args: never[]) => ScheduledJob)[] = [
      UnassignedReminderJob,
      UnacceptedReminderJob,
      SlaWatchJob,
      VisitReminderJob,
    ];
    for (const job of jobs) expect(await runner.tick(bot.app.get(job), 60_000)).toBe('ran');
    await waitUntilSettled({ read }, 90_000);

    for (const chatId of [TEST_ADMIN_ID, TEST_DISPATCHER_ID]) {
      const parts = bot.api
        .messages(chatId)
        .filter((m) => m.visibleText?.startsWith(`⏰ Заявки без мастера (${UNASSIGNED_ORDERS})`));
      expect(parts.length).toBeGreaterThan(1);
      parts.forEach((part, i) =>
        expect(part.visibleText).toContain(`часть ${i + 1}/${parts.length}:`),
      );
      const shown = parts.flatMap((part) => idsIn(part.visibleText ?? '', /#(\d+) /g));
      expect(sorted(shown)).toEqual(sorted(seeded.byStatus.get('NEW') ?? []));
    }
    const failed = await read((tx) => tx.countBy(Notification, { state: 'failed' }));
    expect(failed).toBe(FAILED_NOTIFICATIONS);
  }, 120_000);

  it('pages «👤 Пользователи» through a storm of 3000 strangers', async () => {
    await bot.dataSource.getRepository(User).save(
      Array.from({ length: 3000 }, (_, i) => ({
        telegramId: 100_000 + i,
        ...longName(100_000 + i),
        username: `storm_${i}_with_a_long_handle`,
      })),
      { chunk: 200 },
    );
    admin.say('👤 Пользователи');
    const list = await admin.expect(/👤 Пользователи \(3\d{3}\):/);
    const { pages } = pageNumberOf(list);
    expect(pages).toBeGreaterThan(70);
    // The last page, asked for with a page number past the end (button data is untrusted).
    admin.forge(list, 'ad:users:999999');
    expect((await admin.lastAnswer()).show_alert).toBeFalsy();
    await bot.api.waitFor(() => list.visibleText?.includes(`стр. ${pages}/${pages}`));
    expect(list.visibleText).toContain(`ID ${100_000 + 2999}`);
  }, 60_000);

  it('never sent a text over 4096 characters, never had one refused, never failed', () => {
    const lengths = bot.api
      .calls()
      .filter((call) => ['sendMessage', 'editMessageText'].includes(call.method))
      .map((call) => visibleLength(call.response));
    expect(lengths.length).toBeGreaterThan(500);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(MESSAGE_LIMIT);
    const refused = bot.api.calls().filter((call) => call.status >= 400);
    expect(refused.map((call) => `${call.method}: ${JSON.stringify(call.response)}`)).toEqual([]);
    const everyChat = [TEST_ADMIN_ID, TEST_DISPATCHER_ID, busyMaster.id];
    const apologies = everyChat.flatMap((chatId) =>
      bot.api.messages(chatId).filter((m) => m.visibleText?.includes('Что-то пошло не так')),
    );
    expect(apologies).toEqual([]);
  });
});

/** `<role heading>:<telegram id>` for every person line on a page of «👤 Пользователи». */
function userEntriesOf(text: string): string[] {
  let heading = '';
  const entries: string[] = [];
  for (const line of text.split('\n')) {
    const group = /^(.+) \(\d+\):$/.exec(line);
    if (group && !line.startsWith('👤 Пользователи')) heading = group[1];
    const person = /— ID (\d+)$/.exec(line);
    if (person) entries.push(`${heading}:${person[1]}`);
  }
  return entries;
}

/** Telegram's count of a sent or edited text: code points of the text it parsed and stored. */
function visibleLength(response: unknown): number {
  const result = (response as { result?: { text?: string } }).result;
  return [...(result?.text ?? '')].length;
}
