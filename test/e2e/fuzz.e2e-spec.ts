import { ConsoleLogger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Order } from '../../src/orders/order.entity';
import { botTexts } from '../../src/texts/ru/bot';
import { MastersService } from '../../src/users/masters.service';
import { User } from '../../src/users/user.entity';
import { UsersService } from '../../src/users/users.service';
import { BotApp, startBotApp } from '../support/bot-app';
import type { StoredMessage, Update, User as TelegramPerson } from '../support/fake-bot-api';
import { seededRandom } from '../support/fake-bot-api/faults';
import { TEST_ADMIN_ID, TEST_DISPATCHER_ID } from '../support/test-env';
import { reasonText } from '../../src/texts/ru/reasons';

/**
 * A seeded storm of what people, other bots and modified clients can send (issue 19): random
 * and huge texts, invisible characters, every menu label, forged and real buttons, non-text
 * messages, bot senders, inline updates, repeated update ids, in bursts. `FUZZ_SEED=<n>`
 * replays a run; `FUZZ_BURSTS=<n>` makes it longer.
 */
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const BURSTS = Number(process.env.FUZZ_BURSTS ?? 20);

const MASTER_ID = 19_500;
const WORK_GROUP = -1_001_019_500_001;
const STRANGER_IDS = [19_601, 19_602, 19_603, 19_604];
const ORDERS = 6;

// Invisible and awkward characters: zero-width, bidi, BOM, controls, a lone surrogate, HTML.
const ODD = [
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u202e',
  '\u0000',
  '\u0007',
  '\u001b',
  '\r',
  '\t',
  '\ud83d',
  '<b>',
  '</i>',
  '&amp;',
  '&',
  '<',
  '"',
  '🔧',
  'é',
  'е\u0301',
];
const NON_TEXT: Record<string, unknown>[] = [
  { photo: [{ file_id: 'ph', file_unique_id: 'ph', width: 90, height: 90 }] },
  { sticker: { file_id: 'st', file_unique_id: 'st', type: 'regular', width: 512, height: 512 } },
  { location: { latitude: 55.75, longitude: 37.61 } },
  { voice: { file_id: 'vo', file_unique_id: 'vo', duration: 3 } },
  { dice: { emoji: '🎲', value: 4 } },
  { contact: { phone_number: '+79001234567', first_name: 'Кто-то' } },
  {
    venue: {
      location: { latitude: 55.75, longitude: 37.61 },
      title: 'Офис',
      address: 'ул. Ленина, 1',
    },
  },
  { animation: { file_id: 'an', file_unique_id: 'an', width: 1, height: 1, duration: 1 } },
  { document: { file_id: 'do', file_unique_id: 'do' }, caption: '/start' },
];
const FORGED_PREFIXES = [
  'o:accept',
  'o:complete',
  'o:mcancel',
  'o:dr',
  'l:f',
  'm:page:pick',
  'am:',
  'ad:users',
  'ad:outbox',
  'mo:p',
  'sr:p',
  'ct:',
  'ef:',
  'd:',
];

