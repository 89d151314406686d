import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { AuditLog } from '../../src/audit/audit-log.entity';
import { Order } from '../../src/orders/order.entity';
import type { OrderStatus } from '../../src/orders/order-status';
import { OrdersService } from '../../src/orders/orders.service';
import type { ActorWithRights } from '../../src/users/actor';
import type { Master } from '../../src/users/master.entity';
import { MastersService } from '../../src/users/masters.service';
import { UsersService } from '../../src/users/users.service';
import { verifySignature } from '../../src/webhooks/webhook-signature';
import { ApiClient } from '../support/api-client';
import { validateOpenApi } from '../support/openapi-validator';
import { BotApp, startBotApp } from '../support/bot-app';
import { ORDER_DRAFT } from '../support/domain-app';
import { TelegramUser } from '../support/telegram-user';
import { createTestDatabase, dialectUnderTest, TestDatabase } from '../support/test-database';
import { TEST_ADMIN_ID, TEST_DISPATCHER_ID } from '../support/test-env';
import type { Outcome } from '../../src/common/outcome';
import { AnyReason, reasonText } from '../../src/texts/ru/reasons';

/**
 * The REST API (docs/api.md) over real HTTP, on the dialect under test: every endpoint, each
 * key role's allowed and refused calls, preconditions, idempotency, rate limits, and the
 * journey across both adapters — an order made over HTTP, assigned in the bot, accepted in the
 * master's group, and delivered to a webhook receiver.
 */

type KeyRole = 'ADMIN' | 'DISPATCHER';
const RATE_LIMIT = 100;
const GROUPS = { a: -1_001_000_004_101, b: -1_001_000_004_102, c: -1_001_000_004_103 };
const SECRET = 'a-long-webhook-secret-0123456789';

const isoDateIn = (days: number) =>
  DateTime.now().setZone('Europe/Moscow').plus({ days }).toFormat('dd.MM.yyyy');

const NEW_ORDER = {
  equipmentType: 'Холодильники',
  problem: 'Не морозит морозилка',
  clientName: 'Анна Сергеевна',
  clientAddress: 'ул. Ленина, д. 5, кв. 12',
  clientPhone: '+7 900 111-22-33',
  arrival: 'Уточнить время у клиента',
};

