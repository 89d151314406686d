import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntitySubscriberInterface } from 'typeorm';
import type { AfterQueryEvent } from 'typeorm/subscriber/event/QueryEvent';
import { TransactionRunner } from '../../src/database/transaction-runner';
import { OutboxClaimer } from '../../src/notifications/outbox.claimer';
import { OrderSearchService } from '../../src/orders/order-search.service';
import { OrderStatisticsService } from '../../src/orders/order-statistics.service';
import { OrderChange, OrdersService } from '../../src/orders/orders.service';
import { ClosedOrderQueries } from '../../src/reports/closed-order.queries';
import { reasonText } from '../../src/texts/ru/reasons';
import type { ActorWithRights } from '../../src/users/actor';
import { WebhookOutbox } from '../../src/webhooks/webhook-outbox';
import {
  addMaster,
  createDomainApp,
  DomainApp,
  ORDER_DRAFT,
  TEST_DISPATCHER_ID,
} from '../support/domain-app';
import { dialectUnderTest } from '../support/test-database';

/**
 * The SQL of the main use cases, per dialect, in committed files (test/sql-snapshots/<dialect>/),
 * so that a change in the SQL a use case runs — one statement more, an index no longer usable —
 * shows in review. A difference fails; `UPDATE_SQL_SNAPSHOTS=1` rewrites the files
 * (docs/architecture.md, "SQL you can review").
 */
const UPDATE = process.env.UPDATE_SQL_SNAPSHOTS === '1';
const DIR = join(__dirname, '..', 'sql-snapshots', dialectUnderTest());

/** Where a statement is easier to read, and to diff, on a new line. */
const CLAUSES =
  /\s+(FROM|WHERE|(?:LEFT |INNER )?JOIN|GROUP BY|ORDER BY|LIMIT|VALUES|SET|RETURNING|ON CONFLICT)\s+/g;

/**
 * One statement on its own lines, the same whatever the data: TypeORM binds most values as
 * placeholders but writes some into the SQL (ids, versions, amounts), and those become `?n`;
 * a literal instant becomes `'<instant>'`.
 */
function normalizeSql(query: string): string {
  return query
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/'\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)?'/g, "'<instant>'")
    .replace(/(=|<>|<=|>=|<|>) ?-?\d+(\.\d+)?\b/g, '$1 ?n')
    .replace(/\bIN \((?: ?-?\d+,?)+\)/g, 'IN (?n…)')
    .replace(CLAUSES, '\n  $1 ');
}

describe(`SQL of the use cases on ${dialectUnderTest()}`, () => {
  let app: DomainApp;
  let orders: OrdersService;
  let dispatcher: ActorWithRights;
  let master: Awaited<ReturnType<typeof addMaster>>;
  let recording: string[] | null = null;

  const period = { from: new Date('2020-01-01T00:00:00Z'), to: new Date('2100-01-01T00:00:00Z') };

  beforeAll(async () => {
    app = await createDomainApp();
    const recorder: EntitySubscriberInterface = {
      afterQuery: (event: AfterQueryEvent) => void recording?.push(normalizeSql(event.query)),
    };
    app.dataSource.subscribers.push(recorder);
    orders = app.get(OrdersService);
    dispatcher = await app.actor(TEST_DISPATCHER_ID);
    master = await addMaster(app, 3001);
  });

  afterAll(() => app?.close());

  /** Runs `work` and compares the statements it ran with the use case's snapshot file. */
  async function expectSql(useCase: string, work: () => Promise<unknown>): Promise<void> {
    const statements: string[] = [];
    // As the first change since the webhook subscriptions' cache lapsed: with their read.
    app.get(WebhookOutbox).forget();
    recording = statements;
    try {
      await work();
    } finally {
      recording = null;
    }
    const text =
      `-- ${useCase} on ${dialectUnderTest()}: ${statements.length} statements\n\n` +
      `${statements.join(';\n\n')};\n`;
    const file = join(DIR, `${useCase}.sql`);
    if (UPDATE) {
      mkdirSync(DIR, { recursive: true });
      writeFileSync(file, text);
      return;
    }
    if (!existsSync(file)) throw new Error(`${file} is missing: run with UPDATE_SQL_SNAPSHOTS=1`);
    expect(text).toBe(readFileSync(file, 'utf8'));
  }

  const ok = async (change: Promise<OrderChange>) => {
    const outcome = await change;
    if (!outcome.ok) throw new Error(reasonText(outcome));
    return outcome.value;
  };
  const created = () => ok(orders.create(ORDER_DRAFT, dispatcher));
  const assigned = async () => {
    const order = await created();
    return ok(
      orders.assign({ id: order.id, version: order.version }, master.master.id, dispatcher),
    );
  };
  const onSite = async () => {
    const order = await assigned();
    await ok(orders.accept({ id: order.id }, master.actor));
    return ok(orders.onSite({ id: order.id }, master.actor));
  };

  it('create', () => expectSql('create', () => created()));

  it('assign', async () => {
    const order = await created();
    await expectSql('assign', () =>
      ok(orders.assign({ id: order.id, version: order.version }, master.master.id, dispatcher)),
    );
  });

  it('accept', async () => {
    const order = await assigned();
    await expectSql('accept', () =>
      ok(orders.accept({ id: order.id, version: order.version }, master.actor)),
    );
  });

  it('complete', async () => {
    const order = await onSite();
    const money = { totalKopecks: 1_000_000, materialsKopecks: 300_000 };
    await expectSql('complete', () =>
      ok(
        orders.complete(
          { id: order.id, version: order.version },
          { ...money, reviewTaken: true, outOfCity: false },
          master.actor,
        ),
      ),
    );
  });

  it('cancel', async () => {
    const order = await assigned();
    await expectSql('cancel', () =>
      ok(orders.cancel({ id: order.id, version: order.version }, 'Клиент передумал', dispatcher)),
    );
  });

  it('search by phone', () =>
    expectSql('search-phone', () => app.get(OrderSearchService).search('8 (900) 111-22-33')));

  it('search by address', () =>
    expectSql('search-address', () => app.get(OrderSearchService).search('ленина 5')));

  it("a master's statistics", () =>
    expectSql('master-statistics', () =>
      app.get(OrderStatisticsService).forMaster(master.master.id, period),
    ));

  it('the report: closed orders by master', () =>
    expectSql('report-closed-by-master', () =>
      new ClosedOrderQueries(app.dataSource).byMaster({
        ...period,
        name: { kind: 'range', first: '01.01.2020', last: '31.12.2099' },
      }),
    ));

  it('the outbox claim', () =>
    expectSql('outbox-claim', () =>
      new OutboxClaimer(app.get(TransactionRunner), app.dataSource).claim('sql-spec', 20, 30_000),
    ));
});
