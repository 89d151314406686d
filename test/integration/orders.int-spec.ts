import { DateTime } from 'luxon';
import { AuditLog } from '../../src/audit/audit-log.entity';
import { Clock } from '../../src/common/clock';
import { Notification } from '../../src/notifications/notification.entity';
import { OrderStatusHistory } from '../../src/orders/order-status-history.entity';
import { Order } from '../../src/orders/order.entity';
import { OrderSearchService } from '../../src/orders/order-search.service';
import { OrderStatisticsService } from '../../src/orders/order-statistics.service';
import { NewOrderInput, OrdersService } from '../../src/orders/orders.service';
import type { ActorWithRights } from '../../src/users/actor';
import { MastersService } from '../../src/users/masters.service';
import { UsersService } from '../../src/users/users.service';
import {
  addMaster,
  createDomainApp,
  DomainApp,
  ORDER_DRAFT,
  TEST_ADMIN_ID,
  TEST_DISPATCHER_ID,
} from '../support/domain-app';
import { dialectUnderTest } from '../support/test-database';
import { worded } from '../support/worded';
import { reasonText } from '../../src/texts/ru/reasons';

const inTenDays = (() => {
  const date = DateTime.now().setZone('Europe/Moscow').plus({ days: 10 });
  return { typed: date.toFormat('dd.MM.yyyy'), iso: date.toISODate() };
})();

const DRAFT = ORDER_DRAFT;

