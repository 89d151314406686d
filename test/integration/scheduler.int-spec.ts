import { SchedulerRegistry } from '@nestjs/schedule';
import { In } from 'typeorm';
import { Notification } from '../../src/notifications/notification.entity';
import { OrderStatusHistory } from '../../src/orders/order-status-history.entity';
import type { OrderStatus } from '../../src/orders/order-status';
import { Order } from '../../src/orders/order.entity';
import { JobRun } from '../../src/scheduler/job-run.entity';
import { JobRunner, ScheduledJob } from '../../src/scheduler/job-runner';
import { OrderReminder } from '../../src/scheduler/order-reminder.entity';
import { isQuietTime } from '../../src/scheduler/quiet-hours';
import {
  SlaWatchJob,
  UnacceptedReminderJob,
  UnassignedReminderJob,
  VisitReminderJob,
} from '../../src/scheduler/reminder-jobs';
import { User } from '../../src/users/user.entity';
import { UsersService } from '../../src/users/users.service';
import { addMaster, DomainApp, ORDER_DRAFT } from '../support/domain-app';
import { createTestDatabase, dialectUnderTest, TestDatabase } from '../support/test-database';
import { SchedulerReplica, startSchedulerReplica } from '../support/scheduler-replica';
import { TEST_ADMIN_ID, TEST_DISPATCHER_ID } from '../support/test-env';

/** A moment in the business time zone (Europe/Moscow, UTC+3, no DST). */
const msk = (day: number, hhmm: string) =>
  new Date(`2026-01-${String(day).padStart(2, '0')}T${hhmm}:00+03:00`);

