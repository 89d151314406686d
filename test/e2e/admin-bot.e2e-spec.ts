import { AuditLog } from '../../src/audit/audit-log.entity';
import { Notification } from '../../src/notifications/notification.entity';
import { Order } from '../../src/orders/order.entity';
import { NewOrderInput, OrdersService } from '../../src/orders/orders.service';
import type { ActorWithRights } from '../../src/users/actor';
import { Master } from '../../src/users/master.entity';
import { UserRole } from '../../src/users/user-role.entity';
import { User } from '../../src/users/user.entity';
import { UsersService } from '../../src/users/users.service';
import { BotApp, startBotApp } from '../support/bot-app';
import type { CallbackAnswer, StoredMessage, User as TelegramUser } from '../support/fake-bot-api';
import { TEST_ADMIN_ID, TEST_DISPATCHER_ID } from '../support/test-env';
import type { Outcome } from '../../src/common/outcome';
import { AnyReason, reasonText } from '../../src/texts/ru/reasons';

const ADMIN: TelegramUser = { id: TEST_ADMIN_ID, first_name: 'Анна', last_name: 'Админова' };
const DISPATCHER: TelegramUser = { id: TEST_DISPATCHER_ID, first_name: 'Дина' };
const MASTER: TelegramUser = { id: 3001, first_name: 'Иван', last_name: 'Мастеров' };
const NEWCOMER: TelegramUser = { id: 4001, first_name: 'Пётр' };
const WORK_GROUP = { id: -1001234567890, title: 'Иван — работа' };
const GROUP_WITHOUT_BOT = -1009876543210;

const DRAFT: NewOrderInput = {
  equipmentType: 'Стиральные машины',
  problem: 'Не сливает воду',
  clientName: 'Ольга Петровна',
  clientAddress: 'ул. Ленина, д. 5, кв. 12',
  clientPhone: '+7 900 111-22-33',
  notes: null,
  arrivalText: 'Уточнить время у клиента',
};

const FORBIDDEN = '⛔ У вас нет прав на это действие.';

