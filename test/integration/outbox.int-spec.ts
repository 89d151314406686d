import { Telegram } from 'telegraf';
import { HealthService } from '../../src/health/health.service';
import { BlockedChat } from '../../src/notifications/blocked-chat.entity';
import { Notification } from '../../src/notifications/notification.entity';
import { OrderGroupMessage } from '../../src/telegram/outbox/order-group-message.entity';
import { OutboxAdminService } from '../../src/notifications/outbox-admin.service';
import { Order } from '../../src/orders/order.entity';
import { OrdersService } from '../../src/orders/orders.service';
import type { ActorWithRights } from '../../src/users/actor';
import { MastersService } from '../../src/users/masters.service';
import { User } from '../../src/users/user.entity';
import { UsersService } from '../../src/users/users.service';
import { FakeBotApi, StoredMessage } from '../support/fake-bot-api';
import {
  createOutboxApp,
  FAST,
  fakeLimitsOf,
  OutboxApp,
  outboxRows,
  personalNotice,
  waitUntilSettled,
} from '../support/outbox/outbox-harness';
import { ORDER_DRAFT, TEST_ADMIN_ID, TEST_DISPATCHER_ID } from '../support/domain-app';
import { dialectUnderTest } from '../support/test-database';
import type { Outcome } from '../../src/common/outcome';
import { AnyReason, reasonText } from '../../src/texts/ru/reasons';

const buttonsOf = (message: StoredMessage | undefined) =>
  message?.reply_markup && 'inline_keyboard' in message.reply_markup
    ? message.reply_markup.inline_keyboard.flat().map((button) => button.text)
    : [];