describe(`the REST API over HTTP on ${dialectUnderTest()}`, () => {
  let db: TestDatabase | null = null;
  let bot: BotApp;
  let api: ApiClient;
  let admin: TelegramUser;
  let dispatcher: TelegramUser;
  let adminActor: ActorWithRights;
  const keys = {} as Record<KeyRole, string>;
  let masters: Record<keyof typeof GROUPS, Master>;

  beforeAll(async () => {
    // PostgreSQL: a fresh database of its own; SQLite: the temp file the app makes.
    if (dialectUnderTest() === 'postgres') db = await createTestDatabase();
    bot = await startBotApp({
      ...(db ? { DATABASE_URL: db.settings.DATABASE_URL as string } : {}),
      API_RATE_LIMIT: String(RATE_LIMIT),
      OUTBOX_RETRY_BASE_MS: '200',
    });
    api = ApiClient.of(bot.app);
    admin = new TelegramUser(bot.api, { id: TEST_ADMIN_ID, first_name: 'Антон' });
    dispatcher = new TelegramUser(bot.api, { id: TEST_DISPATCHER_ID, first_name: 'Дарья' });
    for (const person of [admin, dispatcher]) {
      person.say('/start');
      await person.expect('Здравствуйте');
    }
    adminActor = await bot.app.get(UsersService).upsertFromTelegram({ id: TEST_ADMIN_ID });
    keys.ADMIN = await createKey('crm-admin', 'ADMIN');
    keys.DISPATCHER = await createKey('call-centre', 'DISPATCHER');
    masters = {
      a: await addMaster(4101, GROUPS.a, 'Алексей'),
      b: await addMaster(4102, GROUPS.b, 'Борис'),
      c: await addMaster(4103, GROUPS.c, 'Виктор'),
    };
  });

  afterAll(async () => {
    await bot.close();
    await db?.drop();
  });

  /** `/admin apikey create` in the bot; the key is read from the one message that shows it. */
  async function createKey(name: string, role: KeyRole): Promise<string> {
    admin.say(`/admin apikey create ${name} ${role}`);
    const shown = await admin.expect(`✅ Ключ «${name}» (${role}) создан`);
    const key = /rd_[A-Za-z0-9_-]{43}/.exec(shown.text ?? '')?.[0];
    if (!key) throw new Error(`no key in "${shown.text}"`);
    return key;
  }

  async function addMaster(telegramId: number, group: number, name: string): Promise<Master> {
    await bot.app.get(UsersService).upsertFromTelegram({ id: telegramId, first_name: name });
    const master = ok(
      await bot.app
        .get(MastersService)
        .add(
          { telegramId, phone: `+7900555${telegramId}`, specialization: 'Холодильники' },
          adminActor,
        ),
    );
    bot.api.botAddedToGroup({ id: group, title: `Группа ${telegramId}`, type: 'supergroup' });
    return ok(
      await bot.app
        .get(MastersService)
        .bindWorkGroup(
          master.id,
          { id: group, title: `Группа ${telegramId}`, type: 'supergroup' },
          adminActor,
        ),
    );
  }

  function ok<T>(outcome: Outcome<T, AnyReason>): T {
    if (!outcome.ok) throw new Error(reasonText(outcome));
    return outcome.value;
  }

  /** A fresh order in `status` (made through the domain: fast, and not what is under test). */
  async function orderIn(status: OrderStatus): Promise<Order> {
    const orders = bot.app.get(OrdersService);
    const ref = (order: Order) => ({ id: order.id });
    let order = ok(await orders.create(ORDER_DRAFT, adminActor));
    if (status === 'NEW') return order;
    if (status === 'REFUSED') return ok(await orders.cancel(ref(order), 'Передумал', adminActor));
    order = ok(await orders.assign(ref(order), masters.a.id, adminActor));
    if (status === 'ASSIGNED') return order;
    order = ok(await orders.accept(ref(order), adminActor));
    if (status === 'ACCEPTED') return order;
    order = ok(await orders.onSite(ref(order), adminActor));
    if (status === 'ONSITE') return order;
    if (status === 'DR') {
      const repair = { expectedDate: isoDateIn(10), parts: null, preliminaryKopecks: null };
      return ok(await orders.longRepair(ref(order), repair, adminActor));
    }
    throw new Error(`no fixture for ${status}`);
  }

  const stored = (id: number) =>
    bot.dataSource.getRepository(Order).findOneOrFail({ where: { id }, withDeleted: true });

  it('publishes a valid OpenAPI 3 document and the interactive docs', async () => {
    const document = await api.call('GET', '/api/openapi.json');
    expect(document.status).toBe(200);
    expect(document.body.openapi).toMatch(/^3\./);
    expect(await validateOpenApi(document.body)).toMatchObject({ valid: true, errors: [] });
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/orders',
        '/api/v1/orders/{id}',
        '/api/v1/orders/{id}/complete',
        '/api/v1/masters',
        '/api/v1/users',
        '/api/v1/reports/summary',
      ]),
    );
    const docs = await api.call('GET', '/api/docs');
    expect(docs.status).toBe(200);
    expect(docs.body.toString()).toContain('swagger');
  });

  it('answers 401 problem+json without a key, with an unknown one and with a revoked one', async () => {
    const none = await api.call('GET', '/api/v1/orders');
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toContain('application/problem+json');
    expect(none.body).toMatchObject({ status: 401, code: 'unauthorized' });
    expect((await api.call('GET', '/api/v1/orders', { key: `rd_${'x'.repeat(43)}` })).status).toBe(
      401,
    );

    const key = await createKey('old-site', 'DISPATCHER');
    expect((await api.call('GET', '/api/v1/orders', { key })).status).toBe(200);
    admin.say('/admin apikey revoke old-site');
    await admin.expect('✅ Ключ «old-site» отозван');
    const revoked = await api.call('GET', '/api/v1/orders', { key });
    expect(revoked.status).toBe(401);
    const created = await api.call('POST', '/api/v1/orders', { key, body: NEW_ORDER });
    expect(created.status).toBe(401);

    admin.say('/admin apikey list');
    const list = await admin.expect('🔑 Ключи REST API (3)');
    expect(list.text).toContain('old-site — DISPATCHER');
    expect(list.text).toMatch(/old-site — DISPATCHER, rd_\S+…, отозван/);
  });

  it('answers a malformed body and an unknown API route with problem+json too', async () => {
    const malformed = await api.call('POST', '/api/v1/orders', {
      key: keys.DISPATCHER,
      raw: '{"problem": ',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
    expect(malformed.body).toMatchObject({ status: 400, code: 'http_400' });

    const unknown = await api.call('GET', '/api/v1/invoices', { key: keys.DISPATCHER });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect(unknown.body).toMatchObject({ status: 404, code: 'http_404' });

    // Outside the API an unknown path keeps Nest's own answer.
    const elsewhere = await api.call('GET', '/no-such-page');
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.headers.get('content-type')).not.toContain('problem');
  });

  it('creates an order (201, Location, ETag) and lists every bad field at once (422)', async () => {
    const created = await api.call('POST', '/api/v1/orders', {
      key: keys.DISPATCHER,
      body: { ...NEW_ORDER, arrival: 'завтра 14:00' },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/orders/${created.body.id}`);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toMatchObject({ status: 'NEW', clientPhone: '+79001112233' });
    expect(created.body.arrivalFrom).not.toBeNull();
    expect(created.body).not.toHaveProperty('money');

    const bad = await api.call('POST', '/api/v1/orders', {
      key: keys.DISPATCHER,
      body: { ...NEW_ORDER, equipmentType: 'Вертолёты', clientPhone: '12', problem: '' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('invalid');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'clientPhone',
      'equipmentType',
      'problem',
    ]);
    const shapes = await api.call('POST', '/api/v1/orders', {
      key: keys.DISPATCHER,
      body: { problem: 5, extra: true },
    });
    expect(shapes.status).toBe(422);
    expect(shapes.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['problem', 'equipmentType', 'clientName', 'extra']),
    );
  });

  it('creates one order for a POST retried with the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'crm-lead-77' };
    const count = () => bot.dataSource.getRepository(Order).count();
    const before = await count();
    const first = await api.call('POST', '/api/v1/orders', {
      key: keys.DISPATCHER,
      body: NEW_ORDER,
      headers,
    });
    const again = await api.call('POST', '/api/v1/orders', {
      key: keys.DISPATCHER,
      body: NEW_ORDER,
      headers,
    });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(await count()).toBe(before + 1);
    // Another key's same Idempotency-Key is another request.
    const other = await api.call('POST', '/api/v1/orders', {
      key: keys.ADMIN,
      body: NEW_ORDER,
      headers,
    });
    expect(other.body.id).not.toBe(first.body.id);
  });

  describe('each key role’s allowed and refused order changes (the bot’s matrix)', () => {
    const both: KeyRole[] = ['ADMIN', 'DISPATCHER'];
    const admins: KeyRole[] = ['ADMIN'];
    const rows: {
      name: string;
      from: OrderStatus;
      method?: string;
      path: string;
      body?: () => unknown;
      allowed: KeyRole[];
      to: OrderStatus | 'DELETED';
    }[] = [
      {
        name: 'edit',
        from: 'NEW',
        method: 'PATCH',
        path: '',
        body: () => ({ problem: 'Течёт' }),
        allowed: both,
        to: 'NEW',
      },
      { name: 'delete', from: 'NEW', method: 'DELETE', path: '', allowed: admins, to: 'DELETED' },
      {
        name: 'assign',
        from: 'NEW',
        path: '/assign',
        body: () => ({ masterId: masters.a.id }),
        allowed: both,
        to: 'ASSIGNED',
      },
      {
        name: 'reassign',
        from: 'ASSIGNED',
        path: '/reassign',
        body: () => ({ masterId: masters.b.id }),
        allowed: both,
        to: 'ASSIGNED',
      },
      { name: 'unassign', from: 'ASSIGNED', path: '/unassign', allowed: both, to: 'NEW' },
      { name: 'accept', from: 'ASSIGNED', path: '/accept', allowed: admins, to: 'ACCEPTED' },
      {
        name: 'reschedule',
        from: 'ACCEPTED',
        path: '/reschedule',
        body: () => ({ arrival: 'завтра 10:00', reason: 'Просил позже' }),
        allowed: admins,
        to: 'ACCEPTED',
      },
      { name: 'on site', from: 'ACCEPTED', path: '/on-site', allowed: admins, to: 'ONSITE' },
      {
        name: 'long repair',
        from: 'ONSITE',
        path: '/long-repair',
        body: () => ({
          expectedDate: isoDateIn(10),
          parts: 'Компрессор',
          prepaymentKopecks: 100_000,
        }),
        allowed: admins,
        to: 'DR',
      },
      { name: 'back on site', from: 'DR', path: '/back-on-site', allowed: admins, to: 'ONSITE' },
      {
        name: 'complete',
        from: 'ONSITE',
        path: '/complete',
        body: () => ({ totalKopecks: 1_000_000, materialsKopecks: 300_000 }),
        allowed: admins,
        to: 'CLOSED',
      },
      {
        name: 'client refused',
        from: 'ONSITE',
        path: '/client-refused',
        body: () => ({ reason: 'Дорого' }),
        allowed: admins,
        to: 'REFUSED',
      },
      {
        name: 'cancel',
        from: 'NEW',
        path: '/cancel',
        body: () => ({ reason: 'Передумал' }),
        allowed: both,
        to: 'REFUSED',
      },
      { name: 'restore', from: 'REFUSED', path: '/restore', allowed: both, to: 'NEW' },
    ];
    const cases = rows.flatMap((row) => both.map((role) => ({ ...row, role })));

    it.each(cases)('$name with a $role key', async (row) => {
      const order = await orderIn(row.from);
      const answer = await api.call(row.method ?? 'POST', `/api/v1/orders/${order.id}${row.path}`, {
        key: keys[row.role],
        body: row.body?.(),
        headers: { 'if-match': `"${order.version}"` },
      });
      const after = await stored(order.id);
      if (row.allowed.includes(row.role)) {
        expect(answer.status).toBe(200);
        expect(answer.headers.get('etag')).toBe(`"${order.version + 1}"`);
        expect(after.version).toBe(order.version + 1);
        expect(row.to === 'DELETED' ? after.deletedAt : after.status).toEqual(
          row.to === 'DELETED' ? expect.any(Date) : row.to,
        );
      } else {
        expect(answer.status).toBe(403);
        expect(answer.body.code).toBe('forbidden');
        expect(after).toMatchObject({ status: order.status, version: order.version });
      }
    });

    it('refuses a transition the status does not allow: 409 with the reason code', async () => {
      const order = await orderIn('NEW');
      const answer = await api.call('POST', `/api/v1/orders/${order.id}/restore`, {
        key: keys.ADMIN,
      });
      expect(answer.status).toBe(409);
      expect(answer.body).toMatchObject({ status: 409, code: 'wrong_status' });
      expect(await stored(order.id)).toMatchObject({ status: 'NEW', version: order.version });
    });

    it('answers 404 for an order that does not exist', async () => {
      const answer = await api.call('POST', '/api/v1/orders/999999/assign', {
        key: keys.ADMIN,
        body: { masterId: masters.a.id },
      });
      expect(answer.status).toBe(404);
      expect(answer.body.code).toBe('not_found');
      expect((await api.call('GET', '/api/v1/orders/999999', { key: keys.ADMIN })).status).toBe(
        404,
      );
    });
  });

  it('answers 412 to a stale If-Match and leaves the order as it was', async () => {
    const order = await orderIn('NEW');
    const moved = await api.call('POST', `/api/v1/orders/${order.id}/assign`, {
      key: keys.DISPATCHER,
      body: { masterId: masters.a.id },
      headers: { 'if-match': '"1"' },
    });
    expect(moved.status).toBe(200);
    const stale = await api.call('POST', `/api/v1/orders/${order.id}/cancel`, {
      key: keys.DISPATCHER,
      body: { reason: 'Передумал' },
      headers: { 'if-match': '"1"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('already_changed');
    expect(await stored(order.id)).toMatchObject({ status: 'ASSIGNED', version: 2 });
  });

  it('shows an order with its history; money and audit to admin keys only', async () => {
    const order = await orderIn('ONSITE');
    await api.call('POST', `/api/v1/orders/${order.id}/complete`, {
      key: keys.ADMIN,
      body: { totalKopecks: 500_000, materialsKopecks: 100_000, reviewTaken: true },
    });
    const asAdmin = await api.call('GET', `/api/v1/orders/${order.id}`, { key: keys.ADMIN });
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.headers.get('etag')).toBe(`"${order.version + 1}"`);
    expect(asAdmin.body.history.map((h: { action: string }) => h.action)).toEqual([
      'create',
      'assign',
      'accept',
      'on_site',
      'complete',
    ]);
    expect(asAdmin.body.money).toMatchObject({ totalKopecks: 500_000, materialsKopecks: 100_000 });
    const closing = asAdmin.body.audit.at(-1);
    expect(closing).toMatchObject({ action: 'order.complete' });
    expect(closing.details.via).toEqual({ apiKey: 'crm-admin' });

    const asDispatcher = await api.call('GET', `/api/v1/orders/${order.id}`, {
      key: keys.DISPATCHER,
    });
    expect(asDispatcher.body).not.toHaveProperty('money');
    expect(asDispatcher.body).not.toHaveProperty('audit');
  });

  it('audits a write under the key’s name', async () => {
    const created = await api.call('POST', '/api/v1/orders', {
      key: keys.DISPATCHER,
      body: NEW_ORDER,
    });
    const row = await bot.dataSource
      .getRepository(AuditLog)
      .findOneByOrFail({ entityType: 'order', entityId: created.body.id, action: 'order.create' });
    expect(row.details).toEqual({ via: { apiKey: 'call-centre' } });
    const history = await api.call('GET', `/api/v1/orders/${created.body.id}`, {
      key: keys.DISPATCHER,
    });
    expect(history.body.history[0]).toMatchObject({
      action: 'create',
      actorName: 'API call-centre',
    });
  });

  it('lists orders by filters, newest first, a page at a time', async () => {
    const mine = [await orderIn('DR'), await orderIn('DR'), await orderIn('DR')];
    const first = await api.call('GET', '/api/v1/orders?status=DR&limit=2', { key: keys.ADMIN });
    expect(first.status).toBe(200);
    expect(first.body.items.map((o: Order) => o.id)).toEqual([mine[2].id, mine[1].id]);
    const rest = await api.call(
      'GET',
      `/api/v1/orders?status=DR&limit=2&cursor=${first.body.next}`,
      {
        key: keys.ADMIN,
      },
    );
    expect(rest.body.items[0].id).toBe(mine[0].id);
    expect(first.body.items.every((o: Order) => o.status === 'DR')).toBe(true);

    const byMaster = await api.call(
      'GET',
      `/api/v1/orders?status=DR,ONSITE&masterId=${masters.a.id}&equipmentType=${encodeURIComponent('Холодильники')}&createdFrom=${new Date(Date.now() - 3_600_000).toISOString()}`,
      { key: keys.DISPATCHER },
    );
    expect(byMaster.body.items.length).toBeGreaterThanOrEqual(3);
    const phone = await api.call(
      'GET',
      `/api/v1/orders?q=${encodeURIComponent('8 900 111 22 33')}&limit=1`,
      {
        key: keys.DISPATCHER,
      },
    );
    expect(phone.body.items[0].clientPhone).toBe('+79001112233');
    const address = await api.call(
      'GET',
      `/api/v1/orders?q=${encodeURIComponent('ленина 5')}&status=DR`,
      {
        key: keys.DISPATCHER,
      },
    );
    expect(address.body.items.length).toBeGreaterThanOrEqual(3);
    const wrong = await api.call('GET', '/api/v1/orders?status=LOST&limit=0', { key: keys.ADMIN });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'limit',
      'status',
    ]);
  });

  it('serves masters with load and group, their statistics, users and roles', async () => {
    const list = await api.call('GET', '/api/v1/masters', { key: keys.DISPATCHER });
    expect(list.status).toBe(200);
    const a = list.body.items.find((m: { id: number }) => m.id === masters.a.id);
    expect(a).toMatchObject({ isActive: true, workGroup: { chatId: GROUPS.a } });
    expect(a.activeOrders).toBeGreaterThan(0);
    const one = await api.call('GET', `/api/v1/masters/${masters.b.id}`, { key: keys.DISPATCHER });
    expect(one.body).toMatchObject({ id: masters.b.id, specialization: 'Холодильники' });
    const statistics = await api.call(
      'GET',
      `/api/v1/masters/${masters.a.id}/statistics?period=this_month`,
      {
        key: keys.DISPATCHER,
      },
    );
    expect(statistics.status).toBe(200);
    expect(statistics.body.closedInPeriod).toBeGreaterThan(0);
    expect((await api.call('GET', '/api/v1/masters/999', { key: keys.ADMIN })).status).toBe(404);

    const users = await api.call('GET', '/api/v1/users', { key: keys.ADMIN });
    expect(users.status).toBe(200);
    expect(users.body.ADMIN.map((u: { telegramId: number }) => u.telegramId)).toContain(
      TEST_ADMIN_ID,
    );
    expect((await api.call('GET', '/api/v1/users', { key: keys.DISPATCHER })).status).toBe(403);
    const grant = await api.call('POST', `/api/v1/users/${4102}/roles`, {
      key: keys.ADMIN,
      body: { role: 'SENIOR_MASTER' },
    });
    expect(grant.status).toBe(200);
    const refused = await api.call('POST', `/api/v1/users/${4102}/roles`, {
      key: keys.DISPATCHER,
      body: { role: 'ADMIN' },
    });
    expect(refused.status).toBe(403);
    const taken = await api.call('DELETE', `/api/v1/users/${4102}/roles/SENIOR_MASTER`, {
      key: keys.ADMIN,
    });
    expect(taken.status).toBe(200);
    expect(
      (
        await api.call('DELETE', `/api/v1/users/${4102}/roles/SENIOR_MASTER`, {
          key: keys.DISPATCHER,
        })
      ).status,
    ).toBe(403);
  });

  it('serves the reports: the summary as JSON and the Excel files', async () => {
    const summary = await api.call('GET', '/api/v1/reports/summary?period=this_month', {
      key: keys.DISPATCHER,
    });
    expect(summary.status).toBe(200);
    expect(summary.body.closed).toBeGreaterThan(0);
    expect(summary.body.byEquipmentType[0]).toMatchObject({ equipmentType: 'Холодильники' });
    const typed = await api.call(
      'GET',
      `/api/v1/reports/summary?period=${encodeURIComponent('01.01.2020-31.01.2020')}`,
      { key: keys.DISPATCHER },
    );
    expect(typed.body.created).toBe(0);
    expect(
      (await api.call('GET', '/api/v1/reports/summary?period=someday', { key: keys.ADMIN })).status,
    ).toBe(422);

    for (const path of [
      '/api/v1/reports/summary.xlsx?period=this_month',
      '/api/v1/reports/master-statistics.xlsx?period=this_month',
      '/api/v1/reports/active-orders.xlsx',
      `/api/v1/reports/masters/${masters.a.id}/report.xlsx?period=this_month`,
    ]) {
      const file = await api.call('GET', path, { key: keys.DISPATCHER });
      expect([path, file.status]).toEqual([path, 200]);
      expect(file.headers.get('content-type')).toContain('spreadsheetml');
      // An xlsx file is a zip archive.
      expect((file.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    }
    const empty = await api.call(
      'GET',
      '/api/v1/reports/summary.xlsx?period=01.01.2020-31.01.2020',
      {
        key: keys.DISPATCHER,
      },
    );
    expect(empty.status).toBe(204);
  });

  it('limits each key: a burst past the limit is answered 429 with Retry-After', async () => {
    const key = await createKey('busy-site', 'DISPATCHER');
    const answers = [];
    for (let i = 0; i <= RATE_LIMIT; i++)
      answers.push(await api.call('GET', '/api/v1/masters', { key }));
    expect(answers.slice(0, RATE_LIMIT).every((a) => a.status === 200)).toBe(true);
    const limited = answers[RATE_LIMIT];
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another key is not slowed down by this one.
    expect((await api.call('GET', '/api/v1/masters', { key: keys.DISPATCHER })).status).toBe(200);
  });

  describe('across both adapters, with a webhook receiver', () => {
    let receiver: Server;
    let url: string;
    const received: {
      event: string;
      delivery: string;
      signature: string;
      body: string;
      answered: number;
    }[] = [];
    /** The receiver fails the first two deliveries of `order.accepted`. */
    let acceptedFailuresLeft = 2;

    beforeAll(async () => {
      receiver = createServer((request: IncomingMessage, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          const event = String(request.headers['x-repair-dispatch-event']);
          const fail = event === 'order.accepted' && acceptedFailuresLeft-- > 0;
          const answered = fail ? 500 : 200;
          received.push({
            event,
            delivery: String(request.headers['x-repair-dispatch-delivery']),
            signature: String(request.headers['x-repair-dispatch-signature']),
            body: Buffer.concat(chunks).toString(),
            answered,
          });
          response.writeHead(answered).end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
      admin.say(`/admin webhook subscribe ${url} ${SECRET}`);
      await admin.expect(`✅ ${url} подписан`);
    });

    afterAll(() => {
      receiver.closeAllConnections();
      return new Promise<void>((resolve) => receiver.close(() => resolve()));
    });

    it('an API order is assigned in the bot, its card reaches the group, and the master’s acceptance reaches the receiver signed, once, after two 500s', async () => {
      const created = await api.call('POST', '/api/v1/orders', {
        key: keys.DISPATCHER,
        body: { ...NEW_ORDER, problem: 'Гудит и не морозит' },
      });
      const id = created.body.id as number;

      dispatcher.say('📋 Все заявки');
      await dispatcher.expect('Заявки по статусам');
      await dispatcher.press(/🆕 Новые/);
      await dispatcher.press(new RegExp(`#${id} — Холодильники`));
      await dispatcher.expect('Гудит и не морозит');
      await dispatcher.press('👨‍🔧 Назначить мастера');
      await dispatcher.expect('Выберите мастера');
      await dispatcher.press(/Виктор/);
      await dispatcher.expect(/назначена/);
      expect(await stored(id)).toMatchObject({ status: 'ASSIGNED', masterId: masters.c.id });

      await bot.api.waitForMessage(GROUPS.c, `#${id}`, 10_000);
      const master = new TelegramUser(bot.api, { id: 4103, first_name: 'Виктор' });
      await master.press('✅ Принять заявку', GROUPS.c);
      await bot.api.waitFor(
        () => received.find((r) => r.event === 'order.accepted' && r.answered === 200),
        20_000,
      );
      expect(await stored(id)).toMatchObject({ status: 'ACCEPTED' });

      const accepted = received.filter((r) => r.event === 'order.accepted');
      expect(accepted.map((r) => r.answered)).toEqual([500, 500, 200]);
      // The same event each time, signed each time with the subscription's secret.
      expect(new Set(accepted.map((r) => r.delivery)).size).toBe(1);
      for (const delivery of accepted) {
        expect(verifySignature(SECRET, delivery.signature, delivery.body)).toBe(true);
        expect(
          verifySignature('another-secret-of-some-length', delivery.signature, delivery.body),
        ).toBe(false);
      }
      const event = JSON.parse(accepted[2].body);
      expect(event).toMatchObject({
        type: 'order.accepted',
        data: { order: { id, status: 'ACCEPTED', masterId: masters.c.id } },
      });
      // Per subscription in order: created and assigned came first, each delivered once.
      const ofOrder = received
        .filter((r) => JSON.parse(r.body).data.order.id === id && r.answered === 200)
        .map((r) => r.event);
      expect(ofOrder).toEqual(['order.created', 'order.assigned', 'order.accepted']);

      // Nothing more arrives for it later.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(received.filter((r) => r.event === 'order.accepted')).toHaveLength(3);

      admin.say('/admin webhooks');
      const overview = await admin.expect('🔗 Подписки (1)');
      expect(overview.text).toContain(`${url} — в очереди 0, не доставлено 0`);
    });

    it('unsubscribes: later events are not delivered', async () => {
      admin.say(`/admin webhook unsubscribe ${url}`);
      await admin.expect(`✅ ${url} больше не получает события`);
      const before = received.length;
      await api.call('POST', '/api/v1/orders', { key: keys.DISPATCHER, body: NEW_ORDER });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(received.length).toBe(before);
    });
  });
});