describe(`a seeded storm of updates (FUZZ_SEED=${SEED})`, () => {
  let bot: BotApp;
  const random = seededRandom(SEED);
  const int = (max: number) => Math.floor(random() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];

  const admin: TelegramPerson = { id: TEST_ADMIN_ID, first_name: 'Админ' };
  const dispatcher: TelegramPerson = { id: TEST_DISPATCHER_ID, first_name: 'Диспетчер' };
  const master: TelegramPerson = { id: MASTER_ID, first_name: 'Мастер' };
  const strangers = STRANGER_IDS.map((id) => ({ id, first_name: `Чужой ${id}` }));
  const known = [admin, dispatcher, master];

  /** Every label of a reply keyboard the bot has shown anyone, and the fixed menu labels. */
  const labels = new Set<string>(Object.values(botTexts.buttons));
  /** Update ids, to deliver some again (a webhook retry, a restart before the offset moved). */
  const delivered: Update[] = [];
  /** Private texts from known people: each must be followed by a message from the bot. */
  const privateTexts: { chatId: number; at: number }[] = [];
  /** Every callback query sent, each must be answered. */
  const queries: string[] = [];

  let errors: jest.SpyInstance;

  beforeAll(async () => {
    errors = jest.spyOn(ConsoleLogger.prototype, 'error');
    // eslint-disable-next-line no-console
    console.log(`fuzz: FUZZ_SEED=${SEED} FUZZ_BURSTS=${BURSTS}`);
    bot = await startBotApp();
    const users = bot.app.get(UsersService);
    const adminActor = await users.upsertFromTelegram({ id: TEST_ADMIN_ID, first_name: 'Админ' });
    await users.upsertFromTelegram({ id: MASTER_ID, first_name: 'Мастер' });
    const masters = bot.app.get(MastersService);
    const added = await masters.add(
      { telegramId: MASTER_ID, phone: '+79005519500', specialization: 'Электрика' },
      adminActor,
    );
    if (!added.ok) throw new Error(reasonText(added));
    bot.api.botAddedToGroup({ id: WORK_GROUP, title: 'Мастер — работа' });
    await masters.bindWorkGroup(
      added.value.id,
      { id: WORK_GROUP, title: 'Мастер — работа', type: 'supergroup' },
      adminActor,
    );
    await users.upsertFromTelegram({ id: TEST_DISPATCHER_ID });
    const dispatcherRow = await bot.dataSource
      .getRepository(User)
      .findOneByOrFail({ telegramId: TEST_DISPATCHER_ID });
    await bot.dataSource.getRepository(Order).save(
      Array.from({ length: ORDERS }, (_, i) => ({
        equipmentType: 'Стиральные машины',
        problem: 'Не сливает воду',
        clientName: 'Клиент',
        clientAddress: `ул. Ленина, ${i + 1}`,
        searchAddress: `ленина ${i + 1}`,
        clientPhone: `+7901000000${i}`,
        arrivalText: 'завтра с 10 до 16',
        status: i < 3 ? ('NEW' as const) : ('ASSIGNED' as const),
        masterId: i < 3 ? null : added.value.id,
        dispatcherId: dispatcherRow.id,
      })),
    );
    for (const person of [...known, ...strangers]) {
      bot.api.userSendsText(person, '/start');
      await bot.api.waitForMessage(person.id, 'Здравствуйте');
    }
  }, 60_000);

  afterAll(async () => {
    errors.mockRestore();
    await bot.close();
  });

  function learnLabels() {
    for (const person of known) {
      for (const message of bot.api.messages(person.id)) {
        const markup = message.reply_markup;
        if (markup && 'keyboard' in markup) {
          for (const button of markup.keyboard.flat()) {
            labels.add(typeof button === 'string' ? button : button.text);
          }
        }
      }
    }
  }

  function randomText(): string {
    switch (int(7)) {
      case 0:
        return pick([...labels]);
      case 1:
        return pick([
          '/start',
          '/cancel',
          '/admin',
          '/admin outbox',
          '/admin jobs',
          '/help',
          '/start@repair_dispatch_test_bot',
        ]);
      case 2:
        // 100 000 characters: Telegram itself stops at 4096, a forged webhook POST does not.
        return 'Д'.repeat(100_000);
      case 3:
        return Array.from({ length: 1 + int(8) }, () => pick(ODD)).join('');
      case 4:
        return `${pick(ODD)}${pick([...labels])}${pick(ODD)}`;
      case 5:
        return String(int(10 ** (1 + int(12))));
      default:
        return Array.from({ length: 1 + int(300) }, () =>
          String.fromCodePoint(pick([32, 0x430, 0x41, 0x1f527, 0x200b, 10]) + int(26)),
        ).join('');
    }
  }

  function forgedData(): string {
    const data = `${pick(FORGED_PREFIXES)}:${pick(['', String(1 + int(ORDERS)), String(-int(5)), 'x', '999999999999'])}:${int(4)}:${int(3)}`;
    return int(6) === 0
      ? Array.from({ length: 1 + int(64) }, () => String.fromCharCode(33 + int(94))).join('')
      : data.slice(0, 64);
  }

  /** Someone's newest bot message in `chatId` that can carry a (forged) press. */
  const anyBotMessage = (chatId: number): StoredMessage | undefined =>
    bot.api
      .messages(chatId)
      .filter((m) => !m.deleted)
      .at(-1 - int(3)) ?? bot.api.messages(chatId).at(-1);

  function pressRealButton(person: TelegramPerson): Update | undefined {
    const withButtons = bot.api
      .messages(person.id)
      .filter((m) => !m.deleted && m.reply_markup && 'inline_keyboard' in m.reply_markup);
    const message = withButtons.at(-1 - int(Math.min(3, withButtons.length)));
    if (!message || !message.reply_markup || !('inline_keyboard' in message.reply_markup)) return;
    const data = message.reply_markup.inline_keyboard
      .flat()
      .map((b) => b.callback_data)
      .filter((d): d is string => typeof d === 'string');
    if (data.length === 0) return;
    return bot.api.userPressesButton(person, message, pick(data));
  }

  /** One random update; the ones only strangers and bots may send when `strangersOnly`. */
  function oneUpdate(strangersOnly: boolean): void {
    const people = strangersOnly ? strangers : [...known, ...strangers];
    const person = pick(people);
    const isKnown = known.includes(person);
    let update: Update | undefined;
    switch (int(10)) {
      case 0:
      case 1:
      case 2: {
        update = bot.api.userSendsText(person, randomText());
        if (isKnown) privateTexts.push({ chatId: person.id, at: Date.now() });
        break;
      }
      case 3:
        update = bot.api.userSendsContent(person, pick(NON_TEXT));
        break;
      case 4: {
        const message = anyBotMessage(person.id);
        if (message)
          update = bot.api.userPressesButton(person, message, forgedData(), { forged: true });
        break;
      }
      case 5:
        update = strangersOnly ? undefined : pressRealButton(person);
        break;
      case 6:
        update = pick([
          () => bot.api.anonymousAdminSends(WORK_GROUP, pick(['/start', randomText()])),
          () => bot.api.channelForwardArrives(WORK_GROUP, randomText()),
          () => bot.api.userPressesInlineButton(person, forgedData()),
          () => bot.api.userTypesInlineQuery(person, randomText().slice(0, 256)),
        ])();
        break;
      case 7: {
        // A forged press on the work group's cards, by whoever.
        const card = anyBotMessage(WORK_GROUP);
        if (card) update = bot.api.userPressesButton(person, card, forgedData(), { forged: true });
        break;
      }
      case 8:
        update = bot.api.userSendsText(
          person,
          pick(['/start', '/cancel', randomText()]),
          WORK_GROUP,
        );
        break;
      default: {
        const again = delivered.length ? pick(delivered) : undefined;
        if (again) bot.api.pushUpdate(structuredClone(again));
      }
    }
    if (!update) return;
    delivered.push(update);
    if (update.callback_query) queries.push(update.callback_query.id);
  }

  async function storm(bursts: number, strangersOnly: boolean) {
    for (let burst = 0; burst < bursts; burst++) {
      learnLabels();
      const size = 50 + int(151);
      for (let i = 0; i < size; i++) oneUpdate(strangersOnly);
      await settle();
    }
  }

  /** Until every update is taken and the bot has made no call for 300 ms. */
  async function settle() {
    await bot.api.waitFor(() => bot.api.pendingUpdates().length === 0, 60_000);
    let calls = -1;
    let since = Date.now();
    await bot.api.waitFor(() => {
      const now = bot.api.calls().length;
      if (now !== calls) [calls, since] = [now, Date.now()];
      return Date.now() - since >= 300;
    }, 60_000);
  }

  async function snapshot(dataSource: DataSource) {
    return {
      orders: await dataSource.query('SELECT * FROM orders ORDER BY id'),
      roles: await dataSource.query('SELECT * FROM user_roles ORDER BY user_id, role'),
      masters: await dataSource.query('SELECT * FROM masters ORDER BY id'),
    };
  }

  it('lets strangers and bots change nothing, whatever they send', async () => {
    const before = await snapshot(bot.dataSource);
    await storm(Math.max(1, Math.floor(BURSTS / 3)), true);
    expect(await snapshot(bot.dataSource)).toEqual(before);
  }, 180_000);

  it('survives everyone at once, answering every press and every private text', async () => {
    await storm(BURSTS, false);

    // eslint-disable-next-line no-console
    console.log(
      `fuzz: ${delivered.length} updates, ${queries.length} presses, ${privateTexts.length} private texts from known people`,
    );
    const unanswered = queries.filter((id) => bot.api.callbackAnswers(id).length === 0);
    expect(unanswered).toEqual([]);

    const silent = privateTexts.filter(
      ({ chatId, at }) =>
        !bot.api.messages(chatId).some((m) => Math.max(m.sentAt, m.editedAt ?? 0) >= at),
    );
    expect(silent).toEqual([]);
  }, 300_000);

  it('never had a message refused for breaking a Telegram limit', () => {
    const refused = bot.api
      .calls()
      .filter((call) => call.status === 400)
      .filter((call) => !/message is not modified/.test(descriptionOf(call.response)));
    expect(refused.map((call) => `${call.method}: ${descriptionOf(call.response)}`)).toEqual([]);
  });

  it('never apologised and never logged an error: nothing the storm sent is a failure of ours', () => {
    const chats = [WORK_GROUP, ...known.map((p) => p.id), ...strangers.map((p) => p.id)];
    const apologies = chats.flatMap((chatId) =>
      bot.api
        .messages(chatId)
        .filter((m) => m.visibleText?.includes(botTexts.somethingWentWrong.slice(0, 20)))
        .map((m) => `${chatId}: ${m.visibleText}`),
    );
    expect(apologies).toEqual([]);
    expect(errors.mock.calls.map((call) => String(call[0]).slice(0, 300))).toEqual([]);
  });

  it('stays up and answers afterwards, on an intact database', async () => {
    for (const person of [...known, ...strangers]) {
      bot.api.userSendsText(person, '/cancel');
      bot.api.userSendsText(person, '/start');
    }
    await settle();
    for (const person of known) {
      await bot.api.waitForMessage(person.id, `Здравствуйте, ${person.first_name}`);
    }
    const health = bot.app.getHttpServer().listening;
    expect(health).toBe(true);
    expect(await bot.dataSource.query('PRAGMA integrity_check')).toEqual([
      { integrity_check: 'ok' },
    ]);
    const users = await bot.dataSource.getRepository(User).count();
    expect(users).toBeGreaterThanOrEqual(known.length + strangers.length);
  }, 60_000);
});

const descriptionOf = (response: unknown): string =>
  String((response as { description?: string }).description);
