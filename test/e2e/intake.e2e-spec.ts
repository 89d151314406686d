// Order intake from a group (docs/product.md §11, docs/intake.md): an admin binds the group, posts
// there become draft cards, dispatchers create, correct or reject them with the buttons.
import { AuditLog } from '../../src/audit/audit-log.entity';
import { IntakeDraft } from '../../src/intake/intake-draft.entity';
import { IntakeService } from '../../src/intake/intake.service';
import { Order } from '../../src/orders/order.entity';
import { BotApp, startBotApp } from '../support/bot-app';
import { TelegramUser } from '../support/telegram-user';
import { TEST_ADMIN_ID, TEST_DISPATCHER_ID } from '../support/test-env';

const INTAKE = { id: -1_001_000_016_001, title: 'Приём заявок' };
const HIDDEN = { id: -1_001_000_016_002, title: 'Приём (приватность)' };
const INTAKE_REQUEST = 2_000_000_000;
const POST = 'с/м не сливает, ул. Ленина 5 кв 3, +7 900 123-45-67, Ольга, завтра с 10 до 12';

describe('order intake from a group', () => {
  let bot: BotApp;
  let admin: TelegramUser;
  let dispatcher: TelegramUser;
  let operator: TelegramUser;

  beforeAll(async () => {
    bot = await startBotApp();
    admin = new TelegramUser(bot.api, { id: TEST_ADMIN_ID, first_name: 'Анна' });
    dispatcher = new TelegramUser(bot.api, { id: TEST_DISPATCHER_ID, first_name: 'Дина' });
    operator = new TelegramUser(bot.api, { id: 7101, first_name: 'Оператор' });
    for (const person of [admin, dispatcher]) {
      person.say('/start');
      await person.expect('Здравствуйте');
    }
    // The bot must read every message there: as an admin it does, privacy mode or not.
    bot.api.botAddedToGroup(INTAKE, { asAdmin: true });
    bot.api.botAddedToGroup(HIDDEN);
  });

  afterAll(async () => {
    await bot?.api.waitFor(() => bot.api.pendingUpdates().length === 0).catch(() => undefined);
    await bot?.close();
  });

  const drafts = () => bot.dataSource.getRepository(IntakeDraft);
  const cardFor = (messageId: number) =>
    bot.api.waitFor(
      () =>
        bot.api
          .messages(INTAKE.id)
          .find((m) => m.fromBot && m.reply_to_message_id === messageId && !m.deleted),
      8_000,
    );
  /** The draft a card shows; its message id is stored just after the card is sent. */
  const draftOf = async (card: { message_id: number }) => {
    for (let tries = 0; tries < 50; tries++) {
      const draft = await drafts().findOneBy({ cardMessageId: card.message_id });
      if (draft) return draft;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no draft has card ${card.message_id}`);
  };
  const post = (text: string) => {
    const update = bot.api.userSendsText(operator.user, text, INTAKE.id);
    return update!.message!.message_id;
  };

  it('binds intake groups from the admin menu, warning where privacy mode hides posts', async () => {
    admin.say('📥 Группа приёма заявок');
    await admin.expect('Групп приёма заявок пока нет');

    admin.shareChat(INTAKE_REQUEST, INTAKE.id);
    const bound = await admin.expect('группа приёма заявок');
    expect(bound.visibleText).not.toContain('режим приватности');

    admin.shareChat(INTAKE_REQUEST, HIDDEN.id);
    const warned = await admin.expect(`«${HIDDEN.title}» — группа приёма заявок`);
    expect(warned.visibleText).toContain('режим приватности');

    admin.say('📥 Группа приёма заявок');
    await admin.expect('Группы приёма заявок (2)');
  });

  it('answers a post with a draft card showing what it read and what is missing', async () => {
    const source = post('ПММ течет, ул. Мира 7 кв 12, 89161234567');
    const card = await cardFor(source);

    expect(card.visibleText).toContain('Черновик заявки');
    expect(card.visibleText).toContain('Тип техники: Посудомоечная машина');
    expect(card.visibleText).toContain('Адрес: ул. Мира, д. 7, кв. 12');
    expect(card.visibleText).toContain('❓ Имя клиента: не указано');
    expect(JSON.stringify(card.reply_markup)).toContain('✅ Создать заявку');
    expect(JSON.stringify(card.reply_markup)).toContain('✏️ Исправить поле');
    expect(JSON.stringify(card.reply_markup)).toContain('❌ Отклонить');
  });

  it('ignores chatter that is not an order', async () => {
    const before = await drafts().count();
    const chatter = post('Всем привет! Кто завтра дежурит?');
    post('Заявка #12 закрыта, клиент доволен');
    // A later post's card proves the earlier ones were handled.
    const marker = post('х-к не морозит, ул. Садовая 3 кв 1, 89160000001');
    await cardFor(marker);

    expect(await drafts().count()).toBe(before + 1);
    expect(
      bot.api.messages(INTAKE.id).some((m) => m.fromBot && m.reply_to_message_id === chatter),
    ).toBe(false);
  });

  it('refuses the buttons to people who are not dispatchers or admins', async () => {
    const card = await cardFor(post('бойлер не греет, ул. Лесная 9 кв 4, 89160000002, Иван'));

    operator.pressOn(card, '✅ Создать заявку');

    expect((await operator.lastAnswer()).text).toContain('⛔');
    const draft = await draftOf(card);
    expect(draft.status).toBe('open');
  });

  it("creates the order through the dialog's use case, with the dispatcher as the actor", async () => {
    const source = post(POST);
    const card = await cardFor(source);

    dispatcher.pressOn(card, '✅ Создать заявку');
    const done = await dispatcher.expect(/✅ Заявка #\d+ создана — Дина/, INTAKE.id);

    const orderId = Number(/#(\d+)/.exec(done.visibleText ?? '')![1]);
    const order = await bot.dataSource.getRepository(Order).findOneByOrFail({ id: orderId });
    expect(order).toMatchObject({
      equipmentType: 'Стиральные машины',
      clientName: 'Ольга',
      clientPhone: '+79001234567',
      clientAddress: 'ул. Ленина, д. 5, кв. 3',
      arrivalText: 'завтра с 10 до 12',
      status: 'NEW',
    });
    expect(order.arrivalFrom).not.toBeNull();
    expect(order.notes).toContain(`https://t.me/c/1000016001/${source}`);
    // The usual notification: every admin and dispatcher but the creator.
    await admin.expect(`Новая заявка #${orderId}`);
    const audit = await bot.dataSource
      .getRepository(AuditLog)
      .findOneByOrFail({ action: 'order.from_intake', entityId: orderId });
    expect(audit.details).toMatchObject({ chatId: INTAKE.id, messageId: source });
    expect(JSON.stringify(done.reply_markup ?? {})).not.toContain('Создать');
  });

  it('flags a post matching an active order, with a button to open it', async () => {
    const order = await bot.dataSource
      .getRepository(Order)
      .findOneByOrFail({ clientPhone: '+79001234567' });
    const card = await cardFor(
      post('Стиральная машина опять течет. Ленина ул. д. 5, кв. 3. 8 (900) 123-45-67'),
    );

    expect(card.visibleText).toContain(`⚠️ Похоже на заявку #${order.id}`);
    dispatcher.pressOn(card, `🔎 Открыть заявку #${order.id}`);
    await dispatcher.expect(`Заявка #${order.id}`, INTAKE.id);
  });

  it('asks for a missing field with a reply in the group, validated as in the dialog', async () => {
    const card = await cardFor(post('ВН не греет, ул. Кирова 4 кв 8, 89160000003'));

    dispatcher.pressOn(card, '✅ Создать заявку');
    await dispatcher.expect('Как зовут клиента?', INTAKE.id);
    dispatcher.say('123', INTAKE.id);
    await dispatcher.expect('Как зовут клиента?', INTAKE.id);
    dispatcher.say('Пётр', INTAKE.id);

    const done = await dispatcher.expect('создана', INTAKE.id);
    const orderId = Number(/#(\d+)/.exec(done.visibleText ?? '')![1]);
    const order = await bot.dataSource.getRepository(Order).findOneByOrFail({ id: orderId });
    expect(order).toMatchObject({ clientName: 'Пётр', equipmentType: 'Водонагреватели' });
  });

  it('rejects a draft', async () => {
    const card = await cardFor(post('телевизор не включается, ул. Мира 1 кв 1, 89160000004'));

    dispatcher.pressOn(card, '❌ Отклонить');

    await dispatcher.expect('❌ Отклонено — Дина', INTAKE.id);
    expect((await draftOf(card)).status).toBe('rejected');
  });

  it('reads an edited post again and updates its undecided draft', async () => {
    const source = post('холодильник не морозит, ул. Кирова 10 кв 2, 89160000006');
    const card = await cardFor(source);
    expect(card.visibleText).toContain('❓ Имя клиента: не указано');

    bot.api.userEditsText(
      operator.user,
      { chat: { id: INTAKE.id }, message_id: source },
      'холодильник не морозит, ул. Кирова 12 кв 2, 89160000006, Тамара, после 18',
    );

    await bot.api.waitFor(() => {
      const shown = bot.api.messages(INTAKE.id).find((m) => m.message_id === card.message_id);
      return shown?.visibleText?.includes('Имя клиента: Тамара') ? shown : undefined;
    });
    const draft = await draftOf(card);
    expect(draft.fields).toMatchObject({
      clientName: 'Тамара',
      clientAddress: 'ул. Кирова, д. 12, кв. 2',
      arrivalText: 'после 18',
    });
  });

  it('expires an undecided draft with a notice in its group', async () => {
    const card = await cardFor(post('электрика: розетка искрит, ул. Мира 20 кв 9, 89160000007'));
    const draft = await draftOf(card);

    const expired = await bot.app
      .get(IntakeService)
      .expireDue(new Date(draft.expiresAt.getTime() + 1000));

    expect(expired.map((d) => d.id)).toContain(draft.id);
    await operator.expect(`Черновик №${draft.id} устарел`, INTAKE.id);
    dispatcher.pressOn(card, '✅ Создать заявку');
    expect((await dispatcher.lastAnswer()).text).toContain('устарел');
  });

  it('keeps a draft across a restart: its buttons still work', async () => {
    const card = await cardFor(post('кофемашина не греет, ул. Южная 2 кв 5, 89160000005, Юлия'));

    await bot.restart();
    dispatcher.pressOn(card, '✅ Создать заявку');

    await dispatcher.expect(/✅ Заявка #\d+ создана/, INTAKE.id);
  });
});
