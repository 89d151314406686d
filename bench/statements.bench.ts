// `npm run bench -- statements`: SQL statements per update and distinct statement texts (each
// new text is one more preparation on SQLite), the service in webhook mode in this process on
// SQLite. Counts do not depend on the machine's load, so they show a change on a busy machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchResult } from './run';
import { FastBotApi } from './support/fast-bot-api';
import { orderCallback } from '../src/telegram/callback-data';
import { buttonUpdate, post, textUpdate } from './support/load';
import { BENCH_SECRET, serviceUnderLoad } from './support/processes';
import { assignedOrders, BENCH_ADMIN, BENCH_MASTER, BENCH_WORK_GROUP } from './support/work-group';

const USERS = Array.from({ length: 50 }, (_, i) => 10_001 + i);
const DISPATCHERS = Array.from({ length: 10 }, (_, i) => 5_001 + i);
/** Orders the master accepts on their cards, then completes. */
const PRESSES = 10;
/** The completion dialog after «💰 Завершить», answer by answer, in the work group. */
const COMPLETION = ['t:12 000', 't:2 000', 'd:yes', 'd:yes', 'd:no', 'd:confirm'];

export default async function statementsBench(): Promise<BenchResult> {
  const api = await FastBotApi.start();
  const dir = mkdtempSync(join(tmpdir(), 'statements-bench-'));
  for (const name of Object.keys(process.env))
    if (name.startsWith('FLOOD_')) delete process.env[name];
  delete process.env.DATABASE_URL;
  delete process.env.REDIS_URL;
  Object.assign(process.env, {
    ...serviceUnderLoad(1, dir, DISPATCHERS),
    BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    DATABASE_PATH: join(dir, 'bench.db'),
    ADMIN_IDS: String(BENCH_ADMIN),
    // The master's answers in the work group are replies to a group, paced at 20 a minute.
    OUTBOX_GROUP_PER_MINUTE: '100000',
  });
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('../src/app.module');
  const { DataSource } = await import('typeorm');
  const { OutboxSender } = await import('../src/notifications/outbox.sender');
  const app = await NestFactory.create(AppModule.forRoot(), { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const target = { url: `http://127.0.0.1:${port}/telegram/webhook`, secret: BENCH_SECRET };
  const statements: string[] = [];
  app.get(DataSource).subscribers.push({
    afterQuery: (event: { query: string }) => void statements.push(event.query),
  });
  /** Posts each update in turn; the statements per update and the last update's statements. */
  const measureUpdates = async (updates: (() => unknown)[]) => {
    statements.length = 0;
    for (const update of updates) await post(target, update());
    const texts = new Set(statements);
    // The statements of the last update, in order, to read what one update costs.
    const last = statements.slice(-Math.round(statements.length / updates.length));
    return { perUpdate: statements.length / updates.length, distinct: texts.size, sample: last };
  };
  const measure = (users: number[], text: string) =>
    measureUpdates(users.map((user) => () => textUpdate(user, text)));
  /** The master in the work group: a card's button, or an answer in the dialog it opened. */
  const inGroup = (step: string) => () =>
    step.startsWith('t:')
      ? textUpdate(BENCH_MASTER, step.slice(2), BENCH_WORK_GROUP)
      : buttonUpdate(BENCH_MASTER, step, BENCH_WORK_GROUP);
  try {
    const first = await measure(USERS, '/start');
    const known = await measure(USERS, '/start');
    await measure(DISPATCHERS, '/start');
    const menu = await measure(DISPATCHERS, '📋 Все заявки');
    // An order change queues notifications; the sender's claims would count as the update's.
    await app.get(OutboxSender).stop();
    const orders = await assignedOrders(app, DISPATCHERS[0], PRESSES);
    // Each press is on the card as sent: with the version the order has once assigned (2).
    const accept = await measureUpdates(
      orders.map((id) => inGroup(orderCallback('accept', id, 2))),
    );
    for (const id of orders) await post(target, inGroup(orderCallback('onsite', id, 3))());
    const dialogs: number[] = [];
    const confirmations: Awaited<ReturnType<typeof measureUpdates>>[] = [];
    for (const id of orders) {
      const dialog = [orderCallback('complete', id, 4), ...COMPLETION.slice(0, -1)];
      dialogs.push((await measureUpdates(dialog.map(inGroup))).perUpdate);
      confirmations.push(await measureUpdates([inGroup(COMPLETION[COMPLETION.length - 1])]));
    }
    const confirm = confirmations[confirmations.length - 1];
    const closed = await app
      .get(DataSource)
      .query(`SELECT COUNT(*) AS n FROM orders WHERE status = 'CLOSED'`);
    if (Number((closed as { n: number }[])[0].n) !== PRESSES)
      throw new Error('The bench master did not close every order: see the dialog steps.');
    if (process.env.BENCH_VERBOSE)
      for (const sql of [...known.sample, ...menu.sample, ...accept.sample, ...confirm.sample])
        console.warn(sql);
    const average = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const line = (label: string, m: { perUpdate: number; distinct: number }, count: number) =>
      `${label}: ${m.perUpdate.toFixed(1)} statements per update, ${m.distinct} distinct texts in ${count} updates`;
    return {
      name: 'SQL statements per update (SQLite, webhook)',
      lines: [
        line('/start, first time', first, USERS.length),
        line('/start, known user', known, USERS.length),
        line('«📋 Все заявки»', menu, DISPATCHERS.length),
        line('«✅ Принять заявку» on a work-group card', accept, PRESSES),
        `«💰 Завершить» and the answers before the confirmation: ${average(dialogs).toFixed(1)} statements per update`,
        `«✅ Подтвердить», the completion: ${average(confirmations.map((m) => m.perUpdate)).toFixed(1)} statements per update`,
        'BENCH_VERBOSE=1 prints the statements of one /start, one «📋 Все заявки», one accept and one completion.',
      ],
    };
  } finally {
    await app.close();
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
