import { Test, TestingModule } from '@nestjs/testing';
import { OrdersService } from '../../src/orders/orders.service';
import { ReportsModule } from '../../src/reports/reports.module';
import { ReportsService } from '../../src/reports/reports.service';
import type { ActorWithRights } from '../../src/users/actor';
import { UsersService } from '../../src/users/users.service';
import { WebAuthService } from '../../src/web/auth/web-auth.service';
import { BoardQueries } from '../../src/web/board/board.queries';
import { OrderChanges } from '../../src/web/board/order-changes';
import { OrderCardQueries } from '../../src/web/orders/order-card.queries';
import { ChartQueries } from '../../src/web/reports/chart.queries';
import {
  addMaster,
  DomainApp,
  domainImports,
  ORDER_DRAFT,
  TEST_ADMIN_ID,
  TEST_DISPATCHER_ID,
} from '../support/domain-app';
import { createTestDatabase, dialectUnderTest, TestDatabase } from '../support/test-database';
import { reasonText } from '../../src/texts/ru/reasons';

// The console's own reads and its sign-in tables on each dialect; the pages are in the e2e specs.
describe(`the web console's queries and sessions on ${dialectUnderTest()}`, () => {
  let db: TestDatabase;
  let module: TestingModule;
  let admin: ActorWithRights;
  let users: UsersService;
  let orders: OrdersService;
  let masterId: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    module = await Test.createTestingModule({
      imports: [...domainImports(db), ReportsModule],
      providers: [WebAuthService, ChartQueries, OrderChanges, BoardQueries, OrderCardQueries],
    }).compile();
    await module.init();
    users = module.get(UsersService);
    orders = module.get(OrdersService);
    const app = {
      get: <T>(type: new (...args: never[]) => T) => module.get(type),
      actor: (id: number) => users.upsertFromTelegram({ id, first_name: `User${id}` }),
    };
    admin = await app.actor(TEST_ADMIN_ID);
    masterId = (await addMaster(app as unknown as DomainApp, 3001)).master.id;
  });

  afterAll(async () => {
    await module.close();
    await db.drop();
  });

  it('spends a sign-in link once and keeps the session only while the person is staff', async () => {
    const auth = module.get(WebAuthService);
    const dispatcher = await users.upsertFromTelegram({ id: TEST_DISPATCHER_ID });
    const link = await auth.issueLink(dispatcher);
    if (!link.ok) throw new Error(reasonText(link));
    const token = new URL(link.value).searchParams.get('token') ?? '';
    const opened = await auth.redeem(token, 'spec');
    if (!opened.ok) throw new Error(opened.reason);
    expect((await auth.redeem(token, 'spec')).ok).toBe(false);
    const visitor = await auth.visitor(opened.value.cookie);
    expect(visitor?.actor.roles.has('DISPATCHER')).toBe(true);
    expect(await auth.liveSessions(dispatcher.userId)).toHaveLength(1);
    expect(await auth.end(visitor!.session.id, dispatcher.userId)).toBe(true);
    expect(await auth.visitor(opened.value.cookie)).toBeNull();

    const later = new Date(Date.now() + 11 * 60_000);
    const stale = await auth.issueLink(dispatcher);
    if (!stale.ok) throw new Error(reasonText(stale));
    expect(
      (await auth.redeem(new URL(stale.value).searchParams.get('token') ?? '', 'x', later)).ok,
    ).toBe(false);

    const master = await users.upsertFromTelegram({ id: 3001 });
    expect(await auth.issueLink(master)).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('reads the board, the audit trail, the change stamp and the charts', async () => {
    const changes = module.get(OrderChanges);
    const before = await changes.latest();
    const created = await orders.create(ORDER_DRAFT, admin);
    if (!created.ok) throw new Error(reasonText(created));
    const ref = { id: created.value.id };
    expect(await changes.latest()).toBeGreaterThan(before);
    for (const step of [
      () => orders.assign(ref, masterId, admin),
      () => orders.accept(ref, admin),
      () => orders.onSite(ref, admin),
      () =>
        orders.complete(
          ref,
          {
            totalKopecks: 1_000_000,
            materialsKopecks: 300_000,
            reviewTaken: false,
            outOfCity: true,
          },
          admin,
        ),
    ]) {
      expect((await step()).ok).toBe(true);
    }

    const board = await module.get(BoardQueries).page('CLOSED', 0, 10);
    expect(board.total).toBe(1);
    expect(board.orders[0].masterName).toBe('User3001');
    const audit = await module.get(OrderCardQueries).auditOf(ref.id);
    expect(audit.map((a) => a.action)).toEqual([
      'order.create',
      'order.assign',
      'order.accept',
      'order.on_site',
      'order.complete',
    ]);
    expect(audit[0].actorName).toBeTruthy();

    const period = module.get(ReportsService).period('today');
    const charts = await module.get(ChartQueries).forPeriod(period);
    expect(charts.days).toHaveLength(1);
    expect(charts.createdPerDay).toEqual([1]);
    expect(charts.revenuePerDayRubles).toEqual([10_000]);
    expect(charts.masterShares).toEqual([{ name: 'User3001', rubles: 4_200 }]);
    expect(charts.companyShareRubles).toBe(2_800);
    expect(charts).toMatchObject({ closedOrders: 1, revenueKopecks: 1_000_000 });
  });
});
