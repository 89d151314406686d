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

  it('unassigned: fires after 15 min to admins and dispatchers, repeats at most every 30 min, stops once assigned', async () => {
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
    });

    // The other replica (as after a restart) does not repeat it within 30 minutes.
    await tickAt(b, UnassignedReminderJob, msk(15, '12:10'));
    await tickAt(a, UnassignedReminderJob, msk(15, '12:34'));
    expect(await sent('reminder.unassigned')).toHaveLength(2);

    await tickAt(a, UnassignedReminderJob, msk(15, '12:35'));
    expect(await sent('reminder.unassigned')).toHaveLength(4);

    await moveTo(id, 'ASSIGNED', msk(15, '12:36'));
    await tickAt(a, UnassignedReminderJob, msk(15, '13:10'));
    expect(await sent('reminder.unassigned')).toHaveLength(4);
  });

  it('unassigned: held during quiet hours across midnight, sent on the first tick after 08:00', async () => {
    const id = await putOrder('NEW', msk(15, '21:50'));
    for (const at of [msk(15, '22:05'), msk(16, '00:10'), msk(16, '07:55')])
      await tickAt(a, UnassignedReminderJob, at);
    expect(await sent('reminder.unassigned')).toEqual([]);
    await tickAt(a, UnassignedReminderJob, msk(16, '08:00'));
    const messages = await sent('reminder.unassigned');
    expect(messages).toHaveLength(2);
    expect(messages[0].payload).toEqual({
      orders: [expect.objectContaining({ orderId: id, minutes: 610 })],
    });
  });

  it("unaccepted: the master's group and the order's dispatcher, throttled, stops once accepted", async () => {
    const id = await putOrder('ASSIGNED', msk(15, '10:00'));
    await tickAt(a, UnacceptedReminderJob, msk(15, '10:14'));
    expect(await sent('reminder.unaccepted')).toEqual([]);
    await tickAt(a, UnacceptedReminderJob, msk(15, '10:15'));
    const first = await sent('reminder.unaccepted');
    expect(first.map((m) => m.chatId).sort()).toEqual(
      [master.workChatId, TEST_DISPATCHER_ID].sort(),
    );
    expect(first[0].payload).toEqual(expect.objectContaining({ orderId: id, minutes: 15 }));
    await tickAt(a, UnacceptedReminderJob, msk(15, '10:40'));
    expect(await sent('reminder.unaccepted')).toHaveLength(2);
    await tickAt(a, UnacceptedReminderJob, msk(15, '10:45'));
    expect(await sent('reminder.unaccepted')).toHaveLength(4);
    await moveTo(id, 'ACCEPTED', msk(15, '10:50'));
    await tickAt(a, UnacceptedReminderJob, msk(15, '11:30'));
    expect(await sent('reminder.unaccepted')).toHaveLength(4);
  });

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

  it('registers the reminder jobs as intervals', () => {
    const names = a.get(SchedulerRegistry).getIntervals();
    expect(names.sort()).toEqual(
      ['reminder.sla', 'reminder.unaccepted', 'reminder.unassigned', 'reminder.visit'].sort(),
    );
  });

  it('keeps what was announced', async () => {
    const id = await putOrder('NEW', msk(15, '11:00'));
    await tickAt(a, UnassignedReminderJob, msk(15, '12:00'));
    const rows = await a.dataSource.getRepository(OrderReminder).findBy({ orderId: In([id]) });
    expect(rows).toEqual([expect.objectContaining({ kind: 'reminder.unassigned', ref: 'NEW' })]);
    expect(await a.dataSource.getRepository(User).countBy({ telegramId: TEST_ADMIN_ID })).toBe(1);
  });
});
