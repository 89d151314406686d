import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModulesContainer } from '@nestjs/core';
import {
  LISTENERS_METADATA,
  SCENE_METADATA,
  UPDATE_METADATA,
} from 'nestjs-telegraf/dist/telegraf.constants';
import { IsNull } from 'typeorm';
import { BusinessConfig } from '../../src/config/business-config';
import { IntakeDraft } from '../../src/intake/intake-draft.entity';
import { IntakeGroup } from '../../src/intake/intake-group.entity';
import { IntakeService } from '../../src/intake/intake.service';
import { Notification } from '../../src/notifications/notification.entity';
import { Order } from '../../src/orders/order.entity';
import { ACTIVE_STATUSES, ORDER_STATUSES, OrderStatus } from '../../src/orders/order-status';
import { OrdersService } from '../../src/orders/orders.service';
import { ORDER_BUTTONS, OrderButton } from '../../src/telegram/callback-data';
import { mastersAdminTexts } from '../../src/texts/ru/admin';
import { botTexts } from '../../src/texts/ru/bot';
import type { ActorWithRights } from '../../src/users/actor';
import { Master } from '../../src/users/master.entity';
import { MastersService } from '../../src/users/masters.service';
import { UserRole } from '../../src/users/user-role.entity';
import { User as UserRow } from '../../src/users/user.entity';
import { UsersService } from '../../src/users/users.service';
import { NOT_TEXT } from '../../src/telegram/updates/fallback.update';
import { BotApp, startBotApp } from '../support/bot-app';
import { ORDER_DRAFT } from '../support/domain-app';
import type { CallbackAnswer, StoredMessage, User } from '../support/fake-bot-api';
import { pageNumberOf } from '../support/paging';
import { TEST_ADMIN_ID, TEST_DISPATCHER_ID } from '../support/test-env';
import type { Outcome } from '../../src/common/outcome';
import { AnyReason, reasonText } from '../../src/texts/ru/reasons';

/**
 * Every button and command × every kind of user (docs/product.md §1, §3–§5, §10, §12: "every button
 * in every menu must answer every role that sees it"). A permitted person reaches the button the
 * way a person does — through the menus, the cards and the dialogs — presses it, and the spec
 * checks what they would notice: the exact answer and, for a change, the database. A refused
 * person sends the same data from a modified client and gets the refusal; nothing changes.
 * The last specs prove the table complete: against the handlers the bot registers, the order
 * buttons of the codec, and every button the bot showed during the run.
 */

type Who = 'unknown' | 'assignedMaster' | 'otherMaster' | 'dispatcher' | 'admin';
const EVERYONE: readonly Who[] = [
  'unknown',
  'assignedMaster',
  'otherMaster',
  'dispatcher',
  'admin',
];
const STAFF: readonly Who[] = ['dispatcher', 'admin'];
const MASTERS: readonly Who[] = ['assignedMaster', 'otherMaster'];
const MASTER_OR_ADMIN: readonly Who[] = ['assignedMaster', 'admin'];
const ADMIN: readonly Who[] = ['admin'];

const PEOPLE: Record<Who, User> = {
  unknown: { id: 9500, first_name: 'Незнакомец' },
  assignedMaster: { id: 3201, first_name: 'Назначенный' },
  otherMaster: { id: 3202, first_name: 'Другой' },
  dispatcher: { id: TEST_DISPATCHER_ID, first_name: 'Диспетчер' },
  admin: { id: TEST_ADMIN_ID, first_name: 'Админ' },
};
const GROUP: Record<'assignedMaster' | 'otherMaster', number> = {
  assignedMaster: -1_001_000_003_201,
  otherMaster: -1_001_000_003_202,
};
const PHONE = '+79001112233';

// What a refused person reads (src/texts/ru): written out, so a changed wording is noticed.
const UNKNOWN_USER =
  '⛔ Вы не зарегистрированы. Нажмите «📞 Связаться», чтобы узнать свой Telegram ID для администратора.';
const FORBIDDEN = '⛔ У вас нет прав на это действие.';
const NOT_YOUR_ORDER = '⛔ Эта заявка назначена другому мастеру.';
/** A dialog button pressed by someone who is not in that dialog. */
const STALE = '⚠️ Эта кнопка устарела. Откройте меню заново.';
const CANCELLED = '❌ Действие отменено.';

/** The reply keyboard of each kind of user (docs/product.md §1, §3, §4.3, §5). */
const MENUS: Record<Who, string[][]> = {
  unknown: [['ℹ️ Информация', '📞 Связаться']],
  assignedMaster: [['📋 Мои заявки', '📊 Моя статистика'], ['⚙️ Настройки']],
  otherMaster: [['📋 Мои заявки', '📊 Моя статистика'], ['⚙️ Настройки']],
  dispatcher: [
    ['📋 Все заявки', '➕ Создать заявку'],
    ['🔍 Поиск заказов'],
    ['👥 Мастера', '📊 Отчеты'],
    ['⚙️ Настройки'],
  ],
  admin: [
    ['📋 Все заявки', '➕ Создать заявку'],
    ['🔍 Поиск заказов'],
    ['👥 Мастера', '📊 Отчеты'],
    ['👤 Пользователи', '📥 Группа приёма заявок'],
    ['⚙️ Настройки'],
  ],
};
const ROLE_NAMES: Record<Who, string> = {
  unknown: 'нет',
  assignedMaster: 'Мастер',
  otherMaster: 'Мастер',
  dispatcher: 'Диспетчер',
  admin: 'Администратор',
};
const FILTER_LABELS: Record<OrderStatus, string> = {
  NEW: '🆕 Новые',
  ASSIGNED: '👨‍🔧 Назначенные',
  ACCEPTED: '✅ Принятые',
  ONSITE: '🏠 На объекте',
  DR: '⏳ Длительный ремонт',
  CLOSED: '💰 Завершенные',
  REFUSED: '❌ Отказы',
};

/** One run of a row: who acts, in which chat, since when the bot's answers count. */
interface Case<S> {
  who: Who;
  person: User;
  state: S;
  /** The chat the action happens in (the private chat unless the button is in a group). */
  chat: number;
  since: number;
}

interface Row<S> {
  kind: 'text' | 'button' | 'share';
  /** For a button, its `<area>:<action>` (the key the last specs check); else what is sent. */
  key: string;
  /** The dialog a dialog button belongs to: only someone in that dialog can press it. */
  scene?: string;
  allowed: readonly Who[];
  /** What the case needs in the database, made through the domain (fast, no messages). */
  arrange?: (who: Who) => Promise<S>;
  /** Text rows: what the person sends. */
  text?: (state: S) => string;
  /** Button rows: the callback data. */
  data?: (state: S) => string;
  /** Button rows: the label the permitted person sees on it. */
  label?: string | RegExp | ((c: Case<S>) => string | RegExp);
  /**
   * Button rows: brings the button on screen for a permitted person through the menus and
   * returns the chat it is in; `null` where no screen shows it to them (the press is then sent
   * as a modified client would, and the row says why).
   */
  show?: (c: Case<S>) => Promise<number | null>;
  /** What the permitted person notices; must fail when the action did nothing. */
  outcome: (c: Case<S>, answer: CallbackAnswer | null) => Promise<void>;
  /** The success leaves the person in a dialog: `/cancel` must then answer "cancelled". */
  leavesDialog?: boolean;
  /** Refusal texts that differ from the default (unknown → not registered, else forbidden). */
  refusal?: Partial<Record<Who, string>>;
}

// A row's state type is checked where the row is written; the table holds them all.
type AnyRow = Row<never>;
const row = <S>(r: Row<S>): AnyRow => r as unknown as AnyRow;

