import { Order } from '../../src/orders/order.entity';
import { OrderChanges } from '../../src/web/board/order-changes';
import { UsersService } from '../../src/users/users.service';
import { BotApp, startBotApp } from '../support/bot-app';
import { TelegramUser } from '../support/telegram-user';
import { TEST_ADMIN_ID, TEST_DISPATCHER_ID } from '../support/test-env';
import { baseUrlOf, loginPath, signIn } from '../support/web-console';

// The console over plain HTTP: sign-in, sessions, rights, CSRF and headers. What a browser
// adds (htmx, live updates, downloads) is in web-browser.e2e-spec.ts.
describe('the web console over HTTP', () => {
  let bot: BotApp;
  let base: string;
  let dispatcher: TelegramUser;
  let admin: TelegramUser;

  const order = {
    equipmentType: 'Холодильники',
    problem: 'Не морозит морозилка',
    clientAddress: 'ул. Ленина, д. 5, кв. 12',
    clientName: 'Мария Петровна',
    clientPhone: '8 (900) 111-22-33',
    notes: '',
    arrival: 'завтра в 15:00',
  };

  beforeAll(async () => {
    bot = await startBotApp();
    base = await baseUrlOf(bot.app);
    dispatcher = new TelegramUser(bot.api, { id: TEST_DISPATCHER_ID, first_name: 'Дарья' });
    admin = new TelegramUser(bot.api, { id: TEST_ADMIN_ID, first_name: 'Анна' });
  });

  afterAll(() => bot.close());

  it('opens a session with a link from /web, once', async () => {
    const path = await loginPath(bot.api, dispatcher);
    const first = await fetch(base + path, { redirect: 'manual' });
    expect(first.status).toBe(303);
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^rd_session=[\w-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Secure');
    const board = await fetch(`${base}/web`, { headers: { cookie: cookie.split(';')[0] } });
    expect(board.status).toBe(200);
    expect(await board.text()).toContain('📋 Все заявки');

    expect((await fetch(base + path, { redirect: 'manual' })).status).toBe(400);
    const forged = path.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await fetch(base + forged, { redirect: 'manual' })).status).toBe(400);
  });

  it('sends no link in a group, nor to anyone but staff', async () => {
    const stranger = new TelegramUser(bot.api, { id: 9101, first_name: 'Незнакомец' });
    stranger.say('/web');
    await stranger.expect('не зарегистрированы');
    bot.api.botAddedToGroup({ id: -500100, title: 'Болтовня' });
    dispatcher.say('/web', -500100);
    await dispatcher.expect('только в личном чате', -500100);
  });

  it('asks strangers to sign in and sets security headers', async () => {
    const page = await fetch(`${base}/web`);
    expect(page.status).toBe(401);
    expect(await page.text()).toContain('/web');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('creates an order through the use case, refusing a forged CSRF token', async () => {
    const session = await signIn(base, bot.api, dispatcher);
    const forged = await session.post('/web/orders', order, 'forged-token');
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('Форма устарела');
    expect(await bot.dataSource.getRepository(Order).count()).toBe(0);

    const bad = await session.post('/web/orders', { ...order, clientPhone: '12345' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Телефон');

    const created = await session.post('/web/orders', { ...order, creationKey: 'web:spec-1' });
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toMatch(/^\/web\/orders\/1\?ok=/);
    const again = await session.post('/web/orders', { ...order, creationKey: 'web:spec-1' });
    expect(again.headers.get('location')).toMatch(/^\/web\/orders\/1\?/);
    const saved = await bot.dataSource.getRepository(Order).findOneByOrFail({ id: 1 });
    expect(saved).toMatchObject({ clientPhone: '+79001112233', arrivalText: 'завтра в 15:00' });
    expect(saved.arrivalFrom).toBeInstanceOf(Date);
    // Same notifications as from the bot: the admin hears of the new order.
    await bot.api.waitForMessage(TEST_ADMIN_ID, '#1', 10_000);

    const card = await (await session.get('/web/orders/1')).text();
    expect(card).toContain('Мария Петровна');
    expect(card).toContain('order.create');
  });

  it('edits with version checks: a stale form is refused', async () => {
    const session = await signIn(base, bot.api, dispatcher);
    const edit = await (await session.get('/web/orders/1/edit')).text();
    const version = /name="version" value="(\d+)"/.exec(edit)?.[1] ?? '';
    const saved = await session.post('/web/orders/1/edit', {
      ...order,
      version,
      notes: 'Домофон 12',
    });
    expect(saved.status).toBe(303);
    const stale = await session.post('/web/orders/1/edit', { ...order, version, notes: 'Другое' });
    expect(stale.status).toBe(422);
    expect(await stale.text()).toContain('изменена');
  });

  it('keeps admin pages from dispatchers', async () => {
    const session = await signIn(base, bot.api, dispatcher);
    for (const path of ['/web/system', '/web/masters', '/web/users']) {
      expect((await session.get(path)).status).toBe(403);
    }
    const adminSession = await signIn(base, bot.api, admin);
    for (const path of ['/web/system', '/web/masters', '/web/users']) {
      expect((await adminSession.get(path)).status).toBe(200);
    }
  });

  it('lets an admin add, deactivate, activate and fire a master, and grant a role', async () => {
    const person = new TelegramUser(bot.api, {
      id: 3801,
      first_name: 'Пётр',
      last_name: 'Новиков',
    });
    person.say('/start');
    await person.expect('Здравствуйте');
    const session = await signIn(base, bot.api, admin);
    const form = {
      telegramId: String(person.id),
      phone: '8 900 555-38-01',
      specialization: 'Электрика',
    };
    const added = await session.post('/web/masters', form);
    expect(decodeURIComponent(added.headers.get('location') ?? '')).toContain(
      '✅ Мастер добавлен.',
    );
    await person.expect('добавлены в систему как мастер');
    const list = await (await session.get('/web/masters')).text();
    const id = /data-master="(\d+)"/.exec(list)?.[1];
    expect(list).toContain('Пётр Новиков');
    for (const action of ['deactivate', 'activate', 'fire']) {
      const done = await session.post(`/web/masters/${id}/${action}`, {});
      expect(done.headers.get('location')).toContain('ok=');
    }
    expect(await (await session.get('/web/masters')).text()).not.toContain('Пётр Новиков');

    const granted = await session.post('/web/users/role', {
      telegramId: String(person.id),
      role: 'DISPATCHER',
      change: 'grant',
    });
    expect(granted.headers.get('location')).toContain('ok=');
    expect(await (await session.get('/web/users')).text()).toContain('Пётр Новиков');
  });

  it('closes the console at once when the role is revoked in the bot', async () => {
    const helper = new TelegramUser(bot.api, { id: 2701, first_name: 'Олег' });
    helper.say('/start');
    await helper.expect('Здравствуйте');
    const users = bot.app.get(UsersService);
    const adminActor = await users.upsertFromTelegram({ id: TEST_ADMIN_ID });
    expect((await users.grantRole(helper.id, 'DISPATCHER', adminActor)).ok).toBe(true);
    const session = await signIn(base, bot.api, helper);
    expect((await session.get('/web')).status).toBe(200);
    expect((await users.revokeRole(helper.id, 'DISPATCHER', adminActor)).ok).toBe(true);
    expect((await session.get('/web')).status).toBe(401);
  });

  it('ends a session on «Выйти»', async () => {
    const session = await signIn(base, bot.api, dispatcher);
    expect((await session.post('/web/logout', {})).status).toBe(200);
    expect((await session.get('/web')).status).toBe(401);
  });

  it('announces order changes as server-sent events', async () => {
    const session = await signIn(base, bot.api, dispatcher);
    const controller = new AbortController();
    const events = await fetch(`${base}/web/events`, {
      headers: { cookie: session.cookie },
      signal: controller.signal,
    });
    expect(events.headers.get('content-type')).toContain('text/event-stream');
    const reader = events.body!.getReader();
    // The first poll sets the baseline; a change after it is announced.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const latest = await bot.app.get(OrderChanges).latest();
    await session.post('/web/orders', { ...order, creationKey: 'web:spec-sse' });
    let received = '';
    while (!received.includes('event: orders')) {
      const { value } = await reader.read();
      received += new TextDecoder().decode(value);
    }
    expect(received).toContain(`data: ${latest + 1}`);
    controller.abort();
  });

  it('limits sign-in attempts per address', async () => {
    let last = 0;
    for (let i = 0; i < 12; i++) {
      last = (await fetch(`${base}/web/login?token=nothing.here`, { redirect: 'manual' })).status;
    }
    expect(last).toBe(429);
  });
});
