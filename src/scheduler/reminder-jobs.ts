import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DateTime } from 'luxon';
import { EntityManager, In } from 'typeorm';
import { BusinessConfig } from '../config/business-config';
import type { Environment } from '../config/environment';
import { TransactionRunner } from '../database/transaction-runner';
import { Outbox, OutboxMessage, toEachChat } from '../notifications/outbox';
import { OrderStatusHistory } from '../orders/order-status-history.entity';
import { Order } from '../orders/order.entity';
import type { OrderStatus } from '../orders/order-status';
import { SLA_HINTS } from '../texts/ru/scheduler';
import { Master } from '../users/master.entity';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import type { ScheduledJob } from './job-runner';
import { OrderReminder } from './order-reminder.entity';
import { isQuietTime } from './quiet-hours';
import { unassignedReminderParts } from './reminder-parts';

const MINUTE = 60_000;
const minutesBetween = (from: Date, to: Date) =>
  Math.floor((to.getTime() - from.getTime()) / MINUTE);

/** Shared plumbing of the reminder jobs: quiet hours, "in status since", announcement records. */
@Injectable()
export class ReminderContext {
  constructor(
    readonly business: BusinessConfig,
    private readonly config: ConfigService<Environment, true>,
    readonly tx: TransactionRunner,
    readonly outbox: Outbox,
    readonly users: UsersService,
  ) {}

  get zone(): string {
    return this.config.get('TZ', { infer: true });
  }

  quiet(now: Date): boolean {
    return isQuietTime(now, this.business.quietHours, this.zone);
  }

  /** Orders in `statuses` with the moment each entered its current status. */
  async inStatus(tx: EntityManager, statuses: OrderStatus[]) {
    const orders = await tx.find(Order, { where: { status: In(statuses) }, order: { id: 'ASC' } });
    if (!orders.length) return [];
    const history = await tx.find(OrderStatusHistory, {
      where: { orderId: In(orders.map((o) => o.id)) },
      order: { id: 'ASC' },
    });
    // The latest entry into each status wins (rows come oldest first).
    const since = new Map<string, Date>();
    for (const row of history) since.set(`${row.orderId}:${row.toStatus}`, row.createdAt);
    return orders.map((order) => ({
      order,
      since: since.get(`${order.id}:${order.status}`) ?? order.createdAt,
    }));
  }

  /**
   * Orders in `status` for at least `afterMinutes`, with what job `kind` last announced about
   * each: the common start of the unassigned and unaccepted reminders.
   */
  async waitingLonger(
    tx: EntityManager,
    kind: string,
    status: OrderStatus,
    afterMinutes: number,
    now: Date,
  ) {
    const waiting = (await this.inStatus(tx, [status])).filter(
      ({ since }) => now.getTime() - since.getTime() >= afterMinutes * MINUTE,
    );
    const announced = await this.announced(
      tx,
      kind,
      waiting.map((w) => w.order.id),
    );
    return { waiting, announced };
  }

  async announced(tx: EntityManager, kind: string, orderIds: number[]) {
    if (!orderIds.length) return new Map<number, OrderReminder>();
    const rows = await tx.find(OrderReminder, { where: { kind, orderId: In(orderIds) } });
    return new Map(rows.map((row) => [row.orderId, row]));
  }

  async record(
    tx: EntityManager,
    kind: string,
    items: { orderId: number; ref: string | null }[],
    now: Date,
  ) {
    if (!items.length) return;
    await tx.delete(OrderReminder, { kind, orderId: In(items.map((i) => i.orderId)) });
    await tx.insert(
      OrderReminder,
      items.map((i) => ({ orderId: i.orderId, kind, ref: i.ref, sentAt: now })),
    );
  }

  /** Due again when never announced about `ref`, or announced at least `repeat` minutes ago. */
  due(row: OrderReminder | undefined, ref: string, now: Date): boolean {
    if (!row || row.ref !== ref) return true;
    return (
      now.getTime() - row.sentAt.getTime() >=
      this.business.reminders.repeatNotMoreOftenThanMinutes * MINUTE
    );
  }