describe('authorization matrix: every button and command × every kind of user', () => {
  let bot: BotApp;
  let adminActor: ActorWithRights;
  let masters: Record<'assignedMaster' | 'otherMaster' | 'noGroup', Master>;
  let nextId = 7000;
  /** Presses and texts of permitted people that got their outcome, for the completeness specs. */
  const pressed: { data: string; scene?: string }[] = [];
  const spoken: string[] = [];
  let sharedChat = false;

  // ---- the fixture ------------------------------------------------------------------------

  beforeAll(async () => {
    bot = await startBotApp({
      BACKUP_DIR: mkdtempSync(join(tmpdir(), 'repair-dispatch-matrix-backups-')),
      // The admin presses several hundred buttons in a minute; flood control has its own spec.
      FLOOD_BURST: '100000',
    });
    for (const who of EVERYONE) {
      const since = Date.now();
      bot.api.userSendsText(PEOPLE[who], '/start');
      await botSays(PEOPLE[who].id, since, (text) => text.startsWith('👋 Здравствуйте'));
    }
    adminActor = await bot.app.get(UsersService).upsertFromTelegram({ id: TEST_ADMIN_ID });
    const added = async (user: User, specialization: string, group?: number) => {
      await bot.app.get(UsersService).upsertFromTelegram(user);
      const master = ok(
        await bot.app
          .get(MastersService)
          .add({ telegramId: user.id, phone: `+7900555${user.id}`, specialization }, adminActor),
      );
      if (group) {
        bot.api.botAddedToGroup({
          id: group,
          title: `Группа ${user.first_name}`,
          type: 'supergroup',
        });
        ok(
          await bot.app
            .get(MastersService)
            .bindWorkGroup(
              master.id,
              { id: group, title: `Группа ${user.first_name}`, type: 'supergroup' },
              adminActor,
            ),
        );
      }
      return master;
    };
    masters = {
      assignedMaster: await added(PEOPLE.assignedMaster, 'Электрика', GROUP.assignedMaster),
      otherMaster: await added(PEOPLE.otherMaster, 'Электрика', GROUP.otherMaster),
      noGroup: await added({ id: 3203, first_name: 'Безгруппы' }, 'Сантехника'),
    };
    // «📋 Мои заявки» of the other master is not empty either.
    await orderIn('ASSIGNED', masters.otherMaster);
  });

  afterAll(() => bot.close());

  function ok<T>(outcome: Outcome<T, AnyReason>): T {
    if (!outcome.ok) throw new Error(reasonText(outcome));
    return outcome.value;
  }

  /** A fresh order in `status`, assigned to `master` where the status needs one. */
  async function orderIn(
    status: OrderStatus | 'DELETED',
    master = masters.assignedMaster,
    draft = ORDER_DRAFT,
  ): Promise<Order> {
    const orders = bot.app.get(OrdersService);
    let order = ok(await orders.create(draft, adminActor));
    const ref = () => ({ id: order.id });
    if (status === 'NEW') return order;
    if (status === 'DELETED') return ok(await orders.softDelete(ref(), adminActor));
    if (status === 'REFUSED') return ok(await orders.cancel(ref(), 'Клиент передумал', adminActor));
    order = ok(await orders.assign(ref(), master.id, adminActor));
    if (status === 'ASSIGNED') return order;
    order = ok(await orders.accept(ref(), adminActor));
    if (status === 'ACCEPTED') return order;
    order = ok(await orders.onSite(ref(), adminActor));
    if (status === 'ONSITE') return order;
    if (status === 'CLOSED') {
      return ok(
        await orders.complete(
          ref(),
          {
            totalKopecks: 1_000_000,
            materialsKopecks: 300_000,
            reviewTaken: false,
            outOfCity: false,
          },
          adminActor,
        ),
      );
    }
    return ok(
      await orders.longRepair(
        ref(),
        { expectedDate: isoDateIn(10), parts: null, preliminaryKopecks: null },
        adminActor,
      ),
    );
  }

  /** A master made for one case, so that changing it changes nothing for the others. */
  type Fresh = { master: Master; name: string; telegramId: number };

  /** A new person who has written to the bot. */
  async function newPerson(firstName: string): Promise<User> {
    const id = nextId++;
    const person = { id, first_name: `${firstName}${id}` };
    const since = Date.now();
    bot.api.userSendsText(person, '/start');
    await botSays(person.id, since, (text) => text.startsWith('👋 Здравствуйте'));
    return person;
  }

  /** A new master with a work group (or without), for the rows that change masters. */
  async function newMaster(withGroup = true): Promise<Fresh> {
    const person = await newPerson('Мастер');
    const service = bot.app.get(MastersService);
    const master = ok(
      await service.add(
        { telegramId: person.id, phone: `+7900${person.id}000`, specialization: 'Электрика' },
        adminActor,
      ),
    );
    if (withGroup) {
      const group = -1_001_000_000_000 - person.id;
      bot.api.botAddedToGroup({
        id: group,
        title: `Группа ${person.first_name}`,
        type: 'supergroup',
      });
      ok(
        await service.bindWorkGroup(
          master.id,
          { id: group, title: `Группа ${person.first_name}`, type: 'supergroup' },
          adminActor,
        ),
      );
    }
    return { master, name: person.first_name, telegramId: person.id };
  }

  const isoDateIn = (days: number) =>
    new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  /** A date as people type it (ДД.ММ.ГГГГ), `days` from now. */
  const typedDateIn = (days: number) => {
    const [year, month, day] = isoDateIn(days).split('-');
    return `${day}.${month}.${year}`;
  };
  const uniquePhone = () => `+7 901 ${String(nextId++).padStart(7, '0')}`;
  const normalized = (phone: string) => phone.replace(/[^\d+]/g, '');

  // ---- what the bot shows -----------------------------------------------------------------

  type Expected = string | RegExp | ((text: string) => boolean);

  /** The bot's message in `chat`, sent or edited after `since`, whose visible text is `expected`. */
  async function botSays(chat: number, since: number, expected: Expected): Promise<StoredMessage> {
    const test =
      typeof expected === 'string'
        ? (text: string) => text === expected
        : expected instanceof RegExp
          ? (text: string) => expected.test(text)
          : expected;
    const recent = () =>
      bot.api
        .messages(chat)
        .filter((m) => !m.deleted && Math.max(m.sentAt, m.editedAt ?? 0) > since);
    try {
      return await bot.api.waitFor(
        () => recent().find((m) => test(m.visibleText ?? m.visibleCaption ?? '')),
        8_000,
      );
    } catch {
      const seen = recent().map((m) => m.visibleText ?? m.document?.file_name);
      throw new Error(
        `chat ${chat} never showed ${String(expected)}; since the action it showed:\n${JSON.stringify(seen, null, 1)}`,
      );
    }
  }

  const inlineButtons = (message: StoredMessage) =>
    message.reply_markup && 'inline_keyboard' in message.reply_markup
      ? message.reply_markup.inline_keyboard.flat()
      : [];
  const labels = (message: StoredMessage) => inlineButtons(message).map((b) => b.text);
  const replyKeyboard = (message: StoredMessage) =>
    message.reply_markup && 'keyboard' in message.reply_markup
      ? message.reply_markup.keyboard.map((r) => r.map((b) => (typeof b === 'string' ? b : b.text)))
      : [];

  /** The person sends `text` in `chat` and the bot answers `expected`. */
  async function sayAndSee(c: Case<unknown>, text: string, expected: Expected, chat = c.chat) {
    const since = Date.now();
    bot.api.userSendsText(c.person, text, chat === c.person.id ? undefined : chat);
    return botSays(chat, since, expected);
  }

  /** The newest message in `chat` that shows a button with `data`. */
  function messageWithButton(chat: number, data: string): Promise<StoredMessage> {
    return bot.api.waitFor(
      () =>
        [...bot.api.messages(chat)]
          .reverse()
          .find((m) => !m.deleted && inlineButtons(m).some((b) => b.callback_data === data)),
      8_000,
    );
  }

  /** Presses the button with `data` on the message that shows it; resolves to the query id. */
  async function press(c: Case<unknown>, data: string, chat = c.chat): Promise<string> {
    const message = await messageWithButton(chat, data);
    const id = bot.api.userPressesButton(c.person, message, data).callback_query?.id;
    if (!id) throw new Error('no callback query');
    return id;
  }

  const answerTo = (queryId: string) =>
    bot.api.waitFor(() => bot.api.callbackAnswers(queryId)[0], 8_000);

  /** Presses and waits for the next screen, as a person does between two taps. */
  async function pressAndSee(c: Case<unknown>, data: string, expected: Expected, chat = c.chat) {
    const since = Date.now();
    await press(c, data, chat);
    return botSays(chat, since, expected);
  }

  /** A list's title on `page` of `pages`: «стр. N/M» below it when there is more than one. */
  const onPage = (title: string, page: number, pages: number) =>
    pages > 1 ? `${title}\n\nстр. ${page}/${pages}` : title;
  const FIRST_LIST_PAGE = /^📋 Заявки по статусам:(\n\nстр\. 1\/\d+)?$/;

  /**
   * A typed question as `c`'s person sees it: in a group it names them first, since privacy
   * mode lets only a reply to it reach the bot (ask-in-dialog.ts).
   */
  const askedIn = (c: Case<unknown>, question: string) =>
    c.chat === c.person.id
      ? question
      : botTexts.askedInGroup(
          [c.person.first_name, c.person.last_name].filter(Boolean).join(' '),
          question,
        );

  /** «📋 Все заявки» → the status filter → the order: the staff card, as staff open it. */
  async function openStaffCard(c: Case<unknown>, order: Order): Promise<number> {
    await sayAndSee(c, '📋 Все заявки', '📋 Заявки по статусам:');
    await pressAndSee(c, `l:f:${order.status}:0`, FIRST_LIST_PAGE);
    await pressAndSee(c, `o:card:${order.id}`, (text) => text.startsWith(`Заявка #${order.id} —`));
    return c.person.id;
  }

  /** The master's card in their work group, as posted and edited by the bot. */
  async function groupCard(c: Case<unknown>, data: string): Promise<number> {
    const group = GROUP[c.who as 'assignedMaster'];
    await messageWithButton(group, data);
    return group;
  }

  /** «📋 Мои заявки» → the order: the master's own card in the private chat. */
  async function openMyCard(c: Case<unknown>, order: Order): Promise<number> {
    await sayAndSee(c, '📋 Мои заявки', (text) => text.startsWith('📋 Ваши активные заявки'));
    await pressAndSee(c, `mo:card:${order.id}`, (text) =>
      text.startsWith(`📋 Заявка #${order.id} —`),
    );
    return c.person.id;
  }

  /**
   * Presses ▶️ under `list` (a live message: ◀️/▶️ edit it in place); the press must be answered
   * without an alert and land on the next page of as many. Counts as the pager's handler exercised.
   */
  async function turnPage(c: Case<unknown>, list: StoredMessage): Promise<void> {
    const next = inlineButtons(list).find((b) => b.text === '▶️')?.callback_data;
    if (!next) throw new Error('the list has no next page');
    const { page, pages } = pageNumberOf(list);
    expect(await answerTo(await press(c, next, list.chat.id))).not.toMatchObject({
      show_alert: true,
    });
    await bot.api.waitFor(() => pageNumberOf(list).page === page + 1, 8_000);
    expect(pageNumberOf(list).pages).toBe(pages);
  }

  /** Turns `list` with ▶️ until a page shows the button with `data`, as a person looks for it. */
  async function pageTo(c: Case<unknown>, list: StoredMessage, data: string): Promise<void> {
    while (!inlineButtons(list).some((b) => b.callback_data === data)) await turnPage(c, list);
  }

  /** Every label of a paged list, turning it with ▶️ to its last page. */
  async function labelsOnEveryPage(c: Case<unknown>, list: StoredMessage): Promise<string[]> {
    const seen = labels(list);
    while (inlineButtons(list).some((b) => b.text === '▶️')) {
      await turnPage(c, list);
      seen.push(...labels(list));
    }
    return seen;
  }

  /** The assign picker for order `id` on page `page`: «стр. N/M» when it has more than one. */
  const pickerPage = (id: number, page: number) =>
    new RegExp(`^👨‍🔧 Выберите мастера для заявки #${id}:(\\n\\nстр\\. ${page}/\\d+)?$`);

  /** Active masters enough for the picker and the masters list to take more than a page. */
  async function manyMasters() {
    while ((await bot.dataSource.getRepository(Master).countBy({ firedAt: IsNull() })) <= 12)
      await newMaster();
  }

  /** «👥 Мастера» → the master: the master card, as an admin opens it. */
  async function openMasterCard(c: Case<unknown>, master: Master): Promise<number> {
    const list = await sayAndSee(c, '👥 Мастера', (text) => text.startsWith('👥 Мастера ('));
    await pageTo(c, list, `am:card:${master.id}`);
    await pressAndSee(c, `am:card:${master.id}`, (text) => text.startsWith('👨‍🔧 Мастер: '));
    return c.person.id;
  }

  /** «➕ Создать заявку» up to the phone; resolves to the bot's answer to the phone. */
  async function createOrderUpToPhone(
    c: Case<unknown>,
    client: { name: string; address: string; phone: string },
    afterPhone: Expected,
  ) {
    const type = bot.app.get(BusinessConfig).equipmentTypes.indexOf('Холодильники');
    await sayAndSee(c, '➕ Создать заявку', 'Шаг 1/7: Выберите тип техники:');
    await pressAndSee(c, `ct:type:${type}`, 'Шаг 2/7: Опишите проблему');
    await sayAndSee(c, 'Не морозит морозилка', 'Шаг 3/7: Введите адрес клиента');
    await sayAndSee(c, client.address, 'Шаг 4/7: Введите имя клиента');
    await sayAndSee(c, client.name, 'Шаг 5/7: Введите телефон клиента (+7XXXXXXXXXX)');
    return sayAndSee(c, client.phone, afterPhone);
  }

  const STEP6 = 'Шаг 6/7: Дополнительные заметки (необязательно)';
  const STEP7 = 'Шаг 7/7: Время прибытия к клиенту (например: «завтра в 15:00», «с 10 до 16»)';

  const orderRow = (id: number) => bot.dataSource.getRepository(Order).findOneByOrFail({ id });
  const toast = (answer: CallbackAnswer | null, text: string) => {
    expect(answer).toMatchObject({ text });
    expect(answer?.show_alert).toBeFalsy();
  };

  /** What a refused action must leave as it was: orders, masters, roles, intake drafts and groups. */
  async function snapshot() {
    const all = <T extends object>(type: new () => T) =>
      bot.dataSource
        .getRepository(type)
        .createQueryBuilder('row')
        .withDeleted()
        .orderBy('row.id')
        .getMany();
    return {
      orders: await all(Order),
      masters: await all(Master),
      roles: await all(UserRole),
      drafts: await all(IntakeDraft),
      intakeGroups: await bot.dataSource
        .getRepository(IntakeGroup)
        .find({ order: { chatId: 'ASC' } }),
    };
  }

  // ---- the table: menu texts and commands ---------------------------------------------------

  const TEXTS: AnyRow[] = [
    row({
      kind: 'text',
      key: '/start',
      allowed: EVERYONE,
      text: () => '/start',
      async outcome(c) {
        const greeting =
          c.who === 'unknown'
            ? `👋 Здравствуйте, ${c.person.first_name}!\n\nЭто бот сервисного центра. Чтобы работать с заявками, попросите администратора добавить вас.\n\nВыберите действие в меню ниже.`
            : `👋 Здравствуйте, ${c.person.first_name}!\n\nВыберите действие в меню ниже.`;
        expect(replyKeyboard(await botSays(c.chat, c.since, greeting))).toEqual(MENUS[c.who]);
      },
    }),
    row({
      kind: 'text',
      key: '/cancel',
      allowed: EVERYONE,
      text: () => '/cancel',
      outcome: (c) => botSays(c.chat, c.since, 'ℹ️ Нечего отменять.').then(() => undefined),
    }),
    row({
      kind: 'text',
      key: '❌ Отмена',
      allowed: EVERYONE,
      text: () => '❌ Отмена',
      outcome: (c) => botSays(c.chat, c.since, 'ℹ️ Нечего отменять.').then(() => undefined),
    }),
    row({
      kind: 'text',
      key: 'ℹ️ Информация',
      allowed: EVERYONE,
      text: () => 'ℹ️ Информация',
      async outcome(c) {
        await botSays(
          c.chat,
          c.since,
          'ℹ️ Бот сервисного центра: заявки на ремонт бытовой техники, сантехники и электрики.\nДиспетчеры создают заявки, мастера выполняют их в рабочих группах.',
        );
      },
    }),
    row({
      kind: 'text',
      key: '📞 Связаться',
      allowed: EVERYONE,
      text: () => '📞 Связаться',
      async outcome(c) {
        await botSays(c.chat, c.since, `Ваш Telegram ID для регистрации: ${c.person.id}`);
      },
    }),
    row({
      // Everyone's own profile; for the unknown person that is just their Telegram ID (§1).
      kind: 'text',
      key: '⚙️ Настройки',
      allowed: EVERYONE,
      text: () => '⚙️ Настройки',
      async outcome(c) {
        const person = `⚙️ Настройки\n\n👤 ${c.person.first_name}\n🆔 Telegram ID: ${c.person.id}\n🎭 Роли: ${ROLE_NAMES[c.who]}`;
        const settings = await botSays(c.chat, c.since, (text) => text.startsWith(person));
        const masterProfile = `👨‍🔧 Профиль мастера:\n📞 Телефон: +7900555${c.person.id}\n🔧 Специализация: Электрика\n💬 Рабочая группа: Группа ${c.person.first_name}`;
        if (MASTERS.includes(c.who)) expect(settings.visibleText).toContain(masterProfile);
        else expect(settings.visibleText).toBe(person);
      },
    }),
    row({
      kind: 'text',
      key: '◀️ Назад',
      allowed: EVERYONE,
      text: () => '◀️ Назад',
      async outcome(c) {
        expect(replyKeyboard(await botSays(c.chat, c.since, 'Главное меню.'))).toEqual(
          MENUS[c.who],
        );
      },
    }),
    row({
      kind: 'text',
      key: '📋 Все заявки',
      allowed: STAFF,
      text: () => '📋 Все заявки',
      async outcome(c) {
        const menu = await botSays(c.chat, c.since, '📋 Заявки по статусам:');
        const repo = bot.dataSource.getRepository(Order);
        const expected = [];
        for (const status of ORDER_STATUSES) {
          expected.push(`${FILTER_LABELS[status]} (${await repo.countBy({ status })})`);
        }
        expect(labels(menu)).toEqual(expected);
      },
    }),
    row({
      kind: 'text',
      key: '➕ Создать заявку',
      allowed: STAFF,
      text: () => '➕ Создать заявку',
      leavesDialog: true,
      async outcome(c) {
        const step1 = await botSays(c.chat, c.since, 'Шаг 1/7: Выберите тип техники:');
        expect(labels(step1)).toEqual([...bot.app.get(BusinessConfig).equipmentTypes, '❌ Отмена']);
        expect(labels(step1)).toContain('Стиральные машины');
      },
    }),
    row({
      kind: 'text',
      key: '🔍 Поиск заказов',
      allowed: STAFF,
      text: () => '🔍 Поиск заказов',
      leavesDialog: true,
      async outcome(c) {
        await botSays(c.chat, c.since, '🔍 Введите телефон, номер заявки (#123) или адрес:');
      },
    }),
    row({
      kind: 'text',
      key: '👥 Мастера',
      allowed: STAFF,
      text: () => '👥 Мастера',
      async outcome(c) {
        const count = await bot.dataSource.getRepository(Master).countBy({ firedAt: IsNull() });
        const list = await botSays(c.chat, c.since, (text) =>
          text.startsWith(
            `👥 Мастера (${count}):\n\n1. Назначенный — Электрика\n   💬 Группа: Группа Назначенный`,
          ),
        );
        // Dispatchers see the list read-only (§3.6); admins manage masters from it (§5.1).
        if (c.who === 'admin') {
          expect(list.visibleText).toMatch(/\n\nНажмите на мастера, чтобы открыть его карточку\.$/);
          expect(labels(list)).toContain('➕ Добавить мастера');
          expect(labels(list)).toContain('Назначенный');
        } else {
          expect(list.visibleText).not.toContain('Нажмите на мастера');
          expect(list.reply_markup).toBeUndefined();
        }
      },
    }),
    row({
      kind: 'text',
      key: '📊 Отчеты',
      allowed: STAFF,
      text: () => '📊 Отчеты',
      async outcome(c) {
        const menu = await botSays(c.chat, c.since, '📊 Отчеты: выберите отчёт');
        expect(labels(menu)).toEqual([
          '📋 Активные заявки',
          '📊 Ежедневная сводка',
          '📈 Еженедельная сводка',
          '📊 Ежемесячная сводка',
          '👨‍🔧 Статистика мастеров',
        ]);
      },
    }),
    row({
      kind: 'text',
      key: '👤 Пользователи',
      allowed: ADMIN,
      text: () => '👤 Пользователи',
      async outcome(c) {
        const count = await bot.dataSource.getRepository(UserRow).count();
        const list = await botSays(c.chat, c.since, (text) =>
          text.startsWith(
            `👤 Пользователи (${count}):\n\n👑 Администраторы (1):\n   • Админ — ID ${TEST_ADMIN_ID}\n\n🧑‍💼 Диспетчеры (`,
          ),
        );
        expect(list.visibleText).toContain(`   • Назначенный — ID ${PEOPLE.assignedMaster.id}`);
        expect(list.visibleText).toContain(`❔ Без роли (`);
      },
    }),
    row({
      kind: 'text',
      key: '📥 Группа приёма заявок',
      allowed: ADMIN,
      arrange: intakeGroup,
      text: () => '📥 Группа приёма заявок',
      async outcome(c) {
        const menu = await botSays(
          c.chat,
          c.since,
          `📥 Группы приёма заявок (1):\n• ${INTAKE.title}\n\nЧтобы добавить ещё одну, выберите её кнопкой ниже.`,
        );
        // Telegram's chat picker, groups only; its request id is the intake one, not a master's.
        expect(menu.reply_markup).toMatchObject({
          keyboard: [
            [
              {
                text: '📥 Выбрать группу',
                request_chat: { request_id: 2_000_000_000, chat_is_channel: false },
              },
            ],
            ['◀️ Назад'],
          ],
        });
        await sayAndSee(c, '◀️ Назад', 'Главное меню.');
      },
    }),
    row({
      kind: 'text',
      key: '📋 Мои заявки',
      allowed: MASTERS,
      arrange: (who) =>
        orderIn('ASSIGNED', who === 'otherMaster' ? masters.otherMaster : masters.assignedMaster),
      text: () => '📋 Мои заявки',
      async outcome(c) {
        const mine = await bot.dataSource.getRepository(Order).find({
          where: ACTIVE_STATUSES.map((status) => ({
            status,
            masterId: masters[c.who as 'assignedMaster'].id,
          })),
        });
        expect(mine.length).toBeGreaterThan(0);
        const list = await botSays(c.chat, c.since, (text) =>
          text.startsWith(`📋 Ваши активные заявки (${mine.length}):`),
        );
        expect(labels(list).sort()).toEqual(mine.map((o) => `#${o.id} — Холодильники`).sort());
      },
    }),
    row({
      kind: 'text',
      key: '📊 Моя статистика',
      allowed: MASTERS,
      text: () => '📊 Моя статистика',
      async outcome(c) {
        const active = await bot.dataSource.getRepository(Order).count({
          where: ACTIVE_STATUSES.map((status) => ({
            status,
            masterId: masters[c.who as 'assignedMaster'].id,
          })),
        });
        await botSays(c.chat, c.since, (text) =>
          new RegExp(`^📊 Ваша статистика за .+:\\n\\n📋 Активных заявок: ${active}\\n`).test(text),
        );
      },
    }),
    row({
      kind: 'text',
      key: '/web',
      allowed: STAFF,
      text: () => '/web',
      async outcome(c) {
        await botSays(c.chat, c.since, (text) =>
          /^🖥 Ссылка для входа в веб-консоль .+\nhttp:\/\/localhost:\d+\/web\/login\?token=[\w-]+\.[\w-]+\n/.test(
            text,
          ),
        );
      },
    }),
    row({
      kind: 'text',
      key: '/admin',
      allowed: ADMIN,
      text: () => '/admin',
      async outcome(c) {
        const help = await botSays(c.chat, c.since, (text) =>
          text.startsWith('🛠 Команды администратора:\n\n/admin role <telegram_id> add|remove'),
        );
        for (const command of ['edit_closed', 'delete', 'restore', 'outbox', 'backup', 'jobs']) {
          expect(help.visibleText).toContain(`\n/admin ${command}`);
        }
      },
    }),
    row({
      kind: 'text',
      key: '/admin apikey',
      allowed: ADMIN,
      text: () => '/admin apikey list',
      async outcome(c) {
        await botSays(c.chat, c.since, (text) =>
          /^(🔑 Ключи REST API|Ключей REST API нет)/.test(text),
        );
      },
    }),
    row({
      kind: 'text',
      key: '/admin webhooks',
      allowed: ADMIN,
      text: () => '/admin webhooks',
      async outcome(c) {
        await botSays(c.chat, c.since, (text) => text.startsWith('🔗 Подпис'));
      },
    }),
    row<User>({
      kind: 'text',
      key: '/admin role',
      allowed: ADMIN,
      arrange: () => newPerson('Будущий'),
      text: (person) => `/admin role ${person.id} add DISPATCHER`,
      async outcome(c) {
        await botSays(
          c.chat,
          c.since,
          `✅ Роль DISPATCHER (Диспетчер) выдана пользователю ${c.state.id}.`,
        );
        const user = await bot.dataSource
          .getRepository(UserRow)
          .findOneByOrFail({ telegramId: c.state.id });
        expect(
          await bot.dataSource
            .getRepository(UserRole)
            .findBy({ userId: user.id, role: 'DISPATCHER' }),
        ).toHaveLength(1);
      },
    }),
    row<Order>({
      kind: 'text',
      key: '/admin delete',
      allowed: ADMIN,
      arrange: () => orderIn('NEW'),
      text: (order) => `/admin delete ${order.id}`,
      async outcome(c) {
        const ask = await botSays(c.chat, c.since, (text) =>
          text.startsWith(
            `🗑 Удалить заявку #${c.state.id}?\n🆕 Новая · Холодильники · ул. Ленина, д. 5, кв. 12`,
          ),
        );
        expect(labels(ask)).toEqual(['🗑 Удалить', '↩️ Не удалять']);
        // Asked first, deleted only on confirmation.
        expect((await orderRow(c.state.id)).deletedAt).toBeNull();
      },
    }),
    row<Order>({
      kind: 'text',
      key: '/admin restore',
      allowed: ADMIN,
      arrange: () => orderIn('DELETED'),
      text: (order) => `/admin restore ${order.id}`,
      async outcome(c) {
        await botSays(c.chat, c.since, `♻️ Заявка #${c.state.id} восстановлена из удалённых.`);
        expect((await orderRow(c.state.id)).deletedAt).toBeNull();
      },
    }),
    row<Order>({
      kind: 'text',
      key: '/admin edit_closed',
      allowed: ADMIN,
      arrange: () => orderIn('CLOSED'),
      text: (order) => `/admin edit_closed ${order.id}`,
      leavesDialog: true,
      async outcome(c) {
        await botSays(c.chat, c.since, (text) =>
          text.startsWith(
            `💰 Исправление сумм заявки #${c.state.id}.\nСейчас:\n💰 Сумма: 10 000 ₽`,
          ),
        );
        await botSays(
          c.chat,
          c.since,
          'Введите новую общую сумму заказа в рублях (например: 5 000):',
        );
      },
    }),
    row({
      kind: 'text',
      key: '/admin outbox',
      allowed: ADMIN,
      text: () => '/admin outbox',
      async outcome(c) {
        const failed = await bot.dataSource
          .getRepository(Notification)
          .countBy({ state: 'failed' });
        await botSays(c.chat, c.since, (text) =>
          failed
            ? text.startsWith(`⚠️ Недоставленные уведомления (${failed}):`)
            : text === '✅ Недоставленных уведомлений нет.',
        );
      },
    }),
    row({
      kind: 'text',
      key: '/admin backup',
      allowed: ADMIN,
      text: () => '/admin backup',
      async outcome(c) {
        const done = await botSays(c.chat, c.since, /^💾 Резервная копия создана: bot_database_/);
        const file = bot.api
          .messages(c.chat)
          .find((m) => m.document && m.sentAt > c.since)?.document;
        expect(file?.file_name).toMatch(
          /^bot_database_\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}\.db\.gz$/,
        );
        expect(done.visibleText).toContain(file?.file_name);
      },
    }),
    row({
      kind: 'text',
      key: '/admin jobs',
      allowed: ADMIN,
      text: () => '/admin jobs',
      async outcome(c) {
        const jobs = await botSays(c.chat, c.since, (text) =>
          text.startsWith('⏱ Задачи по расписанию:'),
        );
        expect(jobs.visibleText).toContain('⏰ Заявки без мастера — каждые ');
        expect(jobs.visibleText).toContain('💾 Резервная копия — по расписанию');
      },
    }),
    row<Fresh & { group: number }>({
      // The chat picker's answer (KeyboardButtonRequestChat under «💬 Установить рабочую группу»).
      kind: 'share',
      key: 'chat_shared',
      allowed: ADMIN,
      async arrange() {
        const fresh = await newMaster(false);
        const group = -1_001_000_000_000 - nextId++;
        bot.api.botAddedToGroup({ id: group, title: `Новая группа ${group}`, type: 'supergroup' });
        return { ...fresh, group };
      },
      async outcome(c) {
        const group = `Новая группа ${c.state.group}`;
        // The fake's bot keeps Telegram's privacy mode on: the admin is told how dialogs go there.
        await botSays(
          c.chat,
          c.since,
          `${mastersAdminTexts.groupBound(c.state.name, group)}\n\n${mastersAdminTexts.groupPrivacyOn(group)}`,
        );
        expect(
          await bot.dataSource.getRepository(Master).findOneByOrFail({ id: c.state.master.id }),
        ).toMatchObject({ workChatId: c.state.group });
      },
    }),
  ];

  // ---- the table: order buttons (the work-group card, the master's card, the staff card) -------

  /**
   * Where a permitted person finds an order button: the master on the card in their work group,
   * staff on the staff card; `hiddenFrom` names those no screen shows the button to.
   */
  const onOrderCard =
    (action: OrderButton, hiddenFrom: readonly Who[] = []) =>
    async (c: Case<Order>): Promise<number | null> => {
      if (hiddenFrom.includes(c.who)) return null;
      if (MASTERS.includes(c.who)) {
        return groupCard(c, `o:${action}:${c.state.id}:${c.state.version}`);
      }
      return openStaffCard(c, c.state);
    };
  const orderButton = (
    action: OrderButton,
    status: OrderStatus,
    allowed: readonly Who[],
    shownAs: Partial<Record<Who, string | RegExp>>,
    outcome: Row<Order>['outcome'],
    extra: Partial<Row<Order>> = {},
  ): AnyRow =>
    row<Order>({
      kind: 'button',
      key: `o:${action}`,
      allowed,
      arrange: () => orderIn(status),
      data: (order) =>
        action === 'card' ? `o:card:${order.id}` : `o:${action}:${order.id}:${order.version}`,
      label: (c) => shownAs[c.who] ?? '',
      show: onOrderCard(action),
      outcome,
      // The domain tells a master that the order is someone else's; the guard refuses the rest.
      refusal: allowed.includes('assignedMaster') ? { otherMaster: NOT_YOUR_ORDER } : {},
      ...extra,
    });

  /** The master's button moved the order: the answer says so, and the database shows it. */
  const moved =
    (status: OrderStatus, toastText: (id: number) => string) =>
    async (c: Case<Order>, answer: CallbackAnswer | null) => {
      toast(answer, toastText(c.state.id));
      expect(await orderRow(c.state.id)).toMatchObject({ status, version: c.state.version + 1 });
    };
  /** A dialog began with its first question, and nothing changed yet. */
  const asks =
    (question: (id: number) => string) => async (c: Case<Order>, answer: CallbackAnswer | null) => {
      expect(answer?.show_alert).toBeFalsy();
      await botSays(c.chat, c.since, askedIn(c, question(c.state.id)));
      expect((await orderRow(c.state.id)).version).toBe(c.state.version);
    };

  const ORDER_ROWS: AnyRow[] = [
    orderButton(
      'accept',
      'ASSIGNED',
      MASTER_OR_ADMIN,
      { assignedMaster: '✅ Принять заявку', admin: '✅ Принять (за мастера)' },
      async (c, answer) => {
        await moved('ACCEPTED', (id) => `✅ Заявка #${id} принята.`)(c, answer);
        // The work-group card follows: it now offers «🏠 Я на объекте».
        const card = await messageWithButton(
          GROUP.assignedMaster,
          `o:onsite:${c.state.id}:${c.state.version + 1}`,
        );
        expect(card.visibleText).toContain(`Заявка #${c.state.id} — ✅ Принята`);
        // §5.3: the master's group is told when an admin acts on the master's behalf.
        if (c.who === 'admin') {
          await botSays(
            GROUP.assignedMaster,
            c.since,
            `ℹ️ Администратор Админ изменил статус от имени мастера Назначенный: заявка #${c.state.id} — ✅ Принята.`,
          );
        }
      },
    ),
    orderButton(
      'onsite',
      'ACCEPTED',
      MASTER_OR_ADMIN,
      { assignedMaster: '🏠 Я на объекте', admin: '🏠 На объекте (за мастера)' },
      async (c, answer) => {
        await moved(
          'ONSITE',
          (id) => `🏠 Вы на объекте по заявке #${id}. Телефон клиента открыт в карточке.`,
        )(c, answer);
        const card = await messageWithButton(
          GROUP.assignedMaster,
          `o:complete:${c.state.id}:${c.state.version + 1}`,
        );
        expect(card.visibleText).toContain(`📞 Телефон: ${PHONE}`);
      },
    ),
    orderButton(
      'backonsite',
      'DR',
      MASTER_OR_ADMIN,
      { assignedMaster: '🏠 Снова на объекте' },
      moved('ONSITE', (id) => `🏠 Снова на объекте по заявке #${id}.`),
      // The staff card offers no «🏠 Снова на объекте (за мастера)» (§5.3 lists the others).
      { show: onOrderCard('backonsite', ['admin']) },
    ),
    orderButton(
      'mcancel',
      'ASSIGNED',
      ['assignedMaster'],
      { assignedMaster: '❌ Отмена' },
      asks((id) => `❌ Отмена заявки #${id}.\nНапишите причину (не короче 3 символов):`),
      { leavesDialog: true },
    ),
    orderButton(
      'resched',
      'ACCEPTED',
      MASTER_OR_ADMIN,
      { assignedMaster: '📅 Перенести визит' },
      asks(
        (id) =>
          `📅 Перенос визита по заявке #${id}.\nНапишите новое время (например: «завтра в 15:00», «с 10 до 16»):`,
      ),
      {
        leavesDialog: true,
        // The staff card has no «📅 Перенести визит» for the admin (§5.3 does not list it).
        show: onOrderCard('resched', ['admin']),
      },
    ),
    orderButton(
      'complete',
      'ONSITE',
      MASTER_OR_ADMIN,
      { assignedMaster: '💰 Завершить', admin: '💰 Завершить (за мастера)' },
      asks(
        (id) =>
          `💰 Завершение заявки #${id}.\nВведите общую сумму заказа в рублях (например: 5 000):`,
      ),
      { leavesDialog: true },
    ),
    orderButton(
      'dr',
      'ONSITE',
      MASTER_OR_ADMIN,
      { assignedMaster: '⏳ ДР', admin: '⏳ ДР (за мастера)' },
      asks(
        (id) =>
          `⏳ Длительный ремонт по заявке #${id}.\nВведите дату окончания ремонта (ДД.ММ.ГГГГ):`,
      ),
      { leavesDialog: true },
    ),
    orderButton(
      'crefused',
      'ONSITE',
      MASTER_OR_ADMIN,
      { assignedMaster: '❌ Отказ клиента', admin: '❌ Отказ (за мастера)' },
      asks((id) => `❌ Отказ клиента по заявке #${id}.\nНапишите причину:`),
      { leavesDialog: true },
    ),
    orderButton(
      'card',
      'NEW',
      STAFF,
      { dispatcher: /^🆕 #\d+ — Холодильники$/, admin: /^🆕 #\d+ — Холодильники$/ },
      async (c, answer) => {
        expect(answer?.show_alert).toBeFalsy();
        const card = await botSays(c.chat, c.since, (text) =>
          text.startsWith(
            `Заявка #${c.state.id} — 🆕 Новая\n🔧 Холодильники\n📝 Не морозит морозилка`,
          ),
        );
        expect(card.visibleText).toContain(`\n📞 ${PHONE}\n`);
        expect(labels(card)).toContain('👨‍🔧 Назначить мастера');
      },
      {
        async show(c) {
          await sayAndSee(c, '📋 Все заявки', '📋 Заявки по статусам:');
          await pressAndSee(c, 'l:f:NEW:0', FIRST_LIST_PAGE);
          return c.person.id;
        },
      },
    ),
    orderButton(
      'assign',
      'NEW',
      STAFF,
      { dispatcher: '👨‍🔧 Назначить мастера', admin: '👨‍🔧 Назначить мастера' },
      async (c) => {
        const picker = await botSays(c.chat, c.since, pickerPage(c.state.id, 1));
        expect(await labelsOnEveryPage(c, picker)).toEqual(
          expect.arrayContaining([
            expect.stringMatching(/^Назначенный \(Электрика\) · \d+$/),
            '⚠️ НЕТ ГРУППЫ Безгруппы (Сантехника) · 0',
          ]),
        );
      },
    ),
    orderButton(
      'reassign',
      'ASSIGNED',
      STAFF,
      { dispatcher: '🔄 Переназначить мастера', admin: '🔄 Переназначить мастера' },
      async (c) => {
        const picker = await botSays(c.chat, c.since, pickerPage(c.state.id, 1));
        expect(await labelsOnEveryPage(c, picker)).toEqual(
          expect.arrayContaining([expect.stringMatching(/^Другой \(Электрика\) · \d+$/)]),
        );
        expect((await orderRow(c.state.id)).masterId).toBe(masters.assignedMaster.id);
      },
    ),
    orderButton(
      'unassign',
      'ASSIGNED',
      STAFF,
      { dispatcher: '🚫 Снять мастера', admin: '🚫 Снять мастера' },
      async (c, answer) => {
        toast(answer, `🚫 Мастер снят с заявки #${c.state.id}.`);
        expect(await orderRow(c.state.id)).toMatchObject({ status: 'NEW', masterId: null });
      },
    ),
    orderButton(
      'waiting',
      'ACCEPTED',
      STAFF,
      { dispatcher: '📞 Клиент ждет', admin: '📞 Клиент ждет' },
      async (c, answer) => {
        toast(answer, `📞 Мастеру отправлено срочное сообщение по заявке #${c.state.id}.`);
        // §2.3: «📞 Клиент ждет» deliberately gives the master the phone.
        await botSays(PEOPLE.assignedMaster.id, c.since, (text) =>
          text.startsWith(
            `📞 Клиент ждёт! Заявка #${c.state.id}\n📍 ул. Ленина, д. 5, кв. 12\n👤 Анна Сергеевна\n📞 ${PHONE}`,
          ),
        );
      },
    ),
    orderButton(
      'restore',
      'REFUSED',
      STAFF,
      { dispatcher: '♻️ Восстановить заявку', admin: '♻️ Восстановить заявку' },
      async (c, answer) => {
        toast(answer, `♻️ Заявка #${c.state.id} восстановлена.`);
        expect(await orderRow(c.state.id)).toMatchObject({ status: 'NEW', masterId: null });
      },
    ),
    orderButton(
      'cancel',
      'ASSIGNED',
      STAFF,
      { dispatcher: '❌ Отменить заявку', admin: '❌ Отменить заявку' },
      asks((id) => `❌ Отмена заявки #${id}.\nНапишите причину (не короче 3 символов):`),
      { leavesDialog: true },
    ),
    orderButton(
      'edit',
      'ASSIGNED',
      STAFF,
      { dispatcher: '✏️ Редактировать', admin: '✏️ Редактировать' },
      async (c, answer) => {
        expect(answer?.show_alert).toBeFalsy();
        const menu = await botSays(c.chat, c.since, `✏️ Что изменить в заявке #${c.state.id}?`);
        expect(labels(menu)).toEqual([
          'Тип техники',
          'Проблема',
          'Адрес',
          'Имя клиента',
          'Телефон',
          'Заметки',
          'Время прибытия',
          '❌ Отмена',
        ]);
      },
      { leavesDialog: true },
    ),
  ];

  // ---- the table: lists, the assign picker, search --------------------------------------------

  const LIST_ROWS: AnyRow[] = [
    row<Order>({
      kind: 'button',
      key: 'l:f',
      allowed: STAFF,
      arrange: () => orderIn('NEW'),
      data: () => 'l:f:NEW:0',
      label: /^🆕 Новые \(\d+\)$/,
      show: (c) => sayAndSee(c, '📋 Все заявки', '📋 Заявки по статусам:').then(() => c.chat),
      async outcome(c) {
        const count = await bot.dataSource.getRepository(Order).countBy({ status: 'NEW' });
        const page = await botSays(
          c.chat,
          c.since,
          onPage('📋 Заявки по статусам:', 1, Math.ceil(count / 10)),
        );
        // Newest first, 10 a page, each "<emoji> #N — <type>" (§3.2).
        expect(labels(page)[0]).toBe(`🆕 #${c.state.id} — Холодильники`);
        expect(labels(page).filter((l) => l.startsWith('🆕 #'))).toHaveLength(Math.min(count, 10));
      },
    }),
    row({
      kind: 'button',
      key: 'l:menu',
      allowed: STAFF,
      data: () => 'l:menu',
      label: '◀️ Назад',
      async show(c) {
        await sayAndSee(c, '📋 Все заявки', '📋 Заявки по статусам:');
        await pressAndSee(c, 'l:f:NEW:0', FIRST_LIST_PAGE);
        return c.chat;
      },
      async outcome(c) {
        const menu = await botSays(c.chat, c.since, '📋 Заявки по статусам:');
        expect(labels(menu)).toHaveLength(ORDER_STATUSES.length);
      },
    }),
    row<Order>({
      kind: 'button',
      key: 'm:pick',
      allowed: STAFF,
      arrange: () => orderIn('NEW'),
      data: (o) => `m:pick:${masters.assignedMaster.id}:${o.id}:${o.version}`,
      label: /^Назначенный \(Электрика\) · \d+$/,
      async show(c) {
        await openStaffCard(c, c.state);
        const picker = await pressAndSee(
          c,
          `o:assign:${c.state.id}:${c.state.version}`,
          pickerPage(c.state.id, 1),
        );
        await pageTo(
          c,
          picker,
          `m:pick:${masters.assignedMaster.id}:${c.state.id}:${c.state.version}`,
        );
        return c.chat;
      },
      async outcome(c) {
        await botSays(c.chat, c.since, `✅ Заявка #${c.state.id} назначена: Назначенный.`);
        expect(await orderRow(c.state.id)).toMatchObject({
          status: 'ASSIGNED',
          masterId: masters.assignedMaster.id,
        });
        // §3.3: on assignment the card goes to the master's work group.
        await botSays(GROUP.assignedMaster, c.since, (text) =>
          text.startsWith(`🔔 Новая заявка назначена!\nЗаявка #${c.state.id} — 👨‍🔧 Назначена`),
        );
      },
    }),
    row<Order>({
      kind: 'button',
      key: 'm:repick',
      allowed: STAFF,
      arrange: () => orderIn('ASSIGNED'),
      data: (o) => `m:repick:${masters.otherMaster.id}:${o.id}:${o.version}`,
      label: /^Другой \(Электрика\) · \d+$/,
      async show(c) {
        await openStaffCard(c, c.state);
        const picker = await pressAndSee(
          c,
          `o:reassign:${c.state.id}:${c.state.version}`,
          pickerPage(c.state.id, 1),
        );
        await pageTo(
          c,
          picker,
          `m:repick:${masters.otherMaster.id}:${c.state.id}:${c.state.version}`,
        );
        return c.chat;
      },
      async outcome(c) {
        await botSays(c.chat, c.since, `✅ Заявка #${c.state.id} назначена: Другой.`);
        expect(await orderRow(c.state.id)).toMatchObject({
          status: 'ASSIGNED',
          masterId: masters.otherMaster.id,
        });
      },
    }),
    row<Order>({
      kind: 'button',
      key: 'm:nogroup',
      allowed: STAFF,
      arrange: () => orderIn('NEW'),
      data: () => 'm:nogroup',
      label: '⚠️ НЕТ ГРУППЫ Безгруппы (Сантехника) · 0',
      async show(c) {
        await openStaffCard(c, c.state);
        const picker = await pressAndSee(
          c,
          `o:assign:${c.state.id}:${c.state.version}`,
          pickerPage(c.state.id, 1),
        );
        await pageTo(c, picker, 'm:nogroup');
        return c.chat;
      },
      async outcome(c, answer) {
        // The answer is the explanation (§3.3): an alert, and the order stays unassigned.
        expect(answer).toMatchObject({
          show_alert: true,
          text: '⚠️ У этого мастера нет рабочей группы — назначить его нельзя. Администратор может установить группу в карточке мастера.',
        });
        expect(await orderRow(c.state.id)).toMatchObject({ status: 'NEW', masterId: null });
      },
    }),
    row<{ phone: string; ids: number[]; firstPage?: string[] }>({
      kind: 'button',
      key: 'sr:p',
      scene: 'search-orders',
      allowed: STAFF,
      async arrange() {
        const phone = uniquePhone();
        const ids = [];
        for (let i = 0; i < 6; i++) {
          ids.push((await orderIn('NEW', undefined, { ...ORDER_DRAFT, clientPhone: phone })).id);
        }
        return { phone, ids };
      },
      data: () => 'sr:p:1',
      label: '▶️',
      async show(c) {
        await sayAndSee(
          c,
          '🔍 Поиск заказов',
          '🔍 Введите телефон, номер заявки (#123) или адрес:',
        );
        const first = await sayAndSee(c, c.state.phone, onPage('🔍 Найдено: 6', 1, 2));
        c.state.firstPage = labels(first).filter((label) => label.startsWith('🆕 #'));
        return c.chat;
      },
      leavesDialog: true,
      async outcome(c) {
        // 5 a page (§3.5): the second page holds the sixth order, and a way back.
        const page = await botSays(c.chat, c.since, onPage('🔍 Найдено: 6', 2, 2));
        const found = [...(c.state.firstPage ?? []), labels(page)[0]];
        expect(found.sort()).toEqual(c.state.ids.map((id) => `🆕 #${id} — Холодильники`).sort());
        expect(labels(page)[1]).toBe('◀️');
      },
    }),
  ];

  // ---- the table: dialog buttons --------------------------------------------------------------

  interface Client {
    name: string;
    address: string;
    phone: string;
  }
  /** A client known by phone (one earlier order) and the different data the dispatcher types. */
  const knownClient = async (): Promise<{ known: Client; typed: Client }> => {
    const phone = uniquePhone();
    const known = { name: 'Ирина Петровна', address: 'ул. Садовая, д. 7, кв. 3', phone };
    await orderIn('NEW', undefined, {
      ...ORDER_DRAFT,
      clientName: known.name,
      clientAddress: known.address,
      clientPhone: phone,
    });
    return { known, typed: { name: 'Ирина', address: 'пр. Мира, д. 1', phone } };
  };
  /** The creation dialog's summary of an order for `client`, without notes and arrival time. */
  const summaryOf = (client: Client) =>
    [
      '📋 Проверьте данные заявки:',
      '🔧 Холодильники',
      '📝 Не морозит морозилка',
      `📍 ${client.address}`,
      `👤 ${client.name}`,
      `📞 ${normalized(client.phone)}`,
      '🗒 —',
      '🕐 —',
    ].join('\n');
  /** «➕ Создать заявку» for `c.state` up to its summary, notes and arrival time skipped. */
  const createOrderUpToSummary = async (c: Case<Client>) => {
    await createOrderUpToPhone(c, c.state, STEP6);
    await pressAndSee(c, 'd:skip', STEP7);
    await pressAndSee(c, 'd:skip', summaryOf(c.state));
  };
  const newClient = async (): Promise<Client> => ({
    name: 'Олег',
    address: 'ул. Новая, д. 3',
    phone: uniquePhone(),
  });

  const CREATE_ROWS: AnyRow[] = [
    row({
      kind: 'button',
      key: 'ct:type',
      scene: 'create-order',
      allowed: STAFF,
      data: () => `ct:type:${bot.app.get(BusinessConfig).equipmentTypes.indexOf('Холодильники')}`,
      label: 'Холодильники',
      show: (c) =>
        sayAndSee(c, '➕ Создать заявку', 'Шаг 1/7: Выберите тип техники:').then(() => c.chat),
      leavesDialog: true,
      outcome: (c) => botSays(c.chat, c.since, 'Шаг 2/7: Опишите проблему').then(() => undefined),
    }),
    row<{ known: Client; typed: Client }>({
      kind: 'button',
      key: 'ct:useclient',
      scene: 'create-order',
      allowed: STAFF,
      arrange: knownClient,
      data: () => 'ct:useclient',
      label: '✅ Да, использовать',
      show: (c) =>
        createOrderUpToPhone(c, c.state.typed, /^👤 Клиент уже обращался \(1\):/).then(
          () => c.chat,
        ),
      leavesDialog: true,
      async outcome(c) {
        await botSays(c.chat, c.since, STEP6);
        await pressAndSee(c, 'd:skip', STEP7);
        // §3.1: the stored name and address are taken.
        await pressAndSee(c, 'd:skip', summaryOf(c.state.known));
      },
    }),
    row<{ known: Client; typed: Client }>({
      kind: 'button',
      key: 'ct:keep',
      scene: 'create-order',
      allowed: STAFF,
      arrange: knownClient,
      data: () => 'ct:keep',
      label: '❌ Нет, ввести заново',
      show: (c) =>
        createOrderUpToPhone(c, c.state.typed, /^👤 Клиент уже обращался \(1\):/).then(
          () => c.chat,
        ),
      leavesDialog: true,
      async outcome(c) {
        // §3.1: what was typed is kept, and the dialog moves on instead of asking again.
        await botSays(c.chat, c.since, STEP6);
        await pressAndSee(c, 'd:skip', STEP7);
        await pressAndSee(c, 'd:skip', summaryOf(c.state.typed));
      },
    }),
    row<Client>({
      kind: 'button',
      key: 'd:skip',
      scene: 'create-order',
      allowed: STAFF,
      arrange: newClient,
      data: () => 'd:skip',
      label: '⏭️ Пропустить',
      show: (c) => createOrderUpToPhone(c, c.state, STEP6).then(() => c.chat),
      leavesDialog: true,
      outcome: (c) => botSays(c.chat, c.since, STEP7).then(() => undefined),
    }),
    row<Client>({
      kind: 'button',
      key: 'd:confirm',
      scene: 'create-order',
      allowed: STAFF,
      arrange: newClient,
      data: () => 'd:confirm',
      label: '✅ Подтвердить',
      async show(c) {
        await createOrderUpToPhone(c, c.state, STEP6);
        await sayAndSee(c, 'Домофон 12', STEP7);
        await sayAndSee(c, 'Уточнить время у клиента', /^📋 Проверьте данные заявки:\n/);
        return c.chat;
      },
      async outcome(c) {
        const created = await botSays(c.chat, c.since, /^✅ Заявка #\d+ успешно создана!$/);
        expect(labels(created)).toEqual(['👨‍🔧 Назначить мастера', '📋 Просмотреть заявку']);
        const id = Number(/#(\d+)/.exec(created.visibleText ?? '')?.[1]);
        const creator = await bot.dataSource
          .getRepository(UserRow)
          .findOneByOrFail({ telegramId: c.person.id });
        expect(await orderRow(id)).toMatchObject({
          status: 'NEW',
          clientName: c.state.name,
          clientAddress: c.state.address,
          clientPhone: normalized(c.state.phone),
          notes: 'Домофон 12',
          arrivalText: 'Уточнить время у клиента',
          dispatcherId: creator.id,
        });
      },
    }),
    row<Client>({
      kind: 'button',
      key: 'ct:fix',
      scene: 'create-order',
      allowed: STAFF,
      arrange: newClient,
      data: () => 'ct:fix',
      label: '✏️ Исправить поле',
      show: (c) => createOrderUpToSummary(c).then(() => c.chat),
      leavesDialog: true,
      async outcome(c) {
        const picker = await botSays(c.chat, c.since, '✏️ Какое поле исправить?');
        expect(labels(picker)).toEqual([
          '🔧 Тип техники',
          '📝 Проблема',
          '📍 Адрес',
          '👤 Имя клиента',
          '📞 Телефон',
          '🗒 Заметки',
          '🕐 Время прибытия',
          '◀️ Назад',
        ]);
      },
    }),
    row<Client>({
      kind: 'button',
      key: 'ct:f',
      scene: 'create-order',
      allowed: STAFF,
      arrange: newClient,
      data: () => 'ct:f:name',
      label: '👤 Имя клиента',
      async show(c) {
        await createOrderUpToSummary(c);
        await pressAndSee(c, 'ct:fix', '✏️ Какое поле исправить?');
        return c.chat;
      },
      leavesDialog: true,
      async outcome(c) {
        // The field's own question, then straight back to the summary with the new value.
        await botSays(c.chat, c.since, 'Шаг 4/7: Введите имя клиента');
        await sayAndSee(c, 'Олеся', summaryOf({ ...c.state, name: 'Олеся' }));
      },
    }),
    row<Client>({
      kind: 'button',
      key: 'ct:dup',
      scene: 'create-order',
      allowed: STAFF,
      async arrange() {
        const client = { name: 'Олег', address: 'ул. Садовая, д. 9, кв. 4', phone: uniquePhone() };
        await orderIn('NEW', undefined, {
          ...ORDER_DRAFT,
          clientName: client.name,
          clientAddress: client.address,
          clientPhone: client.phone,
        });
        return client;
      },
      data: () => 'ct:dup',
      label: '➕ Создать новую',
      async show(c) {
        // A client's message pasted in the private chat, about an order already in work.
        await sayAndSee(
          c,
          `Холодильник не морозит, ул. Садовая 9 кв 4, ${c.state.phone}, ${c.state.name}`,
          (text) => text.startsWith('⚠️ Похоже на заявку #'),
        );
        return c.chat;
      },
      leavesDialog: true,
      async outcome(c) {
        await botSays(c.chat, c.since, (text) =>
          text.startsWith(
            `📋 Проверьте данные заявки:\n🔧 Холодильники\n📝 Холодильник не морозит`,
          ),
        );
      },
    }),
    row({
      kind: 'button',
      key: 'd:cancel',
      scene: 'create-order',
      allowed: STAFF,
      data: () => 'd:cancel',
      label: '❌ Отмена',
      show: (c) =>
        sayAndSee(c, '➕ Создать заявку', 'Шаг 1/7: Выберите тип техники:').then(() => c.chat),
      async outcome(c) {
        await botSays(c.chat, c.since, CANCELLED);
        // Out of the dialog: the next text is no answer to it.
        await sayAndSee(c, 'Холодильники', 'Выберите действие в меню ниже.');
      },
    }),
  ];

  /** Where the master's dialog runs: the master from their private card, the admin from theirs. */
  const openCardFor = (c: Case<Order>) =>
    c.who === 'admin' ? openStaffCard(c, c.state) : openMyCard(c, c.state);

  const DR_PREPAYMENT =
    'Предоплата клиента в рублях (необязательно: «нет» или 0, если не брали, или «⏭️ Пропустить»):';
  /** «⏳ ДР» up to the prepayment step, which a typed sum or «⏭️ Пропустить» answers. */
  async function longRepairUpToPrepayment(c: Case<Order>) {
    await openCardFor(c);
    await pressAndSee(c, `o:dr:${c.state.id}:${c.state.version}`, /^⏳ Длительный ремонт/);
    await sayAndSee(
      c,
      typedDateIn(10),
      /Какие запчасти нужны\? \(напишите «нет», если не нужны\)$/,
    );
    await sayAndSee(
      c,
      'компрессор',
      'Предварительная сумма в рублях («нет» или 0, если неизвестна):',
    );
    await sayAndSee(c, '15 000', DR_PREPAYMENT);
  }

  const MASTER_DIALOG_ROWS: AnyRow[] = [
    row<Order>({
      kind: 'button',
      key: 'd:yes',
      scene: 'complete-order',
      allowed: MASTER_OR_ADMIN,
      arrange: () => orderIn('ONSITE'),
      data: () => 'd:yes',
      label: '✅ Да',
      async show(c) {
        await openCardFor(c);
        await pressAndSee(
          c,
          `o:complete:${c.state.id}:${c.state.version}`,
          /^💰 Завершение заявки/,
        );
        await sayAndSee(c, '800', 'Сумма 800 ₽ — это меньше 1 000 ₽.\nЭто отказ от заявки?');
        return c.chat;
      },
      leavesDialog: true,
      async outcome(c) {
        await botSays(
          c.chat,
          c.since,
          `❌ Отказ клиента по заявке #${c.state.id}.\nНапишите причину:`,
        );
      },
    }),
    row<Order>({
      kind: 'button',
      key: 'd:no',
      scene: 'complete-order',
      allowed: MASTER_OR_ADMIN,
      arrange: () => orderIn('ONSITE'),
      data: () => 'd:no',
      label: '❌ Нет',
      async show(c) {
        await openCardFor(c);
        await pressAndSee(
          c,
          `o:complete:${c.state.id}:${c.state.version}`,
          /^💰 Завершение заявки/,
        );
        await sayAndSee(c, '800', 'Сумма 800 ₽ — это меньше 1 000 ₽.\nЭто отказ от заявки?');
        return c.chat;
      },
      leavesDialog: true,
      async outcome(c) {
        await botSays(
          c.chat,
          c.since,
          'Введите сумму расходных материалов в рублях (0, если материалов не было):',
        );
      },
    }),
    row<Order>({
      kind: 'button',
      key: 'd:confirm',
      scene: 'complete-order',
      allowed: MASTER_OR_ADMIN,
      arrange: () => orderIn('ONSITE'),
      data: () => 'd:confirm',
      label: '✅ Подтвердить',
      async show(c) {
        await openCardFor(c);
        await pressAndSee(
          c,
          `o:complete:${c.state.id}:${c.state.version}`,
          /^💰 Завершение заявки/,
        );
        await sayAndSee(
          c,
          '10 000',
          'Введите сумму расходных материалов в рублях (0, если материалов не было):',
        );
        await sayAndSee(c, '3000', 'Расходные материалы: 3 000 ₽. Верно?');
        await pressAndSee(c, 'd:yes', '❓ Взяли ли вы отзыв у клиента?');
        await pressAndSee(c, 'd:no', '🚗 Был ли выезд за город?');
        await pressAndSee(c, 'd:no', (text) =>
          text.startsWith(`📋 Проверьте данные по заявке #${c.state.id}:`),
        );
        return c.chat;
      },
      async outcome(c) {
        // §6: net 7 000 ₽ of «Холодильники» → 50 / 50.
        await botSays(
          c.chat,
          c.since,
          `✅ Заявка #${c.state.id} завершена!\n💰 Сумма: 10 000 ₽\n🧰 Материалы: 3 000 ₽\n💵 Чистыми: 7 000 ₽\n👨‍🔧 Мастеру: 3 500 ₽ · 🏢 Компании: 3 500 ₽`,
        );
        expect(await orderRow(c.state.id)).toMatchObject({
          status: 'CLOSED',
          totalKopecks: 1_000_000,
          materialsKopecks: 300_000,
          masterShareKopecks: 350_000,
        });
      },
    }),
    row<Order>({
      kind: 'button',
      key: 'd:skip',
      scene: 'long-repair',
      allowed: MASTER_OR_ADMIN,
      arrange: () => orderIn('ONSITE'),
      data: () => 'd:skip',
      label: '⏭️ Пропустить',
      show: (c) => longRepairUpToPrepayment(c).then(() => c.chat),
      leavesDialog: true,
      async outcome(c) {
        await botSays(
          c.chat,
          c.since,
          (text) =>
            text.startsWith(`⏳ Заявка #${c.state.id}: длительный ремонт до `) &&
            text.endsWith('\n💳 Предоплата: нет\nПодтвердить?'),
        );
        expect((await orderRow(c.state.id)).status).toBe('ONSITE');
      },
    }),
    row<Order>({
      kind: 'button',
      key: 'd:confirm',
      scene: 'long-repair',
      allowed: MASTER_OR_ADMIN,
      arrange: () => orderIn('ONSITE'),
      data: () => 'd:confirm',
      label: '✅ Подтвердить',
      async show(c) {
        await longRepairUpToPrepayment(c);
        await sayAndSee(
          c,
          '5 000',
          /^⏳ Заявка #\d+: длительный ремонт до .+\n💳 Предоплата: 5 000 ₽\nПодтвердить\?$/s,
        );
        return c.chat;
      },
      async outcome(c) {
        await botSays(c.chat, c.since, `⏳ Заявка #${c.state.id} переведена в длительный ремонт.`);
        expect(await orderRow(c.state.id)).toMatchObject({
          status: 'DR',
          drExpectedDate: isoDateIn(10),
          drParts: 'компрессор',
          drPreliminaryKopecks: 1_500_000,
          drPrepaymentKopecks: 500_000,
        });
      },
    }),
    row<Order>({
      // Only the master reaches this dialog: the staff card has no «📅 Перенести визит».
      kind: 'button',
      key: 'd:confirm',
      scene: 'reschedule',
      allowed: ['assignedMaster'],
      arrange: () => orderIn('ACCEPTED'),
      data: () => 'd:confirm',
      label: '✅ Подтвердить',
      async show(c) {
        await openMyCard(c, c.state);
        await pressAndSee(c, `o:resched:${c.state.id}:${c.state.version}`, /^📅 Перенос визита/);
        await sayAndSee(
          c,
          'завтра в 16:00',
          'Укажите причину переноса или нажмите «⏭️ Пропустить»:',
        );
        await pressAndSee(
          c,
          'd:skip',
          /^✅ Дата распознана: завтра в 16:00 → .+\nПодтвердить перенос\?$/,
        );
        return c.chat;
      },
      async outcome(c) {
        await botSays(
          c.chat,
          c.since,
          `📅 Визит по заявке #${c.state.id} перенесён: завтра в 16:00.`,
        );
        expect(await orderRow(c.state.id)).toMatchObject({
          status: 'ACCEPTED',
          rescheduleCount: 1,
          rescheduleReason: null,
          arrivalText: 'завтра в 16:00',
        });
      },
    }),
    row<Order>({
      kind: 'button',
      key: 'ef',
      scene: 'edit-order',
      allowed: STAFF,
      arrange: () => orderIn('ASSIGNED'),
      data: () => 'ef:clientPhone',
      label: 'Телефон',
      async show(c) {
        await openStaffCard(c, c.state);
        await pressAndSee(c, `o:edit:${c.state.id}:${c.state.version}`, /^✏️ Что изменить/);
        return c.chat;
      },
      async outcome(c) {
        await botSays(
          c.chat,
          c.since,
          'Введите новое значение поля «Телефон» («-» очищает необязательное поле):',
        );
        await sayAndSee(c, '+7 911 222 33 44', `✅ Заявка #${c.state.id} изменена.`);
        expect((await orderRow(c.state.id)).clientPhone).toBe('+79112223344');
      },
    }),
  ];

  const ADMIN_DIALOG_ROWS: AnyRow[] = [
    row<User>({
      kind: 'button',
      key: 'd:confirm',
      scene: 'add-master',
      allowed: ADMIN,
      arrange: () => newPerson('Новичок'),
      data: () => 'd:confirm',
      label: '✅ Подтвердить',
      async show(c) {
        await sayAndSee(c, '👥 Мастера', (text) => text.startsWith('👥 Мастера ('));
        await pressAndSee(c, 'am:add', /^➕ Новый мастер\.\nШаг 1\/3/);
        await sayAndSee(
          c,
          String(c.state.id),
          `👤 ${c.state.first_name}\nШаг 2/3: Введите телефон мастера (+7XXXXXXXXXX):`,
        );
        await sayAndSee(c, '+7 900 321 00 99', /^Шаг 3\/3: Введите специализацию мастера/);
        await sayAndSee(c, 'Холодильники', (text) =>
          text.startsWith('📋 Проверьте данные мастера:'),
        );
        return c.chat;
      },
      async outcome(c) {
        await botSays(
          c.chat,
          c.since,
          `✅ Мастер ${c.state.first_name} добавлен. Он получил уведомление.\n⚠️ Установите ему рабочую группу в карточке мастера — без неё заявки не назначить.`,
        );
        await botSays(c.state.id, c.since, (text) =>
          text.startsWith('✅ Поздравляем! Вы добавлены в систему как мастер'),
        );
        const user = await bot.dataSource
          .getRepository(UserRow)
          .findOneByOrFail({ telegramId: c.state.id });
        expect(
          await bot.dataSource.getRepository(Master).findOneBy({ userId: user.id }),
        ).toMatchObject({
          phone: '+79003210099',
          specialization: 'Холодильники',
          isActive: true,
        });
      },
    }),
    row<Fresh>({
      kind: 'button',
      key: 'd:confirm',
      scene: 'fire-master',
      allowed: ADMIN,
      arrange: () => newMaster(),
      data: () => 'd:confirm',
      label: '✅ Подтвердить',
      async show(c) {
        await openMasterCard(c, c.state.master);
        await pressAndSee(c, `am:fire:${c.state.master.id}`, /^💼 Уволить мастера/);
        return c.chat;
      },
      async outcome(c) {
        await botSays(
          c.chat,
          c.since,
          `💼 Мастер ${c.state.name} уволен. История его заявок сохранена.`,
        );
        const fired = await bot.dataSource
          .getRepository(Master)
          .findOneByOrFail({ id: c.state.master.id });
        expect(fired.firedAt).not.toBeNull();
      },
    }),
    row<Order>({
      kind: 'button',
      key: 'd:confirm',
      scene: 'edit-closed',
      allowed: ADMIN,
      arrange: () => orderIn('CLOSED'),
      data: () => 'd:confirm',
      label: '✅ Подтвердить',
      async show(c) {
        await sayAndSee(
          c,
          `/admin edit_closed ${c.state.id}`,
          'Введите новую общую сумму заказа в рублях (например: 5 000):',
        );
        await sayAndSee(
          c,
          '12 000',
          'Введите сумму расходных материалов в рублях (0, если материалов не было):',
        );
        await sayAndSee(c, '2000', '❓ Взят ли отзыв у клиента?');
        await pressAndSee(c, 'd:yes', '🚗 Был ли выезд за город?');
        await pressAndSee(c, 'd:no', (text) =>
          text.startsWith(`📋 Новые данные заявки #${c.state.id}:`),
        );
        return c.chat;
      },
      async outcome(c) {
        const done = await botSays(c.chat, c.since, (text) =>
          text.startsWith(
            `✅ Суммы заявки #${c.state.id} исправлены.\n\nБыло:\n💰 Сумма: 10 000 ₽`,
          ),
        );
        expect(done.visibleText).toContain(
          'Стало:\n💰 Сумма: 12 000 ₽ · 🧰 Материалы: 2 000 ₽ · 💵 Чистыми: 10 000 ₽',
        );
        expect(await orderRow(c.state.id)).toMatchObject({
          status: 'CLOSED',
          totalKopecks: 1_200_000,
          materialsKopecks: 200_000,
          reviewTaken: true,
          outOfCity: false,
        });
      },
    }),
  ];

  // ---- the table: masters management, /admin delete, the master's own list -------------------

  const masterCardButton = (
    key: string,
    data: (s: Fresh) => string,
    label: string,
    outcome: Row<Fresh>['outcome'],
    extra: Partial<Row<Fresh>> = {},
  ): AnyRow =>
    row<Fresh>({
      kind: 'button',
      key,
      allowed: ADMIN,
      arrange: () => newMaster(),
      data,
      label,
      show: (c) => openMasterCard(c, c.state.master),
      outcome,
      ...extra,
    });
  const masterRow = (c: Case<Fresh>) =>
    bot.dataSource.getRepository(Master).findOneByOrFail({ id: c.state.master.id });

  const MASTERS_ROWS: AnyRow[] = [
    masterCardButton(
      'am:list',
      () => 'am:list',
      '◀️ К списку мастеров',
      async (c) => {
        const count = await bot.dataSource.getRepository(Master).countBy({ firedAt: IsNull() });
        const list = await botSays(c.chat, c.since, (text) =>
          text.startsWith(`👥 Мастера (${count}):`),
        );
        // The list opens on its first page; the master is on one of its pages.
        expect(pageNumberOf(list).page).toBe(1);
        await pageTo(c, list, `am:card:${c.state.master.id}`);
        expect(labels(list)).toContain(c.state.name);
      },
    ),
    row({
      kind: 'button',
      key: 'am:add',
      allowed: ADMIN,
      data: () => 'am:add',
      label: '➕ Добавить мастера',
      show: (c) =>
        sayAndSee(c, '👥 Мастера', (t) => t.startsWith('👥 Мастера (')).then(() => c.chat),
      leavesDialog: true,
      async outcome(c) {
        await botSays(
          c.chat,
          c.since,
          '➕ Новый мастер.\nШаг 1/3: Введите Telegram ID мастера (только цифры).\nМастер узнаёт свой ID, нажав «📞 Связаться» в боте — для этого он должен сначала написать боту /start.',
        );
      },
    }),
    row<Fresh>({
      kind: 'button',
      key: 'am:card',
      allowed: ADMIN,
      arrange: () => newMaster(),
      data: (s) => `am:card:${s.master.id}`,
      label: (c) => c.state.name,
      async show(c) {
        const list = await sayAndSee(c, '👥 Мастера', (t) => t.startsWith('👥 Мастера ('));
        await pageTo(c, list, `am:card:${c.state.master.id}`);
        return c.chat;
      },
      async outcome(c) {
        const card = await botSays(
          c.chat,
          c.since,
          `👨‍🔧 Мастер: ${c.state.name}\n🆔 Telegram ID: ${c.state.telegramId}\n📞 Телефон: ${c.state.master.phone}\n🔧 Специализация: Электрика\n💬 Группа: Группа ${c.state.name}\n📌 Статус: ✅ Активен\n📋 Активных заявок: 0 · 💰 Закрыто в этом месяце: 0`,
        );
        expect(labels(card)).toEqual([
          '💬 Установить рабочую группу',
          '🔧 Редактировать специализацию',
          '⭐ Назначить Старшим мастером',
          '🚫 Деактивировать',
          '📊 Статистика',
          '💼 Уволить',
          '◀️ К списку мастеров',
        ]);
      },
    }),
    masterCardButton(
      'am:senior',
      (s) => `am:senior:${s.master.id}:1`,
      '⭐ Назначить Старшим мастером',
      async (c, answer) => {
        toast(answer, `⭐ ${c.state.name} теперь Старший мастер.`);
        expect((await masterRow(c)).isSenior).toBe(true);
        const card = await botSays(c.chat, c.since, (t) =>
          t.startsWith(`👨‍🔧 Мастер: ${c.state.name} ⭐ Старший мастер\n`),
        );
        expect(labels(card)).toContain('⭐ Убрать роль Старший мастер');
      },
    ),
    masterCardButton(
      'am:active',
      (s) => `am:active:${s.master.id}:0`,
      '🚫 Деактивировать',
      async (c, answer) => {
        toast(answer, `🚫 Мастер ${c.state.name} деактивирован: новые заявки ему не назначаются.`);
        expect((await masterRow(c)).isActive).toBe(false);
        const card = await botSays(c.chat, c.since, (t) =>
          t.includes('📌 Статус: 🚫 Деактивирован'),
        );
        expect(labels(card)).toContain('✅ Активировать');
      },
    ),
    masterCardButton(
      'am:stats',
      (s) => `am:stats:${s.master.id}`,
      '📊 Статистика',
      async (c) => {
        await botSays(c.chat, c.since, (text) =>
          new RegExp(
            `^📊 Статистика мастера ${c.state.name} за .+:\\n📋 Активных заявок: 0\\n`,
          ).test(text),
        );
      },
    ),
    masterCardButton(
      'am:spec',
      (s) => `am:spec:${s.master.id}`,
      '🔧 Редактировать специализацию',
      async (c) => {
        await botSays(
          c.chat,
          c.since,
          `🔧 Специализация мастера ${c.state.name} сейчас: Электрика\nВведите новую специализацию:`,
        );
        await sayAndSee(
          c,
          'Холодильники',
          `✅ Специализация мастера ${c.state.name}: Холодильники`,
        );
        expect((await masterRow(c)).specialization).toBe('Холодильники');
      },
    ),
    masterCardButton(
      'am:fire',
      (s) => `am:fire:${s.master.id}`,
      '💼 Уволить',
      async (c) => {
        const ask = await botSays(
          c.chat,
          c.since,
          `💼 Уволить мастера ${c.state.name}?\nОн потеряет доступ к действиям мастера; вся история заявок сохранится.`,
        );
        expect(labels(ask)).toEqual(['✅ Подтвердить', '❌ Отмена']);
        expect((await masterRow(c)).firedAt).toBeNull();
      },
      { leavesDialog: true },
    ),
    masterCardButton(
      'am:group',
      (s) => `am:group:${s.master.id}`,
      '💬 Установить рабочую группу',
      async (c) => {
        const picker = await botSays(c.chat, c.since, (t) =>
          t.startsWith(
            `💬 Рабочая группа для мастера ${c.state.name}.\n\n1. Добавьте бота в группу мастера.`,
          ),
        );
        // Telegram's chat picker, groups only; its request id names the master.
        expect(picker.reply_markup).toMatchObject({
          keyboard: [
            [
              {
                text: '💬 Выбрать группу',
                request_chat: { request_id: c.state.master.id, chat_is_channel: false },
              },
            ],
            ['◀️ Назад'],
          ],
        });
        await sayAndSee(c, '◀️ Назад', 'Главное меню.');
      },
    ),
    row<Order>({
      kind: 'button',
      key: 'ad:del',
      allowed: ADMIN,
      arrange: () => orderIn('NEW'),
      data: (o) => `ad:del:${o.id}:${o.version}`,
      label: '🗑 Удалить',
      show: (c) =>
        sayAndSee(c, `/admin delete ${c.state.id}`, /^🗑 Удалить заявку/).then(() => c.chat),
      async outcome(c) {
        await botSays(
          c.chat,
          c.since,
          `🗑 Заявка #${c.state.id} удалена. Вернуть: /admin restore ${c.state.id}`,
        );
        expect(
          (
            await bot.dataSource
              .getRepository(Order)
              .findOneOrFail({ where: { id: c.state.id }, withDeleted: true })
          ).deletedAt,
        ).not.toBeNull();
      },
    }),
    row<Order>({
      kind: 'button',
      key: 'ad:keep',
      allowed: ADMIN,
      arrange: () => orderIn('NEW'),
      data: () => 'ad:keep',
      label: '↩️ Не удалять',
      show: (c) =>
        sayAndSee(c, `/admin delete ${c.state.id}`, /^🗑 Удалить заявку/).then(() => c.chat),
      async outcome(c) {
        await botSays(c.chat, c.since, '↩️ Заявка не удалена.');
        expect((await orderRow(c.state.id)).deletedAt).toBeNull();
      },
    }),
    row<Order>({
      kind: 'button',
      key: 'mo:card',
      allowed: ['assignedMaster'],
      arrange: () => orderIn('ASSIGNED'),
      data: (o) => `mo:card:${o.id}`,
      label: (c) => `#${c.state.id} — Холодильники`,
      show: (c) =>
        sayAndSee(c, '📋 Мои заявки', (t) => t.startsWith('📋 Ваши активные заявки')).then(
          () => c.chat,
        ),
      async outcome(c) {
        const card = await botSays(
          c.chat,
          c.since,
          `📋 Заявка #${c.state.id} — 👨‍🔧 Назначена\n🔧 Холодильники\n📝 Не морозит морозилка\n📍 ул. Ленина, д. 5, кв. 12\n👤 Анна Сергеевна\n📞 Телефон: будет доступен после прибытия на объект\n🕐 Прибытие: Уточнить время у клиента`,
        );
        expect(labels(card)).toEqual([
          '✅ Принять заявку',
          '❌ Отмена',
          '📅 Перенести визит',
          '◀️ К моим заявкам',
        ]);
      },
      // The other master asks for a card that is not theirs.
      refusal: {
        otherMaster: '⛔ Эта заявка больше не назначена вам. Откройте «📋 Мои заявки» заново.',
      },
    }),
    row({
      kind: 'button',
      key: 'mo:list',
      allowed: MASTERS,
      arrange: (who) =>
        orderIn('ASSIGNED', who === 'otherMaster' ? masters.otherMaster : masters.assignedMaster),
      data: () => 'mo:list',
      label: '◀️ К моим заявкам',
      async show(c) {
        const list = await sayAndSee(c, '📋 Мои заявки', (t) =>
          t.startsWith('📋 Ваши активные заявки'),
        );
        const first = inlineButtons(list)[0]?.callback_data ?? '';
        await pressAndSee(c, first, /^📋 Заявка #\d+ — /);
        return c.chat;
      },
      async outcome(c) {
        const mine = await bot.dataSource.getRepository(Order).count({
          where: ACTIVE_STATUSES.map((status) => ({
            status,
            masterId: masters[c.who as 'assignedMaster'].id,
          })),
        });
        await botSays(c.chat, c.since, (t) => t.startsWith(`📋 Ваши активные заявки (${mine}):`));
      },
    }),
    // ◀️/▶️ under the paged lists: ▶️ edits the list in place to its next page.
    row({
      kind: 'button',
      key: 'am:p',
      allowed: STAFF,
      arrange: manyMasters,
      data: () => 'am:p:1',
      label: '▶️',
      show: (c) =>
        sayAndSee(c, '👥 Мастера', (t) => t.startsWith('👥 Мастера (')).then(() => c.chat),
      async outcome(c) {
        const count = await bot.dataSource.getRepository(Master).countBy({ firedAt: IsNull() });
        const page = await botSays(c.chat, c.since, (t) => t.startsWith(`👥 Мастера (${count}):`));
        expect(pageNumberOf(page)).toEqual({ page: 2, pages: Math.ceil(count / 10) });
        expect(labels(page)).toContain('◀️');
      },
    }),
    row<Order>({
      kind: 'button',
      key: 'm:page',
      allowed: STAFF,
      async arrange() {
        await manyMasters();
        return orderIn('NEW');
      },
      data: (o) => `m:page:pick:${o.id}:${o.version}:1`,
      label: '▶️',
      async show(c) {
        await openStaffCard(c, c.state);
        await pressAndSee(
          c,
          `o:assign:${c.state.id}:${c.state.version}`,
          pickerPage(c.state.id, 1),
        );
        return c.chat;
      },
      async outcome(c) {
        const page = await botSays(c.chat, c.since, pickerPage(c.state.id, 2));
        expect(labels(page).filter((l) => / · \d+$/.test(l)).length).toBeGreaterThan(0);
        expect(labels(page)).toContain('◀️');
        expect((await orderRow(c.state.id)).masterId).toBeNull();
      },
    }),
    row<{ orders: Order[] }>({
      kind: 'button',
      key: 'mo:p',
      allowed: MASTERS,
      async arrange(who) {
        const master = who === 'otherMaster' ? masters.otherMaster : masters.assignedMaster;
        const orders = [];
        for (let i = 0; i < 11; i++) orders.push(await orderIn('ASSIGNED', master));
        return { orders };
      },
      data: () => 'mo:p:1',
      label: '▶️',
      show: (c) =>
        sayAndSee(c, '📋 Мои заявки', (t) => t.startsWith('📋 Ваши активные заявки')).then(
          () => c.chat,
        ),
      async outcome(c) {
        const page = await botSays(c.chat, c.since, (t) => t.startsWith('📋 Ваши активные заявки'));
        expect(pageNumberOf(page).page).toBe(2);
        expect(labels(page)).toContain('◀️');
      },
    }),
    row({
      kind: 'button',
      key: 'ad:users',
      allowed: ADMIN,
      async arrange() {
        while ((await bot.dataSource.getRepository(UserRow).count()) <= 40)
          await newPerson('Гость');
      },
      data: () => 'ad:users:1',
      label: '▶️',
      show: (c) =>
        sayAndSee(c, '👤 Пользователи', (t) => t.startsWith('👤 Пользователи (')).then(
          () => c.chat,
        ),
      async outcome(c) {
        const count = await bot.dataSource.getRepository(UserRow).count();
        const page = await botSays(c.chat, c.since, (t) =>
          t.startsWith(`👤 Пользователи (${count}):`),
        );
        expect(pageNumberOf(page).page).toBe(2);
      },
    }),
    row({
      kind: 'button',
      key: 'ad:outbox',
      allowed: ADMIN,
      async arrange() {
        const repo = bot.dataSource.getRepository(Notification);
        for (let failed = await repo.countBy({ state: 'failed' }); failed <= 10; failed++) {
          await repo.save(
            repo.create({
              chatId: PEOPLE.dispatcher.id,
              kind: 'order_created',
              payload: {},
              dedupKey: `matrix-failed-${nextId++}`,
              state: 'failed',
              attempts: 5,
              lastError: '400: Bad Request: chat not found',
              nextAttemptAt: new Date(),
            }),
          );
        }
      },
      data: () => 'ad:outbox:1',
      label: '▶️',
      show: (c) =>
        sayAndSee(c, '/admin outbox', (t) => t.startsWith('⚠️ Недоставленные уведомления (')).then(
          () => c.chat,
        ),
      async outcome(c) {
        const failed = await bot.dataSource
          .getRepository(Notification)
          .countBy({ state: 'failed' });
        const page = await botSays(c.chat, c.since, (t) =>
          t.startsWith(`⚠️ Недоставленные уведомления (${failed}):`),
        );
        expect(pageNumberOf(page).page).toBe(2);
      },
    }),
  ];

  // ---- the table: «📊 Отчеты» ----------------------------------------------------------------

  const REPORT_PERIODS: [string, string, string[]][] = [
    ['sum:daily', '📊 Ежедневная сводка', ['Сегодня', 'Вчера']],
    ['sum:weekly', '📈 Еженедельная сводка', ['Эта неделя', 'Прошлая неделя']],
    ['sum:monthly', '📊 Ежемесячная сводка', ['Этот месяц', 'Прошлый месяц', '📅 Выбрать период']],
    ['ms:masters', '👨‍🔧 Статистика мастеров', ['Этот месяц', 'Прошлый месяц']],
  ];
  const openReports = (c: Case<unknown>) =>
    sayAndSee(c, '📊 Отчеты', '📊 Отчеты: выберите отчёт').then(() => c.chat);
  /** The report arrives as an Excel document, with progress that ends in "ready" (§10). */
  const reportArrives = (fileName: RegExp) => async (c: Case<unknown>) => {
    await botSays(c.chat, c.since, '✅ Отчёт готов.');
    const file = bot.api.messages(c.chat).find((m) => m.document && m.sentAt > c.since)?.document;
    expect(file?.file_name).toMatch(fileName);
  };

  const REPORT_ROWS: AnyRow[] = [
    row({
      kind: 'button',
      key: 'rp:active',
      allowed: STAFF,
      data: () => 'rp:active',
      label: '📋 Активные заявки',
      show: openReports,
      outcome: reportArrives(/^Активные_заявки_.+\.xlsx$/),
    }),
    ...REPORT_PERIODS.map(([report, label, periods]) =>
      row({
        kind: 'button',
        key: 'rp:periods',
        allowed: STAFF,
        data: () => `rp:periods:${report}`,
        label,
        show: openReports,
        async outcome(c) {
          expect(labels(await botSays(c.chat, c.since, 'За какой период?'))).toEqual(periods);
        },
      }),
    ),
    row<Order>({
      kind: 'button',
      key: 'rp:sum',
      allowed: STAFF,
      arrange: () => orderIn('CLOSED'),
      data: () => 'rp:sum:today',
      label: 'Сегодня',
      show: (c) =>
        openReports(c)
          .then(() => pressAndSee(c, 'rp:periods:sum:daily', 'За какой период?'))
          .then(() => c.chat),
      outcome: reportArrives(/^Сводка_.+\.xlsx$/),
    }),
    row<Order>({
      kind: 'button',
      key: 'rp:ms',
      allowed: STAFF,
      arrange: () => orderIn('CLOSED'),
      data: () => 'rp:ms:this_month',
      label: 'Этот месяц',
      show: (c) =>
        openReports(c)
          .then(() => pressAndSee(c, 'rp:periods:ms:masters', 'За какой период?'))
          .then(() => c.chat),
      outcome: reportArrives(/^Статистика_мастеров_.+\.xlsx$/),
    }),
    row({
      kind: 'button',
      key: 'rp:pick',
      allowed: STAFF,
      data: () => 'rp:pick:sum',
      label: '📅 Выбрать период',
      show: (c) =>
        openReports(c)
          .then(() => pressAndSee(c, 'rp:periods:sum:monthly', 'За какой период?'))
          .then(() => c.chat),
      leavesDialog: true,
      async outcome(c) {
        await botSays(
          c.chat,
          c.since,
          'Введите период: «01.10.2025-31.10.2025» (даты включительно).',
        );
      },
    }),
  ];

  // ---- the table: order intake from a group (docs/intake.md) -----------------------------------

  const INTAKE = { id: -1_001_000_016_901, title: 'Приём заявок (матрица)' };
  /** Someone who posts orders in the intake group: an operator, not a user of the bot. */
  const POSTER: User = { id: 9601, first_name: 'Оператор' };
  let intakeBound: Promise<void> | undefined;

  /** The intake group, bound once by the admin; the bot is an admin there, so it reads every post. */
  function intakeGroup(): Promise<void> {
    intakeBound ??= (async () => {
      bot.api.botAddedToGroup(INTAKE, { asAdmin: true });
      ok(
        await bot.app
          .get(IntakeService)
          .bindGroup({ id: INTAKE.id, title: INTAKE.title, type: 'supergroup' }, adminActor),
      );
    })();
    return intakeBound;
  }

  type Posted = { draft: IntakeDraft; phone: string };

  /** An order posted in the intake group: its draft, once the bot's card answers the post. */
  async function postedDraft(): Promise<Posted> {
    await intakeGroup();
    const phone = uniquePhone();
    const post = bot.api.userSendsText(
      POSTER,
      `с/м не сливает, ул. Ленина 5 кв 3, ${phone}, Ольга`,
      INTAKE.id,
    )?.message?.message_id;
    const card = await bot.api.waitFor(
      () => bot.api.messages(INTAKE.id).find((m) => m.fromBot && m.reply_to_message_id === post),
      8_000,
    );
    // The card's message id is stored just after the card is sent.
    const drafts = bot.dataSource.getRepository(IntakeDraft);
    for (let tries = 0; tries < 100; tries++) {
      const draft = await drafts.findOneBy({ cardMessageId: card.message_id });
      if (draft) return { draft, phone: normalized(phone) };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no draft has card ${card.message_id}`);
  }

  /** The draft card as the group sees it; `decision` is its last line once someone decided. */
  const draftCardText = (s: Posted, clientName = 'Ольга', decision?: string) =>
    [
      `📥 Черновик заявки (№${s.draft.id})`,
      '',
      '🔧 Тип техники: Стиральные машины',
      '📝 Описание проблемы: с/м не сливает',
      `👤 Имя клиента: ${clientName}`,
      '🏠 Адрес: ул. Ленина, д. 5, кв. 3',
      `📞 Телефон: ${s.phone}`,
      `📌 Примечание: 📥 Из группы приёма: https://t.me/c/1000016901/${s.draft.sourceMessageId}`,
      ...(decision ? ['', decision] : []),
    ].join('\n');
  const CARD_BUTTONS = ['✅ Создать заявку', '✏️ Исправить поле', '❌ Отклонить'];
  const FIELD_BUTTONS = [
    'Тип техники',
    'Описание проблемы',
    'Имя клиента',
    'Адрес',
    'Телефон',
    'Время прибытия',
    'Примечание',
    '◀️ Назад',
  ];
  const draftRow = (s: Posted) =>
    bot.dataSource.getRepository(IntakeDraft).findOneByOrFail({ id: s.draft.id });
  const userIdOf = async (person: User) =>
    (await bot.dataSource.getRepository(UserRow).findOneByOrFail({ telegramId: person.id })).id;
  /** The card's field picker, as «✏️ Исправить поле» opens it. */
  const openFieldPicker = async (c: Case<Posted>) => {
    await pressAndSee(c, `in:fix:${c.state.draft.id}`, draftCardText(c.state), INTAKE.id);
    await messageWithButton(INTAKE.id, `in:back:${c.state.draft.id}`);
    return INTAKE.id;
  };

  /** A draft card button: dispatchers and admins press it on the card in the intake group. */
  const draftButton = (
    key: string,
    data: (s: Posted) => string,
    label: string,
    outcome: Row<Posted>['outcome'],
    extra: Partial<Row<Posted>> = {},
  ): AnyRow =>
    row<Posted>({
      kind: 'button',
      key,
      allowed: STAFF,
      arrange: postedDraft,
      data,
      label,
      show: () => Promise.resolve(INTAKE.id),
      outcome,
      ...extra,
    });

  const INTAKE_ROWS: AnyRow[] = [
    draftButton(
      'in:ok',
      (s) => `in:ok:${s.draft.id}`,
      '✅ Создать заявку',
      async (c, answer) => {
        expect(answer?.show_alert).toBeFalsy();
        const draft = await draftRow(c.state);
        expect(draft).toMatchObject({
          status: 'created',
          decidedByUserId: await userIdOf(c.person),
        });
        const card = await botSays(
          INTAKE.id,
          c.since,
          draftCardText(
            c.state,
            'Ольга',
            `✅ Заявка #${draft.orderId} создана — ${c.person.first_name}.`,
          ),
        );
        expect(labels(card)).toEqual([]);
        const order = await orderRow(draft.orderId!);
        expect(order).toMatchObject({
          status: 'NEW',
          masterId: null,
          equipmentType: 'Стиральные машины',
          problem: 'с/м не сливает',
          clientName: 'Ольга',
          clientAddress: 'ул. Ленина, д. 5, кв. 3',
          clientPhone: c.state.phone,
          notes: `📥 Из группы приёма: https://t.me/c/1000016901/${c.state.draft.sourceMessageId}`,
        });
      },
    ),
    draftButton(
      'in:no',
      (s) => `in:no:${s.draft.id}`,
      '❌ Отклонить',
      async (c, answer) => {
        toast(answer, '❌ Черновик отклонён.');
        expect(await draftRow(c.state)).toMatchObject({
          status: 'rejected',
          orderId: null,
          decidedByUserId: await userIdOf(c.person),
        });
        const card = await botSays(
          INTAKE.id,
          c.since,
          draftCardText(c.state, 'Ольга', `❌ Отклонено — ${c.person.first_name}.`),
        );
        expect(labels(card)).toEqual([]);
      },
    ),
    draftButton(
      'in:fix',
      (s) => `in:fix:${s.draft.id}`,
      '✏️ Исправить поле',
      async (c, answer) => {
        expect(answer?.show_alert).toBeFalsy();
        // The card keeps its text and offers the fields instead of its buttons.
        const card = await botSays(INTAKE.id, c.since, draftCardText(c.state));
        expect(labels(card)).toEqual(FIELD_BUTTONS);
        expect(await draftRow(c.state)).toMatchObject({
          status: 'open',
          fields: c.state.draft.fields,
        });
      },
    ),
    draftButton(
      'in:back',
      (s) => `in:back:${s.draft.id}`,
      '◀️ Назад',
      async (c, answer) => {
        expect(answer?.show_alert).toBeFalsy();
        const card = await botSays(INTAKE.id, c.since, draftCardText(c.state));
        expect(labels(card)).toEqual(CARD_BUTTONS);
        expect((await draftRow(c.state)).status).toBe('open');
      },
      { show: openFieldPicker },
    ),
    draftButton(
      'in:f',
      // The field's index in DRAFT_FIELDS: 2 is the client's name.
      (s) => `in:f:${s.draft.id}:2`,
      'Имя клиента',
      async (c, answer) => {
        expect(answer?.show_alert).toBeFalsy();
        await botSays(
          INTAKE.id,
          c.since,
          askedIn(c, `Черновик №${c.state.draft.id}. Как зовут клиента?`),
        );
        // The answer is checked as in the creation dialog, saved, and the card shows it.
        await sayAndSee(c, 'Тамара', '✅ Сохранено.', INTAKE.id);
        await botSays(INTAKE.id, c.since, draftCardText(c.state, 'Тамара'));
        expect(await draftRow(c.state)).toMatchObject({
          status: 'open',
          fields: { ...c.state.draft.fields, clientName: 'Тамара' },
        });
      },
      { show: openFieldPicker },
    ),
  ];

  const BUTTONS: AnyRow[] = [
    ...ORDER_ROWS,
    ...LIST_ROWS,
    ...CREATE_ROWS,
    ...MASTER_DIALOG_ROWS,
    ...ADMIN_DIALOG_ROWS,
    ...MASTERS_ROWS,
    ...REPORT_ROWS,
    ...INTAKE_ROWS,
  ];
  const MATRIX: AnyRow[] = [...TEXTS, ...BUTTONS];

  // ---- running one case -----------------------------------------------------------------------

  const titleOf = (r: AnyRow) =>
    r.kind === 'button' ? `button ${r.key}${r.scene ? ` in «${r.scene}»` : ''}` : `"${r.key}"`;
  // A refusal changes nothing (each case checks it), so the refused people of a row share
  // one arranged state; each permitted person gets their own, since their action changes it.
  const cases = MATRIX.flatMap((r) => {
    const title = (who: Who) =>
      `${titleOf(r)} by ${who}: ${r.allowed.includes(who) ? 'works' : 'refused'}`;
    const refusedWho = EVERYONE.filter((who) => !r.allowed.includes(who));
    return [
      ...refusedWho.map((who, i) => [title(who), r, who, i === refusedWho.length - 1]),
      ...r.allowed.map((who) => [title(who), r, who, false]),
    ] as [string, AnyRow, Who, boolean][];
  });
  const refusedStates = new Map<AnyRow, Promise<unknown>>();

  it.each(cases)('%s', async (_title, r, who, lastRefusal) => {
    const allowed = r.allowed.includes(who);
    const arrange = () => (r.arrange ? r.arrange(who) : Promise.resolve(undefined));
    if (!allowed && !refusedStates.has(r)) refusedStates.set(r, arrange());
    const state = (await (allowed ? arrange() : refusedStates.get(r))) as never;
    const c: Case<never> = { who, person: PEOPLE[who], state, chat: PEOPLE[who].id, since: 0 };
    try {
      if (allowed) await permitted(r, c);
      else await refused(r, c);
    } finally {
      if (allowed || lastRefusal) await putAway(state);
    }
  });

  /**
   * The case's order leaves the assigned master's active work, so their «📋 Мои заявки» stays
   * one screen long whatever the number of cases.
   */
  async function putAway(state: unknown): Promise<void> {
    if (state && typeof state === 'object' && 'orders' in state) {
      for (const order of (state as { orders: Order[] }).orders) await putAway(order);
      return;
    }
    if (!state || typeof state !== 'object' || !('clientPhone' in state)) return;
    // A deleted order is out of every list already.
    const order = await bot.dataSource.getRepository(Order).findOneBy({ id: (state as Order).id });
    if (order && order.masterId !== null && ACTIVE_STATUSES.includes(order.status)) {
      ok(
        await bot.app.get(OrdersService).cancel({ id: order.id }, 'Проверка окончена', adminActor),
      );
    }
  }

  async function permitted(r: AnyRow, c: Case<never>) {
    try {
      let answer: CallbackAnswer | null = null;
      if (r.kind === 'button' && r.data) {
        const data = r.data(c.state);
        if (!r.show) throw new Error(`${r.key}: the row must say where a permitted person sees it`);
        const shownIn = await r.show(c);
        c.since = Date.now();
        if (shownIn === null) {
          // No screen shows this button to this person; the press is what a modified client sends.
          const last = bot.api.messages(c.person.id).at(-1);
          if (!last) throw new Error('no message to press on');
          answer = await answerTo(
            bot.api.userPressesButton(c.person, last, data, { forged: true }).callback_query?.id ??
              '',
          );
        } else {
          c.chat = shownIn;
          const message = await messageWithButton(shownIn, data);
          const button = inlineButtons(message).find((b) => b.callback_data === data);
          const label = typeof r.label === 'function' ? r.label(c) : r.label;
          if (label instanceof RegExp) expect(button?.text).toMatch(label);
          else expect(button?.text).toBe(label);
          c.since = Date.now();
          answer = await answerTo(await press(c, data, shownIn));
        }
        await r.outcome(c, answer);
        pressed.push({ data, scene: r.scene });
      } else if (r.kind === 'share') {
        c.since = Date.now();
        const { master, group } = c.state as Fresh & { group: number };
        bot.api.userSharesChat(c.person, master.id, group);
        await r.outcome(c, null);
        sharedChat = true;
      } else {
        const text = r.text?.(c.state) ?? r.key;
        c.since = Date.now();
        bot.api.userSendsText(c.person, text);
        await r.outcome(c, null);
        spoken.push(text);
      }
      if (r.leavesDialog) await sayAndSee(c, '/cancel', CANCELLED);
    } catch (error) {
      // Leave whatever dialog the failure left this person in, so the next cases start clean.
      bot.api.userSendsText(c.person, '/cancel', c.chat === c.person.id ? undefined : c.chat);
      throw error;
    }
  }

  async function refused(r: AnyRow, c: Case<never>) {
    const expected =
      r.refusal?.[c.who] ?? (r.scene ? STALE : c.who === 'unknown' ? UNKNOWN_USER : FORBIDDEN);
    const before = await snapshot();
    c.since = Date.now();
    if (r.kind === 'button' && r.data) {
      const last = bot.api.messages(c.person.id).at(-1);
      if (!last) throw new Error('no message to press on');
      const query = bot.api.userPressesButton(c.person, last, r.data(c.state), { forged: true });
      expect(await answerTo(query.callback_query?.id ?? '')).toMatchObject({
        show_alert: true,
        text: expected,
      });
    } else {
      if (r.kind === 'share') {
        const { master, group } = c.state as Fresh & { group: number };
        bot.api.userSharesChat(c.person, master.id, group);
      } else {
        bot.api.userSendsText(c.person, r.text?.(c.state) ?? r.key);
      }
      await botSays(c.chat, c.since, expected);
    }
    expect(await snapshot()).toEqual(before);
  }

  // ---- the table is complete ------------------------------------------------------------------

  it('lists every order button of the callback codec', () => {
    const listed = new Set(BUTTONS.filter((r) => r.key.startsWith('o:')).map((r) => r.key));
    expect([...listed].sort()).toEqual(ORDER_BUTTONS.map((action) => `o:${action}`).sort());
  });

  /** Events that are not a person's button or command, and where they are tested instead. */
  const NOT_IN_THE_MATRIX: Record<string, string> = {
    text: 'dialog answers (their specs) and stray text (FallbackUpdate: the menu)',
    callback_query: 'FallbackUpdate: a stale button gets an alert (the refusals above)',
    my_chat_member: 'the bot added to a group (work-group.e2e-spec)',
    migrate_to_chat_id: 'a group upgraded to a supergroup (work-group.e2e-spec)',
    edited_message: 'an edited post in an intake group re-reads its draft (intake.e2e-spec)',
    // FallbackUpdate.onNotText: a photo, a sticker… outside a dialog (dialog-input.e2e-spec).
    ...Object.fromEntries(
      NOT_TEXT.map((event) => [event, 'a message that is not text (dialog-input.e2e-spec)']),
    ),
  };

  it('exercises every handler the bot registers, with a permitted person', () => {
    const missing: string[] = [];
    for (const handler of registeredHandlers()) {
      const { trigger, scene } = handler;
      const where = `${handler.where} @${handler.method}(${String(trigger)})`;
      switch (handler.method) {
        case 'action': {
          const fires = (data: string) =>
            typeof trigger === 'string' ? data === trigger : (trigger as RegExp).test(data);
          if (!pressed.some((p) => p.scene === scene && fires(p.data))) missing.push(where);
          break;
        }
        case 'hears':
          if (!spoken.includes(trigger as string)) missing.push(where);
          break;
        case 'command':
          if (!spoken.some((text) => text.split(' ')[0] === `/${String(trigger)}`))
            missing.push(where);
          break;
        case 'start':
          if (!spoken.includes('/start')) missing.push(where);
          break;
        case 'on':
          for (const event of [trigger].flat() as string[]) {
            if (event === 'chat_shared' ? !sharedChat : !(event in NOT_IN_THE_MATRIX)) {
              missing.push(`${where}: ${event}`);
            }
          }
          break;
        case 'enter':
        case 'leave':
          break;
        default:
          missing.push(`${where}: a kind of handler the matrix does not know`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('lists every button the bot showed during the run', () => {
    const keys = new Set(BUTTONS.map((r) => r.key));
    const texts = new Set(TEXTS.map((r) => r.key));
    const unlisted = new Set<string>();
    for (const call of bot.api.calls()) {
      const markup = call.params.reply_markup as
        | { inline_keyboard?: { text: string; callback_data?: string }[][]; keyboard?: unknown[][] }
        | undefined;
      for (const button of markup?.inline_keyboard?.flat() ?? []) {
        const [area, action] = (button.callback_data ?? '').split(':');
        const key = area === 'ef' ? 'ef' : `${area}:${action}`;
        if (!keys.has(key)) unlisted.add(`${key} («${button.text}»)`);
      }
      for (const button of markup?.keyboard?.flat() ?? []) {
        const shown =
          typeof button === 'string'
            ? { text: button }
            : (button as { text: string; request_chat?: unknown });
        if (shown.request_chat ? !texts.has('chat_shared') : !texts.has(shown.text)) {
          unlisted.add(`reply keyboard «${shown.text}»`);
        }
      }
    }
    expect([...unlisted]).toEqual([]);
  });

  /** Every listener of every update class and scene, as nestjs-telegraf registers them. */
  function registeredHandlers() {
    const handlers: { where: string; scene?: string; method: string; trigger: unknown }[] = [];
    const seen = new Set<unknown>();
    for (const module of bot.app.get(ModulesContainer).values()) {
      for (const wrapper of module.providers.values()) {
        const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
        if (typeof type !== 'function' || seen.has(type)) continue;
        const scene = (
          Reflect.getMetadata(SCENE_METADATA, type) as { sceneId?: string } | undefined
        )?.sceneId;
        if (!scene && !Reflect.getMetadata(UPDATE_METADATA, type)) continue;
        seen.add(type);
        for (
          let proto = type.prototype;
          proto && proto !== Object.prototype;
          proto = Object.getPrototypeOf(proto)
        ) {
          for (const name of Object.getOwnPropertyNames(proto)) {
            const method = Object.getOwnPropertyDescriptor(proto, name)?.value as unknown;
            if (typeof method !== 'function') continue;
            const listeners = (Reflect.getMetadata(LISTENERS_METADATA, method) ?? []) as {
              method: string;
              args: unknown[];
            }[];
            for (const listener of listeners) {
              handlers.push({
                where: `${type.name}.${name}`,
                scene,
                method: listener.method,
                trigger: listener.args[0],
              });
            }
          }
        }
      }
    }
    expect(handlers.length).toBeGreaterThan(50);
    return handlers;
  }
});
