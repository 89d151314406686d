// Child process of `npm run bench -- scale`: the service's own read paths on a seeded database
// (DATABASE_PATH or DATABASE_URL in the environment), each timed many times; prints one line
// `RESULT {json}`. A process of its own because entities pick their dialect when imported.
import { FastBotApi } from './fast-bot-api';
import { percentile } from './load';
import { CLIENTS, MASTERS, phoneOf, STREETS } from './seed-orders';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 60);
const ORDERS = Number(process.env.BENCH_ORDERS);

async function main() {
  const api = await FastBotApi.start();
  Object.assign(process.env, {
    BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    LOG_LEVEL: 'error',
    MIGRATIONS_RUN: 'false',
    SCHEDULER_DISABLED: 'true',
    // Webhook mode: nothing polls; no HTTP server listens in an application context.
    WEBHOOK_URL: 'http://127.0.0.1:1',
    WEBHOOK_SECRET: 'bench-secret',
  });
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('../../src/app.module');
  const { OrderSearchService } = await import('../../src/orders/order-search.service');
  const { OrderQueriesService } = await import('../../src/orders/order-queries.service');
  const { ORDER_STATUSES } = await import('../../src/orders/order-status');
  const jobs = await import('../../src/scheduler/reminder-jobs');
  const { IntakeExpiryJob } = await import('../../src/scheduler/intake-expiry-job');
  const { DailyReportJob } = await import('../../src/scheduler/report-jobs');
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(), {
    logger: ['error'],
  });
  const search = app.get(OrderSearchService);
  const queries = app.get(OrderQueriesService);
  const random = (n: number) => Math.floor(Math.random() * n);
  const street = () => STREETS[random(STREETS.length)];

  const timed = async (work: (round: number) => Promise<unknown>, rounds = ROUNDS) => {
    const times: number[] = [];
    await work(0); // the first call prepares statements and warms the cache
    for (let round = 0; round < rounds; round++) {
      const started = performance.now();
      await work(round);
      times.push(performance.now() - started);
    }
    return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), max: Math.max(...times) };
  };

  const result: Record<string, { p50: number; p95: number; max: number }> = {};
  result['search: phone'] = await timed(() => search.search(phoneOf(random(CLIENTS))));
  result['search: #number'] = await timed(() => search.search(`#${1 + random(ORDERS)}`));
  result['search: «улица дом»'] = await timed(() =>
    search.search(`${street()} ${1 + random(150)}`),
  );
  result['search: street prefix'] = await timed(() =>
    search.search(street().slice(0, 4).toLowerCase()),
  );
  result['«📋 Все заявки» (counts)'] = await timed(() => queries.countsByStatus());
  for (const status of ORDER_STATUSES)
    result[`list ${status}, first page`] = await timed(() => queries.listByStatus(status, 0), 20);
  result['list CLOSED, page 100'] = await timed(() => queries.listByStatus('CLOSED', 100), 20);
  result['master: active orders'] = await timed(() =>
    queries.findActiveByMaster(1 + random(MASTERS)),
  );
  result['new order: client history'] = await timed(() =>
    queries.clientHistory(phoneOf(random(CLIENTS))),
  );
  result['order card'] = await timed(() => queries.findCard(1 + random(ORDERS)));
  const tickJobs = [
    app.get(jobs.UnassignedReminderJob),
    app.get(jobs.UnacceptedReminderJob),
    app.get(jobs.SlaWatchJob),
    app.get(jobs.VisitReminderJob),
    app.get(IntakeExpiryJob),
  ];
  // Mid-day on a weekday, outside quiet hours, so the reminders do their work.
  const noon = new Date();
  noon.setUTCHours(9, 0, 0, 0);
  result['scheduler tick (reminders, SLA, visits, intake)'] = await timed(async () => {
    for (const job of tickJobs) await job.run(noon);
  }, 10);
  result['daily report job'] = await timed(() => app.get(DailyReportJob).run(noon), 3);
  console.warn(`RESULT ${JSON.stringify(result)}`);
  await app.close();
  await api.stop();
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