describe(`outbox delivery on ${dialectUnderTest()}`, () => {
  let api: FakeBotApi;
  let app: OutboxApp;
  let orders: OrdersService;
  let dispatcher: ActorWithRights;
  let admin: ActorWithRights;
  let nextChat = 50_000;

  beforeAll(async () => {
    api = await FakeBotApi.start({ enforceRateLimits: true, limits: fakeLimitsOf(FAST) });
    app = await createOutboxApp({ api });
    orders = app.get(OrdersService);
    dispatcher = await actor(TEST_DISPATCHER_ID);
    admin = await actor(TEST_ADMIN_ID);
  });

  afterAll(async () => {
    await app.close();
    await api.stop();
  });

  afterAll(() => {
    // The one error on purpose: the notification that ran out of retries.
    expect(app.errors).toEqual([expect.stringContaining('failed after 4 tries')]);
  });

  function actor(telegramId: number) {
    return app
      .get(UsersService)
      .upsertFromTelegram({ id: telegramId, first_name: `User${telegramId}` });
  }

  async function addMaster(telegramId: number) {
    const groupId = -1_000_000_000_000 - telegramId;
    api.botAddedToGroup({ id: groupId, title: `Группа ${telegramId}` });
    await actor(telegramId);
    const masters = app.get(MastersService);
    const added = await masters.add(
      {
        telegramId,
        phone: `+7900${String(telegramId).padStart(7, '0')}`,
        specialization: 'Холодильники',
      },
      admin,
    );
    if (!added.ok) throw new Error(reasonText(added));
    const bound = await masters.bindWorkGroup(
      added.value.id,
      { id: groupId, title: `Группа ${telegramId}`, type: 'supergroup' },
      admin,
    );
    if (!bound.ok) throw new Error(reasonText(bound));
    return { id: added.value.id, groupId, actor: await actor(telegramId) };
  }

  async function assignedOrder(masterId: number): Promise<Order> {
    const created = await orders.create(ORDER_DRAFT, dispatcher);
    if (!created.ok) throw new Error(reasonText(created));
    const assigned = await orders.assign({ id: created.value.id }, masterId, dispatcher);
    if (!assigned.ok) throw new Error(reasonText(assigned));
    return assigned.value;
  }

  const ok = <T>(outcome: Outcome<T, AnyReason>): T => {
    if (!outcome.ok) throw new Error(reasonText(outcome));
    return outcome.value;
  };

  const cardOf = (orderId: number, chatId: number) =>
    app.read((tx) => tx.findOneBy(OrderGroupMessage, { orderId, chatId }));

  const freshChat = () => nextChat++;

  it('delivers a notification to people, rendered from the order, and records the message id', async () => {
    const created = ok(await orders.create(ORDER_DRAFT, dispatcher));
    const message = await api.waitForMessage(TEST_ADMIN_ID, `Новая заявка #${created.id}`);
    expect(message.visibleText).toContain('ул. Ленина, д. 5, кв. 12');
    expect(message.parse_mode).toBe('HTML');
    await waitUntilSettled(app);
    const [row] = await outboxRows(app, { orderId: created.id, kind: 'order_created' });
    expect(row).toMatchObject({ state: 'sent', attempts: 1, sentMessageId: message.message_id });
    expect(row.sentAt).toBeInstanceOf(Date);
  });

  it('posts the card on assignment and edits it in place as the order moves on', async () => {
    const master = await addMaster(3101);
    const order = await assignedOrder(master.id);
    const card = await api.waitForMessage(master.groupId, 'Новая заявка назначена!');
    expect(buttonsOf(card)).toEqual(['✅ Принять заявку', '❌ Отмена', '📅 Перенести визит']);
    expect(card.visibleText).toContain('будет доступен после прибытия');

    ok(await orders.accept({ id: order.id }, master.actor));
    await api.waitFor(() => buttonsOf(card).includes('🏠 Я на объекте'));
    ok(await orders.onSite({ id: order.id }, master.actor));
    await api.waitFor(() => card.visibleText?.includes('+79001112233'));

    expect(
      api.messages(master.groupId).filter((m) => m.visibleText?.includes(`#${order.id}`)),
    ).toHaveLength(1);
    expect(buttonsOf(card)).toEqual(['💰 Завершить', '⏳ ДР', '❌ Отказ клиента']);
    expect(card.editCount).toBe(2);
    expect(await cardOf(order.id, master.groupId)).toMatchObject({
      messageId: card.message_id,
      state: 'active',
    });
  });

  it('withdraws the card from the old group on reassignment and posts it in the new one', async () => {
    const first = await addMaster(3201);
    const second = await addMaster(3202);
    const order = await assignedOrder(first.id);
    const old = await api.waitForMessage(first.groupId, 'Новая заявка назначена!');

    ok(await orders.reassign({ id: order.id }, second.id, dispatcher));
    const posted = await api.waitForMessage(second.groupId, 'Новая заявка назначена!');
    await api.waitFor(() => old.visibleText?.includes('снята'));
    expect(old.reply_markup).toBeUndefined();
    await waitUntilSettled(app);
    expect(await cardOf(order.id, first.groupId)).toMatchObject({
      messageId: old.message_id,
      state: 'withdrawn',
    });
    expect(await cardOf(order.id, second.groupId)).toMatchObject({
      messageId: posted.message_id,
      state: 'active',
    });

    ok(await orders.unassign({ id: order.id }, dispatcher));
    await api.waitFor(() => posted.visibleText?.includes('снята'));
    await waitUntilSettled(app);
    expect(await cardOf(order.id, second.groupId)).toMatchObject({ state: 'withdrawn' });
  });

  it('shows a refusal on the card without buttons', async () => {
    const master = await addMaster(3251);
    const order = await assignedOrder(master.id);
    const card = await api.waitForMessage(master.groupId, 'Новая заявка назначена!');
    ok(await orders.cancel({ id: order.id }, 'Клиент передумал', dispatcher));
    await api.waitFor(() => card.visibleText?.includes('Отказ: Клиент передумал'));
    expect(card.reply_markup).toBeUndefined();
    await api.waitForMessage(master.groupId, `Заявка #${order.id} отменена`);
  });

  it('posts a new card when the old one was deleted in the group', async () => {
    const master = await addMaster(3301);
    const order = await assignedOrder(master.id);
    const card = await api.waitForMessage(master.groupId, 'Новая заявка назначена!');
    await waitUntilSettled(app);
    await new Telegram(api.token, { apiRoot: api.apiRoot }).deleteMessage(
      master.groupId,
      card.message_id,
    );

    ok(await orders.accept({ id: order.id }, master.actor));
    const reposted = await api.waitForMessage(master.groupId, '✅ Принята');
    expect(reposted.message_id).not.toBe(card.message_id);
    await waitUntilSettled(app);
    expect(await cardOf(order.id, master.groupId)).toMatchObject({
      messageId: reposted.message_id,
    });
  });

  it('counts "message is not modified" as delivered', async () => {
    const master = await addMaster(3401);
    const order = await assignedOrder(master.id);
    await api.waitForMessage(master.groupId, 'Новая заявка назначена!');
    await waitUntilSettled(app);
    await app.enqueue([
      {
        chatId: master.groupId,
        kind: 'group_card_update',
        orderId: order.id,
        payload: {
          orderId: order.id,
          status: order.status,
          version: order.version,
          actorName: 'spec',
          onBehalfOfMaster: false,
        },
        dedupKey: `spec:unchanged:${order.id}`,
      },
    ]);
    await waitUntilSettled(app);
    const [row] = await outboxRows(app, { dedupKey: `spec:unchanged:${order.id}` });
    expect(row.state).toBe('sent');
    expect(api.calls('editMessageText').at(-1)?.response).toMatchObject({
      ok: false,
      error_code: 400,
    });
    expect(
      api.messages(master.groupId).filter((m) => m.visibleText?.includes(`#${order.id}`)),
    ).toHaveLength(1);
  });

  it('marks a user who blocked the bot and skips what follows without calling Telegram', async () => {
    const chatId = 7001;
    await actor(chatId);
    api.userBlocksBot(chatId);
    await app.enqueue([personalNotice(chatId, 1), personalNotice(chatId, 2)]);
    await waitUntilSettled(app);
    expect((await outboxRows(app, { chatId })).map((row) => row.state)).toEqual([
      'skipped',
      'skipped',
    ]);
    expect(api.calls('sendMessage').filter((call) => call.params.chat_id === chatId)).toHaveLength(
      1,
    );
    expect(await app.read((tx) => tx.findOneBy(User, { telegramId: chatId }))).toMatchObject({
      blockedBot: true,
    });
  });

  it('records a group the bot was removed from and skips what follows', async () => {
    const chatId = -1_000_000_007_002;
    api.botAddedToGroup({ id: chatId, title: 'Бывшая группа' });
    api.botRemovedFromGroup(chatId);
    await app.enqueue([personalNotice(chatId, 1), personalNotice(chatId, 2)]);
    await waitUntilSettled(app);
    expect((await outboxRows(app, { chatId })).map((row) => row.state)).toEqual([
      'skipped',
      'skipped',
    ]);
    expect(api.calls('sendMessage').filter((call) => call.params.chat_id === chatId)).toHaveLength(
      1,
    );
    expect(await app.read((tx) => tx.findOneBy(BlockedChat, { chatId }))).toMatchObject({
      reason: expect.stringContaining('kicked'),
    });
  });

  it('treats another 400 as final, keeps the reason, and lets the chat go on', async () => {
    const chatId = freshChat();
    api.injectFault({
      method: 'sendMessage',
      chatId,
      times: 1,
      fault: { code: 400, description: "Bad Request: can't parse entities" },
    });
    await app.enqueue([personalNotice(chatId, 1), personalNotice(chatId, 2)]);
    await waitUntilSettled(app);
    const [rejected, next] = await outboxRows(app, { chatId });
    expect(rejected).toMatchObject({
      state: 'failed',
      attempts: 1,
      lastError: "400 Bad Request: can't parse entities",
    });
    expect(next.state).toBe('sent');
    expect(await app.get(OutboxAdminService).failed()).toContainEqual(
      expect.objectContaining({ id: rejected.id, reason: "400 Bad Request: can't parse entities" }),
    );
  });

  it('retries 5xx with growing delays, then marks the row failed and alerts the admins', async () => {
    const chatId = freshChat();
    api.injectFault({ method: 'sendMessage', chatId, fault: { code: 500 } });
    await app.enqueue([personalNotice(chatId, 1)]);
    const [row] = await outboxRows(app, { chatId });
    const alert = await api.waitForMessage(
      TEST_ADMIN_ID,
      `#${row.id} «master_added» → чат ${chatId}`,
    );
    expect(alert.visibleText).toContain('Попыток: 4');
    expect((await outboxRows(app, { chatId }))[0]).toMatchObject({ state: 'failed', attempts: 4 });
    expect(app.errors).toContainEqual(
      expect.stringContaining(`#${row.id} (master_added to ${chatId}): failed after 4 tries`),
    );

    const times = api
      .calls('sendMessage')
      .filter((call) => call.params.chat_id === chatId)
      .map((call) => call.at);
    expect(times).toHaveLength(FAST.retry.maxAttempts);
    // Equal jitter: each wait is at least half of 50, 100, 200 ms.
    times
      .slice(1)
      .forEach((at, i) => expect(at - times[i]).toBeGreaterThanOrEqual(25 * 2 ** i - 2));
  });

  it('waits out retry_after before trying again, without counting the 429 as a try', async () => {
    const chatId = freshChat();
    api.injectFault({
      method: 'sendMessage',
      chatId,
      times: 1,
      fault: { code: 429, retryAfter: 1 },
    });
    await app.enqueue([personalNotice(chatId, 1)]);
    await api.waitForMessage(chatId, 'Поздравляем', 5_000);
    await waitUntilSettled(app);
    const [refused, accepted] = api
      .calls('sendMessage')
      .filter((call) => call.params.chat_id === chatId);
    expect(refused.status).toBe(429);
    expect(accepted.at - refused.at).toBeGreaterThanOrEqual(1_000);
    expect((await outboxRows(app, { chatId }))[0]).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('queues an event once however often it is written (the dedup key)', async () => {
    const chatId = freshChat();
    await app.enqueue([personalNotice(chatId, 1)]);
    await app.enqueue([personalNotice(chatId, 1)]);
    await waitUntilSettled(app);
    expect(await outboxRows(app, { chatId })).toHaveLength(1);
    expect(api.messages(chatId)).toHaveLength(1);
  });

  it("keeps a chat's messages in order when an earlier one has to be retried", async () => {
    const chatId = freshChat();
    api.injectFault({ method: 'sendMessage', chatId, times: 1, fault: { code: 502 } });
    await app.enqueue([1, 2, 3, 4].map((n) => personalNotice(chatId, n)));
    await waitUntilSettled(app);
    const rows = await outboxRows(app, { chatId });
    expect(rows.map((row) => row.state)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(rows.map((row) => row.sentMessageId)).toEqual(
      api.messages(chatId).map((m) => m.message_id),
    );
    expect(rows[0].attempts).toBe(2);
  });

  it('hands back rows still waiting for their turn when stopped, and sends them after a restart', async () => {
    const chatId = freshChat();
    // Ten per second to one chat: twenty messages take two seconds, so a stop catches most waiting.
    await app.enqueue(Array.from({ length: 20 }, (_, n) => personalNotice(chatId, n)));
    await api.waitFor(() => api.messages(chatId).length >= 3);
    await app.sender.stop();
    const stopped = await outboxRows(app, { chatId });
    expect(stopped.filter((row) => row.state === 'sending')).toEqual([]);
    expect(stopped.filter((row) => row.state === 'pending').length).toBeGreaterThan(0);
    expect(stopped.every((row) => row.claimedBy === null)).toBe(true);
    const sentBefore = api.messages(chatId).length;
    expect(stopped.filter((row) => row.state === 'sent')).toHaveLength(sentBefore);

    app.sender.start();
    await waitUntilSettled(app);
    expect(api.messages(chatId)).toHaveLength(20);
  });

  it('reports depth, the oldest pending age and failures in /health', async () => {
    const health = app.get(HealthService);
    await waitUntilSettled(app);
    await app.sender.stop();
    await app.enqueue([personalNotice(freshChat(), 1)]);
    const waiting = (await health.report()).components.outbox;
    expect(waiting).toMatchObject({ ok: false, sender: 'stopped', depth: 1 });
    expect(waiting.oldestPendingAgeSeconds).toBeGreaterThanOrEqual(0);

    app.sender.start();
    await waitUntilSettled(app);
    const failed = await app.read((tx) => tx.countBy(Notification, { state: 'failed' }));
    expect((await health.report()).components.outbox).toEqual({
      ok: true,
      sender: 'running',
      depth: 0,
      oldestPendingAgeSeconds: null,
      failed,
    });
  });

  it('tells each audience of docs/product.md §7 what happened, in its own words', async () => {
    const master = await addMaster(3501);
    const order = await assignedOrder(master.id);
    ok(await orders.accept({ id: order.id }, master.actor));
    await api.waitForMessage(TEST_DISPATCHER_ID, `✅ Заявка #${order.id} принята мастером.`);
    ok(
      await orders.reschedule({ id: order.id }, 'завтра в 15:00', 'Клиент на работе', master.actor),
    );
    const moved = await api.waitForMessage(
      TEST_DISPATCHER_ID,
      `Визит по заявке #${order.id} перенесён`,
    );
    expect(moved.visibleText).toMatch(/Новое время: \d\d\.\d\d\.\d{4} 15:00 \(«завтра в 15:00»\)/);
    expect(moved.visibleText).toContain('Причина: Клиент на работе');
    ok(await orders.clientWaiting({ id: order.id }, dispatcher));
    await api.waitForMessage(3501, `Клиент ждёт! Заявка #${order.id}`);
    await api.waitForMessage(master.groupId, '📞 +79001112233');
    ok(await orders.onSite({ id: order.id }, admin));
    await api.waitForMessage(master.groupId, 'изменил статус от имени мастера');
    await api.waitForMessage(TEST_DISPATCHER_ID, `Мастер на объекте по заявке #${order.id}`);
    ok(
      await orders.complete(
        { id: order.id },
        {
          totalKopecks: 1_000_000,
          materialsKopecks: 300_000,
          reviewTaken: false,
          outOfCity: false,
        },
        master.actor,
      ),
    );
    for (const chatId of [TEST_DISPATCHER_ID, TEST_ADMIN_ID]) {
      const closed = await api.waitForMessage(chatId, `Заявка #${order.id} завершена`);
      expect(closed.visibleText).toContain('💰 Сумма: 10 000 ₽');
      expect(closed.visibleText).toContain('🧰 Материалы: 3 000 ₽');
      expect(closed.visibleText).toContain('💵 Чистыми: 7 000 ₽');
      expect(closed.visibleText).toMatch(/Мастеру: [\d ]+ ₽ · 🏢 Компании: [\d ]+ ₽/);
    }
    const card = await api.waitForMessage(master.groupId, 'Заявка завершена');
    expect(card.reply_markup).toBeUndefined();
    await api.waitForMessage(3501, 'Вы добавлены в систему как мастер');
  });
});