  async dispatcherChat(tx: EntityManager, userId: number | null): Promise<number | null> {
    if (userId === null) return null;
    const user = await tx.findOneBy(User, { id: userId });
    return user && !user.blockedBot ? user.telegramId : null;
  }

  async workChat(tx: EntityManager, masterId: number | null): Promise<number | null> {
    if (masterId === null) return null;
    return (await tx.findOneBy(Master, { id: masterId }))?.workChatId ?? null;
  }
}

const lineOf = (order: Order, since: Date, now: Date) => ({
  orderId: order.id,
  equipmentType: order.equipmentType,
  clientAddress: order.clientAddress,
  minutes: minutesBetween(since, now),
});

/** NEW orders waiting longer than `unassignedAfterMinutes` → admins and dispatchers, one list. */
@Injectable()
export class UnassignedReminderJob implements ScheduledJob {
  readonly name = 'reminder.unassigned';
  constructor(private readonly ctx: ReminderContext) {}

  async run(now: Date): Promise<void> {
    if (this.ctx.quiet(now)) return;
    const after = this.ctx.business.reminders.unassignedAfterMinutes;
    await this.ctx.tx.run(async (tx) => {
      const { waiting, announced } = await this.ctx.waitingLonger(tx, this.name, 'NEW', after, now);
      const due = waiting.filter(({ order }) => this.ctx.due(announced.get(order.id), 'NEW', now));
      if (!due.length) return;
      const chats = await this.ctx.users.chatIdsWithRole(tx, ['ADMIN', 'DISPATCHER']);
      const orders = due.map(({ order, since }) => lineOf(order, since, now));
      // A long list goes out in several messages, each part under its own key.
      await this.ctx.outbox.enqueue(
        tx,
        unassignedReminderParts(orders).flatMap((payload, part) =>
          toEachChat(chats, {
            kind: this.name,
            payload,
            key: `${this.name}:${now.toISOString()}:${part}`,
          }),
        ),
      );
      await this.ctx.record(
        tx,
        this.name,
        due.map(({ order }) => ({ orderId: order.id, ref: 'NEW' })),
        now,
      );
    });
  }
}

/** ASSIGNED orders not accepted within `unacceptedAfterMinutes` → the master's group and the dispatcher. */
@Injectable()
export class UnacceptedReminderJob implements ScheduledJob {
  readonly name = 'reminder.unaccepted';
  constructor(private readonly ctx: ReminderContext) {}

  async run(now: Date): Promise<void> {
    if (this.ctx.quiet(now)) return;
    const after = this.ctx.business.reminders.unacceptedAfterMinutes;
    await this.ctx.tx.run(async (tx) => {
      const { waiting, announced } = await this.ctx.waitingLonger(
        tx,
        this.name,
        'ASSIGNED',
        after,
        now,
      );
      const messages: OutboxMessage[] = [];
      const sent: { orderId: number; ref: string }[] = [];
      for (const { order, since } of waiting) {
        const ref = `master:${order.masterId}`;
        if (!this.ctx.due(announced.get(order.id), ref, now)) continue;
        const chats = [
          await this.ctx.workChat(tx, order.masterId),
          await this.ctx.dispatcherChat(tx, order.dispatcherId),
        ].filter((chat): chat is number => chat !== null);
        messages.push(
          ...toEachChat(chats, {
            kind: this.name,
            payload: lineOf(order, since, now),
            key: `${this.name}:${order.id}:${now.toISOString()}`,
            orderId: order.id,
          }),
        );
        sent.push({ orderId: order.id, ref });
      }
      await this.ctx.outbox.enqueue(tx, messages);
      await this.ctx.record(tx, this.name, sent, now);
    });
  }
}

const SLA_STATUSES = ['NEW', 'ASSIGNED', 'ACCEPTED', 'ONSITE'] as const;