describe(`order use cases on ${dialectUnderTest()}`, () => {
  let app: DomainApp;
  let orders: OrdersService;
  let admin: ActorWithRights;
  let dispatcher: ActorWithRights;
  let master: Awaited<ReturnType<typeof addMaster>>;
  let otherMaster: Awaited<ReturnType<typeof addMaster>>;

  beforeAll(async () => {
    app = await createDomainApp();
    orders = app.get(OrdersService);
    admin = await app.actor(TEST_ADMIN_ID);
    dispatcher = await app.actor(TEST_DISPATCHER_ID);
    master = await addMaster(app, 3001);
    otherMaster = await addMaster(app, 3002, { specialization: 'Электрика' });
  });

  afterAll(() => app.close());

  async function newOrder(overrides: Partial<NewOrderInput> = {}): Promise<Order> {
    const created = await orders.create({ ...DRAFT, ...overrides }, dispatcher);
    if (!created.ok) throw new Error(reasonText(created));
    return created.value;
  }

  async function assigned(): Promise<Order> {
    const order = await newOrder();
    const result = await orders.assign({ id: order.id }, master.master.id, dispatcher);
    if (!result.ok) throw new Error(reasonText(result));
    return result.value;
  }

  const historyOf = (orderId: number) =>
    app.dataSource
      .getRepository(OrderStatusHistory)
      .find({ where: { orderId }, order: { id: 'ASC' } });
  const auditOf = (orderId: number) =>
    app.dataSource
      .getRepository(AuditLog)
      .find({ where: { entityType: 'order', entityId: orderId }, order: { id: 'ASC' } });
  const outboxOf = (orderId: number) =>
    app.dataSource.getRepository(Notification).find({ where: { orderId }, order: { id: 'ASC' } });

  it('creates an order with a normalized phone, history, audit and a note to other staff', async () => {
    const order = await newOrder();
    expect(order).toMatchObject({
      status: 'NEW',
      clientPhone: '+79001112233',
      arrivalText: 'Уточнить время у клиента',
      arrivalFrom: null,
      dispatcherId: dispatcher.userId,
    });
    expect(await historyOf(order.id)).toEqual([
      expect.objectContaining({ action: 'create', fromStatus: null, toStatus: 'NEW' }),
    ]);
    expect(await auditOf(order.id)).toEqual([expect.objectContaining({ action: 'order.create' })]);
    // Every admin and dispatcher except the creator.
    expect((await outboxOf(order.id)).map((n) => [n.kind, n.chatId])).toEqual([
      ['order_created', TEST_ADMIN_ID],
    ]);
  });

  it('refuses a draft with every problem named, and stores nothing', async () => {
    const before = await app.dataSource.getRepository(Order).count();
    const result = await orders.create(
      { ...DRAFT, problem: 'abc', clientAddress: 'Ленина', clientPhone: '12345' },
      dispatcher,
    );
    expect(result).toMatchObject({ ok: false, code: 'invalid' });
    expect(!result.ok && reasonText(result).split('\n')).toHaveLength(3);
    expect(await app.dataSource.getRepository(Order).count()).toBe(before);
  });

  it('refuses creation by a master', async () => {
    expect(await orders.create(DRAFT, master.actor)).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
  });

  it('assigns: history, audit and the card posted to the master work group', async () => {
    const order = await assigned();
    expect(order).toMatchObject({ status: 'ASSIGNED', masterId: master.master.id, version: 2 });
    expect((await historyOf(order.id)).at(-1)).toMatchObject({
      action: 'assign',
      fromStatus: 'NEW',
      toStatus: 'ASSIGNED',
      actorUserId: dispatcher.userId,
      masterId: master.master.id,
    });
    expect((await auditOf(order.id)).at(-1)).toMatchObject({
      action: 'order.assign',
      details: expect.objectContaining({ masterFrom: null, masterTo: master.master.id }),
    });
    expect((await outboxOf(order.id)).map((n) => [n.kind, n.chatId])).toContainEqual([
      'group_card_post',
      master.workChatId,
    ]);
  });

  it('refuses to assign a master without a work group', async () => {
    const noGroup = await addMaster(app, 3003, { workChatId: null });
    const order = await newOrder();
    expect(
      worded(await orders.assign({ id: order.id }, noGroup.master.id, dispatcher)),
    ).toMatchObject({
      ok: false,
      code: 'invalid',
      message: expect.stringContaining('нет рабочей группы'),
    });
  });

  it('reassigns: the old group card is withdrawn and a new one posted', async () => {
    const order = await assigned();
    const result = await orders.reassign({ id: order.id }, otherMaster.master.id, admin);
    expect(result).toMatchObject({
      ok: true,
      value: { status: 'ASSIGNED', masterId: otherMaster.master.id },
    });
    const kinds = (await outboxOf(order.id)).map((n) => [n.kind, n.chatId]);
    expect(kinds).toContainEqual(['group_card_withdraw', master.workChatId]);
    expect(kinds).toContainEqual(['group_card_post', otherMaster.workChatId]);
  });

  it('walks accept → on site → long repair → back on site → complete with the §6 split', async () => {
    const order = await assigned();
    const steps = [
      await orders.accept({ id: order.id, version: order.version }, master.actor),
      await orders.onSite({ id: order.id }, master.actor),
      await orders.longRepair(
        { id: order.id },
        { expectedDate: inTenDays.typed, parts: 'компрессор', preliminaryKopecks: 1_500_000 },
        master.actor,
      ),
      await orders.backOnSite({ id: order.id }, master.actor),
      await orders.complete(
        { id: order.id },
        { totalKopecks: 1_000_000, materialsKopecks: 300_000, reviewTaken: true, outOfCity: true },
        master.actor,
      ),
    ];
    expect(steps.map((s) => s.ok)).toEqual([true, true, true, true, true]);
    const closed = steps[4].ok ? steps[4].value : null;
    // Холодильники, net 7 000 ₽ → 50 %, +10 % out of city; the review bonus is off by default.
    expect(closed).toMatchObject({
      status: 'CLOSED',
      netKopecks: 700_000,
      masterShareKopecks: 420_000,
      companyShareKopecks: 280_000,
      drExpectedDate: inTenDays.iso,
    });
    expect(closed?.closedAt).toBeInstanceOf(Date);
    expect((await historyOf(order.id)).map((h) => h.action)).toEqual([
      'create',
      'assign',
      'accept',
      'on_site',
      'long_repair',
      'back_on_site',
      'complete',
    ]);
    const outbox = (await outboxOf(order.id)).map((n) => [n.kind, n.chatId]);
    expect(outbox).toContainEqual(['order_accept', TEST_DISPATCHER_ID]);
    expect(outbox).toContainEqual(['order_complete', TEST_DISPATCHER_ID]);
    expect(outbox).toContainEqual(['order_complete', TEST_ADMIN_ID]);
    expect(outbox).toContainEqual(['group_card_update', master.workChatId]);
  });

  it('refuses closing twice and materials over the total', async () => {
    const order = await assigned();
    await orders.accept({ id: order.id }, master.actor);
    await orders.onSite({ id: order.id }, master.actor);
    expect(
      await orders.complete(
        { id: order.id },
        { totalKopecks: 100_000, materialsKopecks: 200_000, reviewTaken: false, outOfCity: false },
        master.actor,
      ),
    ).toMatchObject({ ok: false, code: 'invalid', field: 'materials' });
    const money = {
      totalKopecks: 500_000,
      materialsKopecks: 0,
      reviewTaken: false,
      outOfCity: false,
    };
    expect(await orders.complete({ id: order.id }, money, master.actor)).toMatchObject({
      ok: true,
    });
    expect(await orders.complete({ id: order.id }, money, master.actor)).toMatchObject({
      ok: false,
      code: 'wrong_status',
    });
  });

  it('lets another master do nothing with the order and changes nothing', async () => {
    const order = await assigned();
    expect(await orders.accept({ id: order.id }, otherMaster.actor)).toMatchObject({
      ok: false,
      code: 'not_your_order',
    });
    expect(
      await app.dataSource.getRepository(Order).findOneByOrFail({ id: order.id }),
    ).toMatchObject({
      status: 'ASSIGNED',
      version: order.version,
    });
  });

  it('records an admin acting on the master’s behalf and tells the group', async () => {
    const order = await assigned();
    expect(await orders.accept({ id: order.id }, admin)).toMatchObject({ ok: true });
    expect((await auditOf(order.id)).at(-1)?.details).toMatchObject({
      onBehalfOfMasterId: master.master.id,
    });
    expect((await outboxOf(order.id)).map((n) => n.kind)).toContain('acted_on_behalf');
  });

  it('keeps a master cancellation in history and in the master’s statistics', async () => {
    const order = await assigned();
    const result = await orders.masterCancel({ id: order.id }, 'Нет запчастей', master.actor);
    expect(result).toMatchObject({ ok: true, value: { status: 'NEW', masterId: null } });
    expect((await historyOf(order.id)).at(-1)).toMatchObject({
      action: 'master_cancel',
      masterId: master.master.id,
      reason: 'Нет запчастей',
    });
    const stats = await app
      .get(OrderStatisticsService)
      .forMaster(master.master.id, { from: new Date(0), to: new Date(Date.now() + 60_000) });
    expect(stats.refusals).toContainEqual(
      expect.objectContaining({
        action: 'master_cancel',
        reason: 'Нет запчастей',
        orderId: order.id,
      }),
    );
    expect((await outboxOf(order.id)).map((n) => [n.kind, n.chatId])).toContainEqual([
      'order_master_cancel',
      TEST_DISPATCHER_ID,
    ]);
  });

  it('refuses a cancellation without a real reason, and a /command as the reason', async () => {
    const order = await assigned();
    for (const reason of ['', 'ok', '/cancel']) {
      expect(await orders.cancel({ id: order.id }, reason, dispatcher)).toMatchObject({
        ok: false,
        code: 'invalid',
        field: 'reason',
      });
    }
    expect(
      await app.dataSource.getRepository(Order).findOneByOrFail({ id: order.id }),
    ).toMatchObject({
      status: 'ASSIGNED',
    });
  });

  it('reschedules to a parsed time, counting and keeping the reason', async () => {
    const order = await assigned();
    expect(
      await orders.reschedule({ id: order.id }, 'Уточнить у клиента', null, master.actor),
    ).toMatchObject({ ok: false, field: 'arrival' });
    const moved = await orders.reschedule(
      { id: order.id },
      'через 3 дня 15:00',
      'Клиент уехал',
      master.actor,
    );
    expect(moved).toMatchObject({
      ok: true,
      value: {
        status: 'ASSIGNED',
        rescheduleCount: 1,
        rescheduleReason: 'Клиент уехал',
        arrivalText: 'через 3 дня 15:00',
      },
    });
    expect(moved.ok && moved.value.arrivalFrom).toBeInstanceOf(Date);
    expect((await outboxOf(order.id)).map((n) => [n.kind, n.chatId])).toContainEqual([
      'order_reschedule',
      TEST_DISPATCHER_ID,
    ]);
  });

  it("takes now from the Clock: arrival times are read and the order closed at the clock's time", async () => {
    const now = new Date('2031-06-10T09:00:00Z'); // 12:00 in Moscow
    const clock = jest.spyOn(app.get(Clock), 'now').mockReturnValue(now);
    try {
      const order = await newOrder({ arrivalText: 'завтра в 15:00' });
      expect(order.arrivalFrom?.toISOString()).toBe('2031-06-11T12:00:00.000Z');
      await orders.assign({ id: order.id }, master.master.id, dispatcher);
      await orders.accept({ id: order.id }, master.actor);
      await orders.onSite({ id: order.id }, master.actor);
      const closed = await orders.clientRefused({ id: order.id }, 'Передумал', master.actor);
      expect(closed.ok && closed.value.closedAt?.toISOString()).toBe(now.toISOString());
    } finally {
      clock.mockRestore();
    }
  });

  it('refuses a long-repair date in the past', async () => {
    const order = await assigned();
    await orders.accept({ id: order.id }, master.actor);
    expect(
      await orders.longRepair(
        { id: order.id },
        { expectedDate: '01.01.2020', parts: null, preliminaryKopecks: null },
        master.actor,
      ),
    ).toMatchObject({ ok: false, field: 'expectedDate' });
  });

  it("stores a long repair's prepayment, and lets staff edit its date and prepayment while in DR only", async () => {
    const order = await assigned();
    await orders.accept({ id: order.id }, master.actor);
    // Before the long repair, its fields are not editable.
    expect(await orders.edit({ id: order.id }, 'drPrepayment', '1 000', dispatcher)).toMatchObject({
      ok: false,
      code: 'wrong_status',
    });
    const repair = await orders.longRepair(
      { id: order.id },
      {
        expectedDate: inTenDays.typed,
        parts: null,
        preliminaryKopecks: 1_500_000,
        prepaymentKopecks: 500_000,
      },
      master.actor,
    );
    expect(repair).toMatchObject({
      ok: true,
      value: { status: 'DR', drPreliminaryKopecks: 1_500_000, drPrepaymentKopecks: 500_000 },
    });
    const notice = (await outboxOf(order.id)).find((n) => n.kind === 'order_long_repair');
    expect(notice?.payload).toMatchObject({ prepaymentKopecks: 500_000 });

    const later = DateTime.now().setZone('Europe/Moscow').plus({ days: 20 });
    expect(
      await orders.edit(
        { id: order.id },
        'drExpectedDate',
        later.toFormat('dd.MM.yyyy'),
        dispatcher,
      ),
    ).toMatchObject({ ok: true, value: { drExpectedDate: later.toISODate() } });
    expect(
      await orders.edit({ id: order.id }, 'drExpectedDate', '01.01.2020', dispatcher),
    ).toMatchObject({ ok: false, code: 'invalid', field: 'drExpectedDate' });
    expect(
      await orders.edit({ id: order.id }, 'drPrepayment', '7 000 ₽', dispatcher),
    ).toMatchObject({ ok: true, value: { drPrepaymentKopecks: 700_000 } });
    expect(await orders.edit({ id: order.id }, 'drPrepayment', '-', dispatcher)).toMatchObject({
      ok: true,
      value: { drPrepaymentKopecks: null },
    });
    const edits = (await auditOf(order.id)).filter((a) => a.action === 'order.edit');
    expect(edits.map((a) => (a.details as { field: string }).field)).toEqual([
      'drExpectedDate',
      'drPrepayment',
      'drPrepayment',
    ]);
  });

  it('counts per status, per equipment type and the money of a period', async () => {
    const stats = app.get(OrderStatisticsService);
    const period = { from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 60_000) };
    const byType = await stats.byEquipmentType(period);
    const fridges = byType.find((row) => row.equipmentType === 'Холодильники');
    const all = await app.dataSource.getRepository(Order).find();
    expect(fridges?.orders).toBe(all.filter((o) => o.equipmentType === 'Холодильники').length);
    const summary = await stats.summary(period);
    const closed = all.filter((o) => o.status === 'CLOSED');
    expect(summary.closed).toBe(closed.length);
    expect(summary.netKopecks).toBe(closed.reduce((sum, o) => sum + (o.netKopecks ?? 0), 0));
    expect(summary.masterShareKopecks + summary.companyShareKopecks).toBe(summary.netKopecks);
    const byStatus = await stats.byStatus(period);
    expect(Object.values(byStatus).reduce((a, b) => a + (b ?? 0), 0)).toBe(all.length);
    expect(await stats.summary({ from: new Date(0), to: new Date(1000) })).toMatchObject({
      created: 0,
      closed: 0,
      netKopecks: 0,
    });
  });

  it('cancels with a reason, tells the master group, and restores', async () => {
    const order = await assigned();
    expect(await orders.cancel({ id: order.id }, 'Клиент передумал', dispatcher)).toMatchObject({
      ok: true,
      value: { status: 'REFUSED', refusalReason: 'Клиент передумал' },
    });
    expect((await outboxOf(order.id)).map((n) => [n.kind, n.chatId])).toContainEqual([
      'order_cancelled',
      master.workChatId,
    ]);
    expect(await orders.restore({ id: order.id }, dispatcher)).toMatchObject({
      ok: true,
      value: { status: 'NEW', masterId: null, refusalReason: null },
    });
  });

  it('edits a field with the creation rules and audits old and new values', async () => {
    const order = await assigned();
    expect(await orders.edit({ id: order.id }, 'clientPhone', 'abc', dispatcher)).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    const edited = await orders.edit(
      { id: order.id },
      'clientAddress',
      'пр. Мира, д. 10',
      dispatcher,
    );
    expect(edited).toMatchObject({ ok: true, value: { clientAddress: 'пр. Мира, д. 10' } });
    expect((await auditOf(order.id)).at(-1)).toMatchObject({
      action: 'order.edit',
      details: expect.objectContaining({
        field: 'clientAddress',
        before: expect.objectContaining({ clientAddress: DRAFT.clientAddress }),
      }),
    });
    expect((await outboxOf(order.id)).map((n) => [n.kind, n.chatId])).toContainEqual([
      'order_edited',
      master.workChatId,
    ]);
  });

  it('gives a senior master at least half (§6), whether they complete or an admin does for them', async () => {
    const senior = await addMaster(app, 3004);
    await app.get(UsersService).grantRole(3004, 'SENIOR_MASTER', admin);
    const seniorActor = await app.actor(3004);
    const closedFor = async (masterId: number, actor: ActorWithRights) => {
      const order = await newOrder({ equipmentType: 'Телевизоры' });
      await orders.assign({ id: order.id }, masterId, dispatcher);
      await orders.accept({ id: order.id }, actor);
      await orders.onSite({ id: order.id }, actor);
      const money = { totalKopecks: 500_000, materialsKopecks: 0 };
      return orders.complete(
        { id: order.id },
        { ...money, reviewTaken: false, outOfCity: false },
        actor,
      );
    };
    // Телевизоры, net 5 000 ₽ → 40 %; a senior master (or an admin as a master) at least 50 %.
    expect(await closedFor(senior.master.id, seniorActor)).toMatchObject({
      ok: true,
      value: { masterShareKopecks: 250_000 },
    });
    expect(await closedFor(senior.master.id, admin)).toMatchObject({
      ok: true,
      value: { masterShareKopecks: 250_000 },
    });
    expect(await closedFor(master.master.id, admin)).toMatchObject({
      ok: true,
      value: { masterShareKopecks: 200_000 },
    });
  });

  it('corrects the money of a closed order by the same rules, admin only, audited', async () => {
    const order = await assigned();
    await orders.accept({ id: order.id }, master.actor);
    await orders.onSite({ id: order.id }, master.actor);
    await orders.complete(
      { id: order.id },
      { totalKopecks: 1_000_000, materialsKopecks: 300_000, reviewTaken: false, outOfCity: false },
      master.actor,
    );
    const money = {
      totalKopecks: 1_000_000,
      materialsKopecks: 300_000,
      reviewTaken: false,
      outOfCity: true,
    };
    expect(await orders.correctMoney({ id: order.id }, money, dispatcher)).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await orders.correctMoney({ id: order.id }, money, admin)).toMatchObject({
      ok: true,
      value: { masterShareKopecks: 420_000, companyShareKopecks: 280_000, outOfCity: true },
    });
    expect((await auditOf(order.id)).at(-1)?.details).toMatchObject({
      before: { masterShareKopecks: 350_000 },
      after: { masterShareKopecks: 420_000 },
    });
  });

  it('soft-deletes and restores an order, admin only', async () => {
    const order = await newOrder();
    expect(await orders.softDelete({ id: order.id }, dispatcher)).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await orders.softDelete({ id: order.id }, admin)).toMatchObject({ ok: true });
    expect(await app.dataSource.getRepository(Order).findOneBy({ id: order.id })).toBeNull();
    expect(await orders.undelete({ id: order.id }, admin)).toMatchObject({ ok: true });
    expect(await app.dataSource.getRepository(Order).findOneBy({ id: order.id })).not.toBeNull();
  });

  it('yields exactly one acceptance out of 20 concurrent presses', async () => {
    const order = await assigned();
    const admins = [];
    for (let i = 0; i < 19; i++) {
      const extra = await app.actor(5000 + i);
      await app.get(UsersService).grantRole(extra.telegramId, 'ADMIN', admin);
      admins.push(extra);
    }
    const results = await Promise.all(
      [master.actor, ...admins].map((actor) =>
        orders.accept({ id: order.id, version: order.version }, actor),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === 'already_changed')).toHaveLength(19);
    expect((await historyOf(order.id)).filter((h) => h.action === 'accept')).toHaveLength(1);
    expect(
      await app.dataSource.getRepository(Order).findOneByOrFail({ id: order.id }),
    ).toMatchObject({
      status: 'ACCEPTED',
      version: order.version + 1,
    });
  });

  it('stops a fired master from acting at once', async () => {
    const fired = await addMaster(app, 3100);
    const order = await newOrder();
    await orders.assign({ id: order.id }, fired.master.id, dispatcher);
    await orders.unassign({ id: order.id }, dispatcher);
    expect(await app.get(MastersService).fire(fired.master.id, admin)).toMatchObject({ ok: true });
    await orders.assign({ id: order.id }, master.master.id, dispatcher);
    const stale = fired.actor; // rights read before the firing
    expect(await orders.accept({ id: order.id }, stale)).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await orders.assign({ id: order.id }, fired.master.id, dispatcher)).toMatchObject({
      ok: false,
    });
  });

  describe('search', () => {
    let search: OrderSearchService;
    let lenina: Order;

    beforeAll(async () => {
      search = app.get(OrderSearchService);
      lenina = await newOrder({
        clientAddress: 'ул. Ленина, д. 5',
        clientPhone: '8 (900) 123-45-67',
      });
      await newOrder({ clientAddress: 'ул. Ленина, д. 15', clientPhone: '+79005554433' });
    });

    it('finds by a phone typed in any format', async () => {
      const page = await search.search('8 (900) 123-45-67');
      expect(page.orders.map((o) => o.id)).toEqual([lenina.id]);
    });

    it('finds by #N', async () => {
      expect((await search.search(`#${lenina.id}`)).orders.map((o) => o.id)).toEqual([lenina.id]);
    });

    it('finds "ленина 5" for "ул. Ленина, д. 5" and not house 15', async () => {
      const ids = (await search.search('ленина 5')).orders.map((o) => o.id);
      expect(ids).toContain(lenina.id);
      expect((await search.search('5 Ленина')).orders.map((o) => o.id)).toEqual(ids);
      const found = await app.dataSource.getRepository(Order).findBy({});
      const house15 = found.filter((o) => o.clientAddress.includes('15')).map((o) => o.id);
      expect(ids.some((id) => house15.includes(id))).toBe(false);
    });

    it('pages five at a time', async () => {
      for (let i = 0; i < 6; i++) await newOrder({ clientAddress: `пер. Тихий, д. ${i + 1}` });
      const first = await search.search('тихий', 0);
      const second = await search.search('Тихий пер', 1);
      expect(first).toMatchObject({ total: 6, pageCount: 2, page: 0 });
      expect(first.orders).toHaveLength(5);
      expect(second.orders).toHaveLength(1);
      expect(new Set([...first.orders, ...second.orders].map((o) => o.id)).size).toBe(6);
    });
  });
});