describe('admin and master menus in Telegram', () => {
  let bot: BotApp;
  let masterId: number;
  let card: StoredMessage;
  /** A: assigned, then accepted by the master from «📋 Мои заявки»; B: accepted; C: closed. */
  const orderIds = { a: 0, b: 0, c: 0 };

  beforeAll(async () => {
    bot = await startBotApp();
    for (const user of [ADMIN, DISPATCHER, MASTER]) await send(user, '/start', '👋 Здравствуйте');
  }, 30_000);

  afterAll(async () => {
    // The last update is confirmed once handled: then nothing writes to the closing database.
    await bot?.api.waitFor(() => bot.api.pendingUpdates().length === 0).catch(() => undefined);
    await bot?.close();
  });

  // ---- how people act and what they see ---------------------------------------------------

  const api = () => bot.api;

  const shows = (message: StoredMessage, match: string | RegExp) =>
    [message.visibleText, message.text].some((text) =>
      text === undefined
        ? false
        : typeof match === 'string'
          ? text.includes(match)
          : match.test(text),
    );

  /** The first message the bot sends `user` after `act` that matches. */
  async function after(user: TelegramUser, act: () => unknown, match: string | RegExp) {
    const seen = api().messages(user.id).length;
    act();
    const fresh = () => api().messages(user.id).slice(seen);
    return api()
      .waitFor(() => fresh().find((message) => shows(message, match)), 5_000)
      .catch(() => {
        const got = fresh().map((m) => `  «${m.visibleText ?? ''}»`);
        throw new Error(
          `${user.id} did not get «${String(match)}»; the bot sent:\n${got.join('\n') || '  nothing'}`,
        );
      });
  }

  const send = (user: TelegramUser, text: string, match: string | RegExp) =>
    after(user, () => api().userSendsText(user, text), match);

  function callbackOf(message: StoredMessage, label: string): string {
    const markup = message.reply_markup;
    const buttons = markup && 'inline_keyboard' in markup ? markup.inline_keyboard.flat() : [];
    const found = buttons.find((button) => button.text === label);
    if (!found?.callback_data) {
      throw new Error(
        `no button «${label}»; the message has: ${buttons.map((b) => b.text).join(' | ')}`,
      );
    }
    return found.callback_data;
  }

  const buttonLabels = (message: StoredMessage) => {
    const markup = message.reply_markup;
    return markup && 'inline_keyboard' in markup
      ? markup.inline_keyboard.flat().map((b) => b.text)
      : [];
  };

  /** Presses the button labelled `label` and waits for the bot's next matching message. */
  const press = (
    user: TelegramUser,
    message: StoredMessage,
    label: string,
    match: string | RegExp,
  ) => after(user, () => api().userPressesButton(user, message, callbackOf(message, label)), match);

  /** Presses a button and waits for the answer to the press (a toast or an alert). */
  async function pressForAnswer(
    user: TelegramUser,
    message: StoredMessage,
    data: string,
    forged = false,
  ): Promise<CallbackAnswer> {
    const update = api().userPressesButton(user, message, data, { forged });
    const id = update.callback_query?.id as string;
    return api().waitFor(() => api().callbackAnswers(id)[0]);
  }

  /** Waits until the live message (edited in place) shows `match`. */
  const untilShown = (message: StoredMessage, match: string | RegExp) =>
    api().waitFor(() => shows(message, match) && message);

  // ---- the domain, for set-up and for what is stored ---------------------------------------

  const repo = <T extends object>(entity: new () => T) => bot.dataSource.getRepository(entity);

  async function actor(telegramId: number): Promise<ActorWithRights> {
    const found = await bot.app.get(UsersService).actorByTelegramId(telegramId);
    if (!found) throw new Error(`no user ${telegramId}`);
    return found;
  }

  async function done<T>(outcome: Promise<Outcome<T, AnyReason>>) {
    const result = await outcome;
    if (!result.ok) throw new Error(reasonText(result));
    return result.value;
  }

  const masterRow = () => repo(Master).findOneByOrFail({ id: masterId });

  // ---- the walk ----------------------------------------------------------------------------

  it('lets the admin add a master who wrote to the bot first, re-asking every wrong answer', async () => {
    const empty = await send(ADMIN, '👥 Мастера', 'Мастеров пока нет');
    await press(ADMIN, empty, '➕ Добавить мастера', 'Шаг 1/3: Введите Telegram ID');

    await send(ADMIN, 'абв', 'Telegram ID — это число');
    await send(ADMIN, '5555', 'Пользователь с Telegram ID 5555 не найден');
    await send(ADMIN, String(MASTER.id), 'Шаг 2/3: Введите телефон мастера');
    await send(ADMIN, '12345', 'Неверный номер телефона');
    await send(ADMIN, '8 (900) 123-45-67', 'Шаг 3/3');
    await send(ADMIN, 'Х', 'Специализация должна быть от 2 до 200 символов');
    const summary = await send(ADMIN, 'Холодильники', 'Проверьте данные мастера');
    expect(summary.visibleText).toContain('📞 Телефон: +79001234567');
    expect(summary.visibleText).toContain('👤 Иван Мастеров');

    const added = await press(ADMIN, summary, '✅ Подтвердить', '✅ Мастер Иван Мастеров добавлен');
    const stored = await repo(Master).findOneOrFail({ where: {}, relations: { user: true } });
    masterId = stored.id;
    expect(stored).toMatchObject({
      phone: '+79001234567',
      specialization: 'Холодильники',
      isActive: true,
      isSenior: false,
      workChatId: null,
      user: expect.objectContaining({ telegramId: MASTER.id }),
    });
    expect(await repo(AuditLog).countBy({ action: 'master.add', entityId: masterId })).toBe(1);
    // The sender delivers «✅ Поздравляем! Вы добавлены…» from this outbox row.
    expect(
      await repo(Notification).findBy({ kind: 'master_added', chatId: MASTER.id }),
    ).toHaveLength(1);

    card = await press(ADMIN, added, '👨‍🔧 Открыть карточку мастера', '👨‍🔧 Мастер: Иван Мастеров');
    expect(card.visibleText).toContain('⚠️ НЕТ ГРУППЫ');
    expect(buttonLabels(card)).toEqual([
      '💬 Установить рабочую группу',
      '🔧 Редактировать специализацию',
      '⭐ Назначить Старшим мастером',
      '🚫 Деактивировать',
      '📊 Статистика',
      '💼 Уволить',
      '◀️ К списку мастеров',
    ]);
  });

  it('binds the work group chosen in the chat picker, once the bot is in it', async () => {
    const picker = await press(
      ADMIN,
      card,
      '💬 Установить рабочую группу',
      'Рабочая группа для мастера',
    );
    expect(picker.reply_markup).toMatchObject({
      keyboard: [
        [
          {
            text: '💬 Выбрать группу',
            request_chat: { request_id: masterId, chat_is_channel: false },
          },
        ],
        ['◀️ Назад'],
      ],
    });

    await after(
      ADMIN,
      () => api().userSharesChat(ADMIN, masterId, GROUP_WITHOUT_BOT),
      'Бот не состоит в этой группе',
    );
    expect((await masterRow()).workChatId).toBeNull();
    const menu = await send(ADMIN, '◀️ Назад', 'Главное меню.');
    expect(JSON.stringify(menu.reply_markup)).toContain('👥 Мастера');

    await press(ADMIN, card, '💬 Установить рабочую группу', 'Рабочая группа для мастера');

    api().botAddedToGroup(WORK_GROUP);
    await after(
      ADMIN,
      () => api().userSharesChat(ADMIN, masterId, WORK_GROUP.id),
      '✅ Группа «Иван — работа» установлена',
    );
    expect(await masterRow()).toMatchObject({
      workChatId: WORK_GROUP.id,
      workChatTitle: WORK_GROUP.title,
    });
    card = await api().waitFor(() =>
      [...api().messages(ADMIN.id)].reverse().find((m) => shows(m, '💬 Группа: Иван — работа')),
    );
  });

  it('edits the specialization; /cancel leaves the dialog without a change', async () => {
    await press(ADMIN, card, '🔧 Редактировать специализацию', 'Введите новую специализацию');
    await send(ADMIN, '/cancel', '❌ Действие отменено.');
    expect((await masterRow()).specialization).toBe('Холодильники');

    await press(ADMIN, card, '🔧 Редактировать специализацию', 'Введите новую специализацию');
    await send(ADMIN, 'Я', 'Специализация должна быть от 2 до 200 символов');
    await send(ADMIN, 'Холодильники, стиральные машины', '✅ Специализация мастера Иван Мастеров');
    expect((await masterRow()).specialization).toBe('Холодильники, стиральные машины');
  });

  it('toggles senior and active on the card; a deactivated master loses the master menu at once', async () => {
    const senior = await pressForAnswer(
      ADMIN,
      card,
      callbackOf(card, '⭐ Назначить Старшим мастером'),
    );
    expect(senior.text).toContain('теперь Старший мастер');
    await untilShown(card, '⭐ Старший мастер');
    expect(buttonLabels(card)).toContain('⭐ Убрать роль Старший мастер');
    expect((await masterRow()).isSenior).toBe(true);

    await pressForAnswer(ADMIN, card, callbackOf(card, '⭐ Убрать роль Старший мастер'));
    await api().waitFor(() => buttonLabels(card).includes('⭐ Назначить Старшим мастером'));
    expect((await masterRow()).isSenior).toBe(false);

    await pressForAnswer(ADMIN, card, callbackOf(card, '🚫 Деактивировать'));
    await untilShown(card, '🚫 Деактивирован');
    expect((await masterRow()).isActive).toBe(false);
    await send(MASTER, '📋 Мои заявки', '⛔');

    await pressForAnswer(ADMIN, card, callbackOf(card, '✅ Активировать'));
    await untilShown(card, '✅ Активен');
    expect((await masterRow()).isActive).toBe(true);
    expect(
      (await repo(AuditLog).findBy({ entityType: 'master', entityId: masterId })).map(
        (a) => a.action,
      ),
    ).toEqual(
      expect.arrayContaining([
        'master.senior_on',
        'master.senior_off',
        'master.deactivate',
        'master.activate',
      ]),
    );
  });

  it('shows the master «📋 Мои заявки» by status, and the card acts like the group card', async () => {
    const orders = bot.app.get(OrdersService);
    const dispatcher = await actor(DISPATCHER.id);
    const master = await actor(MASTER.id);
    const create = async () => {
      const order = await done(orders.create(DRAFT, dispatcher));
      return done(orders.assign({ id: order.id }, masterId, dispatcher));
    };
    orderIds.a = (await create()).id;
    orderIds.b = (await create()).id;
    await done(orders.accept({ id: orderIds.b }, master));
    orderIds.c = (await create()).id;
    await done(orders.accept({ id: orderIds.c }, master));
    await done(orders.onSite({ id: orderIds.c }, master));
    await done(
      orders.complete(
        { id: orderIds.c },
        {
          totalKopecks: 1_000_000,
          materialsKopecks: 300_000,
          reviewTaken: false,
          outOfCity: false,
        },
        master,
      ),
    );

    const list = await send(MASTER, '📋 Мои заявки', 'Ваши активные заявки (2)');
    expect(list.visibleText).toMatch(
      /👨‍🔧 Назначена \(1\):\n\s+#\d+ — Стиральные машины, ул\. Ленина/,
    );
    expect(list.visibleText).toMatch(/✅ Принята \(1\):/);
    expect(list.visibleText).not.toContain(`#${orderIds.c} `);

    const orderCard = await press(
      MASTER,
      list,
      `#${orderIds.a} — Стиральные машины`,
      `Заявка #${orderIds.a}`,
    );
    expect(orderCard.visibleText).toContain('📞 Телефон: будет доступен после прибытия на объект');
    expect(orderCard.visibleText).not.toContain('+7900111');
    expect(buttonLabels(orderCard)).toEqual([
      '✅ Принять заявку',
      '❌ Отмена',
      '📅 Перенести визит',
      '◀️ К моим заявкам',
    ]);
    const answer = await pressForAnswer(
      MASTER,
      orderCard,
      callbackOf(orderCard, '✅ Принять заявку'),
    );
    expect(answer.text).toContain(`Заявка #${orderIds.a} принята`);
    expect(await repo(Order).findOneByOrFail({ id: orderIds.a })).toMatchObject({
      status: 'ACCEPTED',
    });

    // Button data is untrusted: a forged press for an order that is not theirs opens nothing.
    const forged = await pressForAnswer(MASTER, list, 'mo:card:999999', true);
    expect(forged).toMatchObject({ show_alert: true });
  });

  it('gives the dispatcher the read-only list and refuses every /admin command', async () => {
    const list = await send(DISPATCHER, '👥 Мастера', '👥 Мастера (1)');
    expect(list.visibleText).toContain('1. Иван Мастеров — Холодильники, стиральные машины');
    expect(list.visibleText).toContain('💬 Группа: Иван — работа');
    expect(list.visibleText).toContain('📋 Активных заявок: 2 · 💰 Закрыто в этом месяце: 1');
    expect(list.reply_markup).toBeUndefined();

    const refused = await pressForAnswer(DISPATCHER, list, `am:fire:${masterId}`, true);
    expect(refused).toMatchObject({ text: FORBIDDEN, show_alert: true });

    await send(DISPATCHER, '/admin', FORBIDDEN);
    await send(DISPATCHER, `/admin role ${DISPATCHER.id} add ADMIN`, FORBIDDEN);
    await send(DISPATCHER, `/admin delete ${orderIds.c}`, FORBIDDEN);
    expect((await actor(DISPATCHER.id)).roles.has('ADMIN')).toBe(false);
    expect(await repo(Order).findOneByOrFail({ id: orderIds.c })).toMatchObject({
      deletedAt: null,
    });

    const adminList = await send(ADMIN, '👥 Мастера', '👥 Мастера (1)');
    expect(buttonLabels(adminList)).toEqual(['Иван Мастеров', '➕ Добавить мастера']);
    const fromCard = await press(ADMIN, card, '◀️ К списку мастеров', '👥 Мастера (1)');
    expect(fromCard.visibleText).toContain('📋 Активных заявок: 2 · 💰 Закрыто в этом месяце: 1');
  });

  it('/admin lists the commands; /admin role adds and removes roles with specific usage errors', async () => {
    await send(ADMIN, '/admin', '/admin role <telegram_id> add|remove');
    await send(ADMIN, '/admin frobnicate', 'Неизвестная команда «frobnicate»');
    await send(ADMIN, '/admin role', 'Использование: /admin role <telegram_id>');
    await send(ADMIN, '/admin role abc add DISPATCHER', '«abc» — не Telegram ID');
    await send(ADMIN, `/admin role ${NEWCOMER.id} grant DISPATCHER`, '«grant» — не действие');
    await send(ADMIN, `/admin role ${NEWCOMER.id} add KING`, 'Неизвестная роль «KING»');
    await send(
      ADMIN,
      `/admin role ${NEWCOMER.id} add DISPATCHER`,
      `Пользователь с Telegram ID ${NEWCOMER.id} не найден`,
    );

    await send(NEWCOMER, '/start', '👋 Здравствуйте');
    await send(
      ADMIN,
      `/admin role ${NEWCOMER.id} add dispatcher`,
      `✅ Роль DISPATCHER (Диспетчер) выдана пользователю ${NEWCOMER.id}`,
    );
    const newcomer = await repo(User).findOneByOrFail({ telegramId: NEWCOMER.id });
    expect(await repo(UserRole).findBy({ userId: newcomer.id })).toEqual([
      expect.objectContaining({ role: 'DISPATCHER', source: 'admin' }),
    ]);
    await send(NEWCOMER, '👥 Мастера', '👥 Мастера (1)');
    await send(ADMIN, `/admin role ${NEWCOMER.id} add DISPATCHER`, 'уже есть роль DISPATCHER');
    await send(
      ADMIN,
      `/admin role ${NEWCOMER.id} remove DISPATCHER`,
      '✅ Роль DISPATCHER (Диспетчер) снята',
    );
    expect(await repo(UserRole).countBy({ userId: newcomer.id })).toBe(0);

    await send(
      ADMIN,
      `/admin role ${NEWCOMER.id} add ADMIN`,
      '✅ Роль ADMIN (Администратор) выдана',
    );
    await api().waitFor(() =>
      api()
        .commands({ type: 'chat', chat_id: NEWCOMER.id })
        .some((command) => command.command === 'admin'),
    );
    await send(NEWCOMER, '/admin', 'Команды администратора');
    await send(
      ADMIN,
      `/admin role ${NEWCOMER.id} remove ADMIN`,
      '✅ Роль ADMIN (Администратор) снята',
    );
    await send(NEWCOMER, '/admin', '⛔');

    await send(
      ADMIN,
      `/admin role ${ADMIN.id} remove ADMIN`,
      'указан в ADMIN_IDS: роль нельзя снять',
    );
    await send(
      ADMIN,
      `/admin role ${NEWCOMER.id} add MASTER`,
      'Мастера добавляют через «👥 Мастера»',
    );
    expect((await actor(ADMIN.id)).roles.has('ADMIN')).toBe(true);
    expect(
      (await repo(AuditLog).find({ where: { entityType: 'user' }, order: { id: 'ASC' } })).map(
        (a) => a.action,
      ),
    ).toEqual(['role.add', 'role.remove', 'role.add', 'role.remove']);
  });

  it('/admin edit_closed corrects the money and recomputes the shares', async () => {
    await send(ADMIN, '/admin edit_closed', 'Использование: /admin edit_closed <N>');
    await send(ADMIN, '/admin edit_closed abc', '«abc» — не номер заявки');
    await send(
      ADMIN,
      `/admin edit_closed ${orderIds.a}`,
      'Действие недоступно: заявка в статусе «✅ Принята»',
    );

    const before = await repo(Order).findOneByOrFail({ id: orderIds.c });
    expect(before).toMatchObject({
      netKopecks: 700_000,
      masterShareKopecks: 350_000,
      companyShareKopecks: 350_000,
    });

    const start = await send(
      ADMIN,
      `/admin edit_closed #${orderIds.c}`,
      `Исправление сумм заявки #${orderIds.c}`,
    );
    expect(start.visibleText).toContain(
      '💰 Сумма: 10 000 ₽ · 🧰 Материалы: 3 000 ₽ · 💵 Чистыми: 7 000 ₽',
    );
    await api().waitFor(() =>
      api().lastMessage(ADMIN.id)?.visibleText?.includes('Введите новую общую сумму'),
    );
    await send(ADMIN, 'двадцать', 'Не удалось понять сумму');
    await send(ADMIN, '20 000', 'Введите сумму расходных материалов');
    await send(ADMIN, '30 000', 'Материалы не могут стоить больше общей суммы (20 000 ₽)');
    await send(ADMIN, '5 000 руб', 'Взят ли отзыв у клиента?');
    const review = await send(ADMIN, 'может быть', 'Взят ли отзыв у клиента?');
    const outOfCity = await press(ADMIN, review, '❌ Нет', 'Был ли выезд за город?');
    const confirm = await press(ADMIN, outOfCity, '✅ Да', `Новые данные заявки #${orderIds.c}`);
    expect(confirm.visibleText).toContain('💵 Чистыми: 15 000 ₽');
    const result = await press(
      ADMIN,
      confirm,
      '✅ Подтвердить',
      `✅ Суммы заявки #${orderIds.c} исправлены`,
    );
    expect(result.visibleText).toContain('👨‍🔧 Мастеру: 9 000 ₽ · 🏢 Компании: 6 000 ₽');

    // net 15 000 → 50/50, plus 10 % of net to the master for the trip out of the city.
    expect(await repo(Order).findOneByOrFail({ id: orderIds.c })).toMatchObject({
      status: 'CLOSED',
      totalKopecks: 2_000_000,
      materialsKopecks: 500_000,
      netKopecks: 1_500_000,
      masterShareKopecks: 900_000,
      companyShareKopecks: 600_000,
      reviewTaken: false,
      outOfCity: true,
    });
    const audit = await repo(AuditLog).findOneByOrFail({
      action: 'order.correct_money',
      entityId: orderIds.c,
    });
    expect(audit.details).toMatchObject({
      before: { totalKopecks: 1_000_000 },
      after: { totalKopecks: 2_000_000 },
    });
  });

  it('shows the master «📊 Моя статистика» for this month and «⚙️ Настройки»', async () => {
    const stats = await send(MASTER, '📊 Моя статистика', '📊 Ваша статистика за');
    expect(stats.visibleText).toContain('📋 Активных заявок: 2');
    expect(stats.visibleText).toContain('✅ Завершено в этом месяце: 1');
    expect(stats.visibleText).toContain('💵 Заработок в этом месяце: 9 000 ₽');
    expect(stats.visibleText).toContain('📈 Процент выполнения: 100%');

    const settings = await send(MASTER, '⚙️ Настройки', '⚙️ Настройки');
    expect(settings.visibleText).toContain('📞 Телефон: +79001234567');
    expect(settings.visibleText).toContain('🔧 Специализация: Холодильники, стиральные машины');
    expect(settings.visibleText).toContain('💬 Рабочая группа: Иван — работа');
    expect(settings.visibleText).toContain('📌 Статус: ✅ Активен');
  });

  it('/admin delete asks first and soft-deletes; /admin restore brings the order back', async () => {
    const declined = await send(
      ADMIN,
      `/admin delete ${orderIds.c}`,
      `Удалить заявку #${orderIds.c}?`,
    );
    api().userPressesButton(ADMIN, declined, callbackOf(declined, '↩️ Не удалять'));
    await untilShown(declined, 'Заявка не удалена');
    expect((await repo(Order).findOneByOrFail({ id: orderIds.c })).deletedAt).toBeNull();

    const confirm = await send(
      ADMIN,
      `/admin delete ${orderIds.c}`,
      `Удалить заявку #${orderIds.c}?`,
    );
    api().userPressesButton(ADMIN, confirm, callbackOf(confirm, '🗑 Удалить'));
    await untilShown(confirm, `🗑 Заявка #${orderIds.c} удалена`);
    expect(await repo(Order).findOneBy({ id: orderIds.c })).toBeNull();
    expect(
      await repo(Order).findOne({ where: { id: orderIds.c }, withDeleted: true }),
    ).toMatchObject({ deletedAt: expect.any(Date) });

    await send(ADMIN, `/admin restore ${orderIds.c}`, `♻️ Заявка #${orderIds.c} восстановлена`);
    expect(await repo(Order).findOneByOrFail({ id: orderIds.c })).toMatchObject({
      deletedAt: null,
      status: 'CLOSED',
    });
    await send(ADMIN, `/admin restore ${orderIds.c}`, `Заявка #${orderIds.c} не найдена`);
    expect(
      (await repo(AuditLog).findBy({ entityType: 'order', entityId: orderIds.c })).map(
        (a) => a.action,
      ),
    ).toEqual(expect.arrayContaining(['order.delete', 'order.undelete']));
  });

  it('refuses to fire a master with active orders, and fires after they are unassigned', async () => {
    const confirm = await press(ADMIN, card, '💼 Уволить', 'Уволить мастера Иван Мастеров?');
    await press(
      ADMIN,
      confirm,
      '✅ Подтвердить',
      'Нельзя уволить мастера: у него 2 активных заявок',
    );
    expect(await masterRow()).toMatchObject({ firedAt: null, isActive: true });

    const orders = bot.app.get(OrdersService);
    const dispatcher = await actor(DISPATCHER.id);
    for (const id of [orderIds.a, orderIds.b]) await done(orders.unassign({ id }, dispatcher));

    const again = await press(ADMIN, card, '💼 Уволить', 'Уволить мастера Иван Мастеров?');
    await press(ADMIN, again, '✅ Подтвердить', '💼 Мастер Иван Мастеров уволен');
    expect(await masterRow()).toMatchObject({
      firedAt: expect.any(Date),
      isActive: false,
      workChatId: null,
    });
    expect(await repo(Order).findOneByOrFail({ id: orderIds.c })).toMatchObject({ masterId });

    await send(MASTER, '📋 Мои заявки', '⛔');
    await send(ADMIN, '👥 Мастера', 'Мастеров пока нет');
  });

  it('never answers with a stray value instead of a text', () => {
    // nestjs-telegraf replies with String(result) when a handler returns something.
    const users = [ADMIN, DISPATCHER, MASTER, NEWCOMER];
    const stray = users.flatMap((user) =>
      api()
        .messages(user.id)
        .filter((m) => ['true', '[object Object]', 'undefined'].includes(m.visibleText ?? '')),
    );
    expect(stray).toEqual([]);
  });
});