/** Orders longer than `slaMinutes[status]` in a status → admins, once per order per status. */
@Injectable()
export class SlaWatchJob implements ScheduledJob {
  readonly name = 'reminder.sla';
  constructor(private readonly ctx: ReminderContext) {}

  async run(now: Date): Promise<void> {
    if (this.ctx.quiet(now)) return;
    const limits = this.ctx.business.slaMinutes;
    await this.ctx.tx.run(async (tx) => {
      const late = (await this.ctx.inStatus(tx, [...SLA_STATUSES])).filter(
        ({ order, since }) =>
          now.getTime() - since.getTime() >=
          limits[order.status as (typeof SLA_STATUSES)[number]] * MINUTE,
      );
      const announced = await this.ctx.announced(
        tx,
        this.name,
        late.map((l) => l.order.id),
      );
      // Once per order per status: a row about the same status (and the same entry) is final.
      const due = late.filter(
        ({ order, since }) => announced.get(order.id)?.ref !== refOf(order.status, since),
      );
      if (!due.length) return;
      const admins = await this.ctx.users.chatIdsWithRole(tx, ['ADMIN']);
      const messages: OutboxMessage[] = [];
      for (const { order, since } of due) {
        const payload = {
          orderId: order.id,
          status: order.status,
          minutes: minutesBetween(since, now),
          limitMinutes: limits[order.status as (typeof SLA_STATUSES)[number]],
          hint: SLA_HINTS[order.status],
        };
        const key = `${this.name}:${order.id}:${refOf(order.status, since)}`;
        messages.push(...toEachChat(admins, { kind: this.name, payload, key, orderId: order.id }));
      }
      await this.ctx.outbox.enqueue(tx, messages);
      await this.ctx.record(
        tx,
        this.name,
        due.map(({ order, since }) => ({ orderId: order.id, ref: refOf(order.status, since) })),
        now,
      );
    });
  }
}

const refOf = (status: string, since: Date) => `${status}@${Math.floor(since.getTime() / 1000)}`;

/** `visitReminderBeforeMinutes` before the parsed arrival → the master's work group, once. */
@Injectable()
export class VisitReminderJob implements ScheduledJob {
  readonly name = 'reminder.visit';
  constructor(private readonly ctx: ReminderContext) {}

  async run(now: Date): Promise<void> {
    if (this.ctx.quiet(now)) return;
    const before = this.ctx.business.reminders.visitReminderBeforeMinutes * MINUTE;
    await this.ctx.tx.run(async (tx) => {
      const soon = (await this.ctx.inStatus(tx, ['ASSIGNED', 'ACCEPTED'])).filter(
        ({ order }) =>
          order.arrivalFrom !== null &&
          order.arrivalFrom.getTime() > now.getTime() &&
          order.arrivalFrom.getTime() - now.getTime() <= before,
      );
      const announced = await this.ctx.announced(
        tx,
        this.name,
        soon.map((s) => s.order.id),
      );
      const messages: OutboxMessage[] = [];
      const sent: { orderId: number; ref: string }[] = [];
      for (const { order } of soon) {
        const at = order.arrivalFrom as Date;
        const ref = at.toISOString();
        if (announced.get(order.id)?.ref === ref) continue;
        sent.push({ orderId: order.id, ref });
        const chatId = await this.ctx.workChat(tx, order.masterId);
        if (chatId === null) continue;
        messages.push({
          chatId,
          kind: this.name,
          orderId: order.id,
          dedupKey: `${this.name}:${order.id}:${ref}:${chatId}`,
          payload: {
            orderId: order.id,
            equipmentType: order.equipmentType,
            clientAddress: order.clientAddress,
            arrival: DateTime.fromJSDate(at, { zone: this.ctx.zone }).toFormat('dd.LL HH:mm'),
            minutesLeft: Math.ceil((at.getTime() - now.getTime()) / MINUTE),
          },
        });
      }
      await this.ctx.outbox.enqueue(tx, messages);
      await this.ctx.record(tx, this.name, sent, now);
    });
  }
}