describe(`scheduler on ${dialectUnderTest()}`, () => {
  let db: TestDatabase;
  let a: SchedulerReplica;
  let b: SchedulerReplica;
  let dispatcherUserId: number;
  let master: { id: number; workChatId: number };

  beforeAll(async () => {
    db = await createTestDatabase();
    a = await startSchedulerReplica(db);
    b = await startSchedulerReplica(db);
    const users = a.get(UsersService);
    const actor = (id: number) => users.upsertFromTelegram({ id, first_name: `User${id}` });
    await actor(TEST_ADMIN_ID);
    dispatcherUserId = (await actor(TEST_DISPATCHER_ID)).userId;
    const domain = { get: a.get, actor } as unknown as DomainApp;
    const added = await addMaster(domain, 3001);
    master = { id: added.master.id, workChatId: added.workChatId as number };
  });

  afterAll(async () => {
    await a?.module.close();
    await b?.module.close();
    await db?.drop();
  });

  beforeEach(async () => {
    for (const entity of [Notification, OrderReminder, OrderStatusHistory, Order, JobRun])
      await a.dataSource.createQueryBuilder().delete().from(entity).execute();
  });

  /** An order that entered `status` at `since`. */
  async function putOrder(status: OrderStatus, since: Date, extra: Partial<Order> = {}) {
    const order = await a.dataSource.getRepository(Order).save({
      ...ORDER_DRAFT,
      clientPhone: '+79001112233',
      searchAddress: '',
      status,
      dispatcherId: dispatcherUserId,
      masterId: status === 'NEW' ? null : master.id,
      ...extra,
    });
    await moveTo(order.id, status, since);
    await a.dataSource
      .createQueryBuilder()
      .update(Order)
      .set({ createdAt: since })
      .where('id = :id', { id: order.id })
      .execute();
    return order.id;
  }

  async function moveTo(orderId: number, status: OrderStatus, at: Date) {
    await a.dataSource
      .createQueryBuilder()
      .update(Order)
      .set({ status })
      .where('id = :id', { id: orderId })
      .execute();
    const row = await a.dataSource.getRepository(OrderStatusHistory).save({
      orderId,
      action: 'spec',
      fromStatus: null,
      toStatus: status,
      actorUserId: null,
      masterId: null,
      reason: null,
    });
    await a.dataSource
      .createQueryBuilder()
      .update(OrderStatusHistory)
      .set({ createdAt: at })
      .where('id = :id', { id: row.id })
      .execute();
  }

  async function tickAt(
    replica: SchedulerReplica,
    job: new (...args: never[]) => ScheduledJob,
    at: Date,
  ) {
    replica.clock.at = at;
    return replica.get(JobRunner).tick(replica.get(job), 60_000);
  }

  async function sent(kind: string) {
    const rows = await a.dataSource
      .getRepository(Notification)
      .find({ where: { kind }, order: { id: 'ASC' } });
    return rows.map((row) => ({
      chatId: Number(row.chatId),
      payload: row.payload as Record<string, unknown>,
    }));
  }

  it('quiet hours are in the business time zone and cross midnight', () => {
    const quiet = { start: '22:00', end: '08:00' };
    const zone = 'Europe/Moscow';
    expect(isQuietTime(msk(15, '21:59'), quiet, zone)).toBe(false);
    expect(isQuietTime(msk(15, '22:00'), quiet, zone)).toBe(true);
    expect(isQuietTime(msk(16, '00:30'), quiet, zone)).toBe(true);
    expect(isQuietTime(msk(16, '07:59'), quiet, zone)).toBe(true);
    expect(isQuietTime(msk(16, '08:00'), quiet, zone)).toBe(false);
  });

  it('unassigned: to admins and dispatchers at 15 min and 1 h, then not again that day; stops once assigned', async () => {
    const id = await putOrder('NEW', msk(15, '11:50'));
    await tickAt(a, UnassignedReminderJob, msk(15, '12:04'));
    expect(await sent('reminder.unassigned')).toEqual([]);

    await tickAt(a, UnassignedReminderJob, msk(15, '12:05'));
    const first = await sent('reminder.unassigned');
    expect(first.map((m) => m.chatId).sort()).toEqual([TEST_ADMIN_ID, TEST_DISPATCHER_ID].sort());
    expect(first[0].payload).toEqual({
      orders: [
        expect.objectContaining({ orderId: id, minutes: 15, equipmentType: 'Холодильники' }),
      ],
      stillWaiting: [],
    });

    // The other replica (as after a restart) does not repeat it before the next step.
    await tickAt(b, UnassignedReminderJob, msk(15, '12:10'));
    await tickAt(a, UnassignedReminderJob, msk(15, '12:49'));
    expect(await sent('reminder.unassigned')).toHaveLength(2);

    await tickAt(a, UnassignedReminderJob, msk(15, '12:50'));
    const second = await sent('reminder.unassigned');
    expect(second).toHaveLength(4);
    expect(second[3].payload.orders).toEqual([expect.objectContaining({ minutes: 60 })]);

    // The ladder is used up: nothing more until the morning digest.
    for (const at of ['13:20', '16:00', '21:55'])
      await tickAt(b, UnassignedReminderJob, msk(15, at));
    expect(await sent('reminder.unassigned')).toHaveLength(4);

    await moveTo(id, 'ASSIGNED', msk(15, '21:56'));
    await tickAt(a, UnassignedReminderJob, msk(16, '08:00'));
    expect(await sent('reminder.unassigned')).toHaveLength(4);
  });

  it('unassigned: held during quiet hours across midnight, sent once on the first tick after 08:00', async () => {
    const id = await putOrder('NEW', msk(15, '21:50'));
    for (const at of [msk(15, '22:05'), msk(16, '00:10'), msk(16, '07:55')])
      await tickAt(a, UnassignedReminderJob, at);
    expect(await sent('reminder.unassigned')).toEqual([]);
    await tickAt(a, UnassignedReminderJob, msk(16, '08:00'));
    await tickAt(b, UnassignedReminderJob, msk(16, '08:05'));
    const messages = await sent('reminder.unassigned');
    expect(messages).toHaveLength(2);
    expect(messages[0].payload).toEqual({
      orders: [expect.objectContaining({ orderId: id, minutes: 610 })],
      stillWaiting: [],
    });
  });

  it("unaccepted: the master's group and the order's dispatcher, up the ladder, stops once accepted", async () => {
    const id = await putOrder('ASSIGNED', msk(15, '10:00'));
    await tickAt(a, UnacceptedReminderJob, msk(15, '10:14'));
    expect(await sent('reminder.unaccepted')).toEqual([]);
    await tickAt(a, UnacceptedReminderJob, msk(15, '10:15'));
    const first = await sent('reminder.unaccepted');
    expect(first.map((m) => m.chatId).sort()).toEqual(
      [master.workChatId, TEST_DISPATCHER_ID].sort(),
    );
    expect(first[0].payload).toEqual({
      orders: [expect.objectContaining({ orderId: id, minutes: 15 })],
      stillWaiting: [],
    });
    await tickAt(a, UnacceptedReminderJob, msk(15, '10:55'));
    expect(await sent('reminder.unaccepted')).toHaveLength(2);
    await tickAt(a, UnacceptedReminderJob, msk(15, '11:00'));
    expect(await sent('reminder.unaccepted')).toHaveLength(4);
    await moveTo(id, 'ACCEPTED', msk(15, '11:10'));
    await tickAt(a, UnacceptedReminderJob, msk(16, '08:00'));
    expect(await sent('reminder.unaccepted')).toHaveLength(4);
  });

  it('unaccepted: a reassignment starts the ladder again', async () => {
    const id = await putOrder('ASSIGNED', msk(15, '10:00'));
    for (const at of ['10:15', '11:00', '11:30'])
      await tickAt(a, UnacceptedReminderJob, msk(15, at));
    expect(await sent('reminder.unaccepted')).toHaveLength(4);
    await moveTo(id, 'ASSIGNED', msk(15, '11:40'));
    await tickAt(a, UnacceptedReminderJob, msk(15, '11:50'));
    expect(await sent('reminder.unaccepted')).toHaveLength(4);
    await tickAt(a, UnacceptedReminderJob, msk(15, '11:55'));
    const all = await sent('reminder.unaccepted');
    expect(all).toHaveLength(6);
    expect(all[5].payload.orders).toEqual([expect.objectContaining({ orderId: id, minutes: 15 })]);
  });

  it('over a simulated day each order is reminded at most twice per recipient, then once in the morning digest; one message per chat per run', async () => {
    const ids: Record<string, number> = {};
    // What happens when, Moscow time; the reminder jobs tick every 5 minutes on both replicas.
    const events: [Date, () => Promise<unknown>][] = [
      [msk(15, '10:00'), async () => (ids.a = await putOrder('NEW', msk(15, '10:00')))],
      [msk(15, '10:00'), async () => (ids.b = await putOrder('NEW', msk(15, '10:00')))],
      [msk(15, '11:00'), async () => (ids.e = await putOrder('ASSIGNED', msk(15, '11:00')))],
      [msk(15, '11:00'), async () => (ids.f = await putOrder('ASSIGNED', msk(15, '11:00')))],
      [msk(15, '11:30'), () => moveTo(ids.e, 'ACCEPTED', msk(15, '11:30'))],
      [msk(15, '12:00'), async () => (ids.d = await putOrder('NEW', msk(15, '12:00')))],
      [msk(15, '12:40'), () => assign(ids.d, msk(15, '12:40'))],
      [msk(15, '21:30'), async () => (ids.c = await putOrder('NEW', msk(15, '21:30')))],
    ];
    const until = msk(16, '12:00').getTime();
    for (let at = msk(15, '09:00').getTime(), i = 0; at <= until; at += 5 * 60_000, i++) {
      while (events.length && events[0][0].getTime() <= at) await events.shift()?.[1]();
      const replica = i % 2 ? b : a;
      await tickAt(replica, UnassignedReminderJob, new Date(at));
      await tickAt(replica, UnacceptedReminderJob, new Date(at));
    }

    const unassigned = await mentions('reminder.unassigned');
    for (const chat of [TEST_ADMIN_ID, TEST_DISPATCHER_ID]) {
      expect(unassigned.of(ids.a, chat)).toEqual({ reminders: 2, digest: 1 });
      expect(unassigned.of(ids.b, chat)).toEqual({ reminders: 2, digest: 1 });
      // 21:45, then the 22:30 step held by quiet hours and sent at 08:00: still two.
      expect(unassigned.of(ids.c, chat)).toEqual({ reminders: 2, digest: 0 });
      expect(unassigned.of(ids.d, chat)).toEqual({ reminders: 1, digest: 0 });
      // 10:15 (a, b), 11:00 (a, b), 12:15 (d), 21:45 (c), 08:00 (c; a and b in the digest).
      expect(unassigned.runsOf(chat)).toEqual(['10:15', '11:00', '12:15', '21:45', '08:00']);
    }
    const unaccepted = await mentions('reminder.unaccepted');
    for (const chat of [master.workChatId, TEST_DISPATCHER_ID]) {
      expect(unaccepted.of(ids.e, chat)).toEqual({ reminders: 1, digest: 0 });
      expect(unaccepted.of(ids.f, chat)).toEqual({ reminders: 2, digest: 1 });
      expect(unaccepted.of(ids.d, chat)).toEqual({ reminders: 2, digest: 1 });
      expect(unaccepted.runsOf(chat)).toEqual(['11:15', '12:00', '12:55', '13:40', '08:00']);
    }
  });

  /** Assigns a NEW order to the spec's master at `at`. */
  async function assign(orderId: number, at: Date) {
    await a.dataSource
      .createQueryBuilder()
      .update(Order)
      .set({ masterId: master.id })
      .where('id = :id', { id: orderId })
      .execute();
    await moveTo(orderId, 'ASSIGNED', at);
  }

  /** How often each order was in a message of `kind` to each chat, and when each chat got one. */
  async function mentions(kind: string) {
    const rows = await a.dataSource
      .getRepository(Notification)
      .find({ where: { kind }, order: { id: 'ASC' } });
    const count = new Map<string, { reminders: number; digest: number }>();
    const runs = new Map<number, string[]>();
    for (const row of rows) {
      const chatId = Number(row.chatId);
      const payload = row.payload as Record<string, { orderId: number }[]>;
      const tally = (orderId: number, field: 'reminders' | 'digest') => {
        const key = `${orderId}:${chatId}`;
        const now = count.get(key) ?? { reminders: 0, digest: 0 };
        count.set(key, { ...now, [field]: now[field] + 1 });
      };
      for (const line of payload.orders) tally(line.orderId, 'reminders');
      for (const line of payload.stillWaiting) tally(line.orderId, 'digest');
      // The dedup key names the run: `<kind>:<tick ISO>:<chat>`.
      const tick = new Date(row.dedupKey.slice(kind.length + 1, kind.length + 25));
      const local = tick.toLocaleTimeString('ru-RU', {
        timeZone: 'Europe/Moscow',
        hour: '2-digit',
        minute: '2-digit',
      });
      runs.set(chatId, [...(runs.get(chatId) ?? []), local]);
    }
    return {
      of: (orderId: number, chatId: number) =>
        count.get(`${orderId}:${chatId}`) ?? { reminders: 0, digest: 0 },
      runsOf: (chatId: number) => runs.get(chatId) ?? [],
    };
  }

  it('SLA watch: admins, once per order per status, with a hint', async () => {
    const id = await putOrder('ASSIGNED', msk(15, '08:30'));
    await tickAt(a, SlaWatchJob, msk(15, '12:29'));
    expect(await sent('reminder.sla')).toEqual([]);
    await tickAt(a, SlaWatchJob, msk(15, '12:30'));
    await tickAt(b, SlaWatchJob, msk(15, '13:00'));
    const alerts = await sent('reminder.sla');
    expect(alerts).toEqual([
      {
        chatId: TEST_ADMIN_ID,
        payload: expect.objectContaining({
          orderId: id,
          status: 'ASSIGNED',
          minutes: 240,
          limitMinutes: 240,
          hint: expect.any(String),
        }),
      },
    ]);
    await moveTo(id, 'ACCEPTED', msk(15, '13:00'));
    await tickAt(a, SlaWatchJob, msk(15, '20:59'));
    expect(await sent('reminder.sla')).toHaveLength(1);
    await tickAt(a, SlaWatchJob, msk(15, '21:00'));
    const after = await sent('reminder.sla');
    expect(after).toHaveLength(2);
    expect(after[1].payload).toEqual(
      expect.objectContaining({ status: 'ACCEPTED', limitMinutes: 480 }),
    );
  });

  it("visit: 120 min before arrival to the master's group, once; held in quiet hours", async () => {
    const day = await putOrder('ACCEPTED', msk(15, '10:00'), { arrivalFrom: msk(15, '15:00') });
    const morning = await putOrder('ASSIGNED', msk(15, '18:00'), { arrivalFrom: msk(16, '09:00') });
    await tickAt(a, VisitReminderJob, msk(15, '12:55'));
    expect(await sent('reminder.visit')).toEqual([]);
    await tickAt(a, VisitReminderJob, msk(15, '13:00'));
    await tickAt(a, VisitReminderJob, msk(15, '13:05'));
    const first = await sent('reminder.visit');
    expect(first).toEqual([
      {
        chatId: master.workChatId,
        payload: expect.objectContaining({
          orderId: day,
          arrival: '15.01 15:00',
          minutesLeft: 120,
        }),
      },
    ]);
    // 07:00 is quiet: the 09:00 visit is announced at 08:00.
    await tickAt(a, VisitReminderJob, msk(16, '07:00'));
    expect(await sent('reminder.visit')).toHaveLength(1);
    await tickAt(a, VisitReminderJob, msk(16, '08:00'));
    await tickAt(b, VisitReminderJob, msk(16, '08:05'));
    const all = await sent('reminder.visit');
    expect(all).toHaveLength(2);
    expect(all[1].payload).toEqual(
      expect.objectContaining({ orderId: morning, arrival: '16.01 09:00', minutesLeft: 60 }),
    );
  });

  it("two replicas on one database run a tick's job once", async () => {
    let runs = 0;
    const job: ScheduledJob = {
      name: 'spec.count',
      run: async () => {
        runs += 1;
        await new Promise((resolve) => setTimeout(resolve, 50));
      },
    };
    for (const [i, at] of [msk(15, '12:00'), msk(15, '12:05'), msk(15, '12:10')].entries()) {
      a.clock.at = at;
      b.clock.at = at;
      const results = await Promise.all([
        a.get(JobRunner).tick(job, 270_000),
        b.get(JobRunner).tick(job, 270_000),
      ]);
      expect(results.sort()).toEqual(['ran', 'skipped']);
      expect(runs).toBe(i + 1);
    }
    const [row] = await a.dataSource.getRepository(JobRun).findBy({ name: 'spec.count' });
    expect(row).toEqual(expect.objectContaining({ lastOutcome: 'ok', lastError: null }));
    expect(row.lastStartedAt).toEqual(msk(15, '12:10'));
  });

  it('a failing job is recorded and the others still run', async () => {
    a.clock.at = msk(15, '12:00');
    const runner = a.get(JobRunner);
    const failing: ScheduledJob = {
      name: 'spec.failing',
      run: () => Promise.reject(new Error('boom')),
    };
    let ran = false;
    const fine: ScheduledJob = { name: 'spec.fine', run: async () => void (ran = true) };
    expect(await runner.tick(failing, 60_000)).toBe('failed');
    expect(await runner.tick(fine, 60_000)).toBe('ran');
    expect(ran).toBe(true);
    const runs = await runner.lastRuns();
    expect(runs.find((r) => r.name === 'spec.failing')).toEqual(
      expect.objectContaining({
        lastOutcome: 'failed',
        lastError: expect.stringContaining('boom'),
      }),
    );
    expect(runs.find((r) => r.name === 'spec.fine')).toEqual(
      expect.objectContaining({ lastOutcome: 'ok' }),
    );
    // The next tick of the failed job runs again.
    a.clock.at = msk(15, '12:05');
    expect(await runner.tick(failing, 60_000)).toBe('failed');
  });

  it('registers the reminder jobs and the intake drafts expiry as intervals', () => {
    const names = a.get(SchedulerRegistry).getIntervals();
    expect(names.sort()).toEqual(
      [
        'intake.expiry',
        'reminder.sla',
        'reminder.unaccepted',
        'reminder.unassigned',
        'reminder.visit',
      ].sort(),
    );
  });

  it('keeps what was announced', async () => {
    const id = await putOrder('NEW', msk(15, '11:00'));
    await tickAt(a, UnassignedReminderJob, msk(15, '12:00'));
    const rows = await a.dataSource.getRepository(OrderReminder).findBy({ orderId: In([id]) });
    expect(rows).toEqual([
      expect.objectContaining({
        kind: 'reminder.unassigned',
        ref: expect.stringMatching(/^NEW@\d+$/),
      }),
    ]);
    expect(await a.dataSource.getRepository(User).countBy({ telegramId: TEST_ADMIN_ID })).toBe(1);
  });
});
