import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DateTime } from 'luxon';
import { EntityManager, In } from 'typeorm';
import { BusinessConfig } from '../config/business-config';
import type { Environment } from '../config/environment';
import { TransactionRunner } from '../database/transaction-runner';
import { MessageFit } from '../notifications/message-fit';
import { Outbox, OutboxMessage, toEachChat } from '../notifications/outbox';
import { type Order, OrderRepository } from '../orders/order.repository';
import type { OrderStatus } from '../orders/order-status';
import type {
  ReminderOrderLine,
  SlaHint,
  WaitingReminderPayload,
} from '../notifications/outbox-events';
import { MasterRepository } from '../users/master.repository';
import { UserRepository } from '../users/user.repository';
import { UsersService } from '../users/users.service';
import type { ScheduledJob } from './job-runner';
import { OrderReminder } from './order-reminder.entity';
import { isQuietTime, lastMorning } from './quiet-hours';
import { announcementDue } from './reminder-escalation';
import { reminderParts } from './reminder-parts';

const MINUTE = 60_000;
const minutesBetween = (from: Date, to: Date) =>
  Math.floor((to.getTime() - from.getTime()) / MINUTE);

/** One stay of an order in a status: what a reminder was about. */
const refOf = (status: string, since: Date) => `${status}@${Math.floor(since.getTime() / 1000)}`;

/** Shared plumbing of the reminder jobs: quiet hours, "in status since", announcement records. */
@Injectable()
export class ReminderContext {
  constructor(
    readonly business: BusinessConfig,
    private readonly config: ConfigService<Environment, true>,
    readonly tx: TransactionRunner,
    readonly outbox: Outbox,
    readonly users: UsersService,
    readonly fit: MessageFit,
    readonly orders: OrderRepository,
    private readonly people: UserRepository,
    private readonly masters: MasterRepository,
  ) {}

  get zone(): string {
    return this.config.get('TZ', { infer: true });
  }

  quiet(now: Date): boolean {
    return isQuietTime(now, this.business.quietHours, this.zone);
  }

  /**
   * Orders in `status` that a run of job `kind` announces now, each as a `reminder` (the next
   * step of the escalation ladder) or for the morning `digest`: the start of the unassigned
   * and unaccepted reminders.
   */
  async waitingDue(tx: EntityManager, kind: string, status: OrderStatus, now: Date) {
    const waiting = await this.orders.inStatusSince(tx, [status]);
    const announced = await this.announced(
      tx,
      kind,
      waiting.map((w) => w.order.id),
    );
    const ladder = this.business.reminders.escalationMinutes;
    const morning = lastMorning(now, this.business.quietHours, this.zone);
    return waiting.flatMap(({ order, since }) => {
      const row = announced.get(order.id);
      // A row about an earlier stay in the status (before an unassignment, a reassignment…)
      // does not count: the ladder starts again.
      const lastAnnounced = row?.ref === refOf(order.status, since) ? row.sentAt : null;
      const announcement = announcementDue({ since, lastAnnounced }, now, ladder, morning);
      return announcement ? [{ order, since, announcement }] : [];
    });
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

  dispatcherChat(tx: EntityManager, userId: number | null): Promise<number | null> {
    return userId === null ? Promise.resolve(null) : this.people.reachableChatOf(tx, userId);
  }

  workChat(tx: EntityManager, masterId: number | null): Promise<number | null> {
    return masterId === null ? Promise.resolve(null) : this.masters.workChatOf(tx, masterId);
  }
}

const lineOf = (order: Order, since: Date, now: Date): ReminderOrderLine => ({
  orderId: order.id,
  equipmentType: order.equipmentType,
  clientAddress: order.clientAddress,
  minutes: minutesBetween(since, now),
});

type DueOrder = Awaited<ReturnType<ReminderContext['waitingDue']>>[number];

/**
 * Orders waiting in `status` → reminders up the escalation ladder, then the morning digest.
 * Each chat gets one message per run listing every order due for it: the reminders, and in
 * the morning the orders still waiting after the last step.
 */
@Injectable()
abstract class WaitingOrdersReminder implements ScheduledJob {
  abstract readonly name: 'reminder.unassigned' | 'reminder.unaccepted';
  protected abstract readonly status: OrderStatus;

  constructor(protected readonly ctx: ReminderContext) {}

  /** Each chat to tell, with the due orders it is told about. */
  protected abstract audience(tx: EntityManager, due: DueOrder[]): Promise<Map<number, DueOrder[]>>;

  async run(now: Date): Promise<void> {
    if (this.ctx.quiet(now)) return;
    await this.ctx.tx.run(async (tx) => {
      const due = await this.ctx.waitingDue(tx, this.name, this.status, now);
      if (!due.length) return;
      const audience = await this.audience(tx, due);
      const messages = [...audience].flatMap(([chatId, orders]) =>
        this.messagesTo(chatId, orders, now),
      );
      await this.ctx.outbox.enqueue(tx, messages);
      await this.ctx.record(
        tx,
        this.name,
        due.map(({ order, since }) => ({ orderId: order.id, ref: refOf(order.status, since) })),
        now,
      );
    });
  }

  /**
   * One message to a chat — the reminders of this run and, in the morning, the digest — or
   * several when the list is too long for one, each part under its own key.
   */
  private messagesTo(chatId: number, due: DueOrder[], now: Date): OutboxMessage[] {
    const lines = (announcement: DueOrder['announcement']) =>
      due
        .filter((item) => item.announcement === announcement)
        .map(({ order, since }) => lineOf(order, since, now));
    const payload: WaitingReminderPayload = {
      orders: lines('reminder'),
      stillWaiting: lines('digest'),
    };
    const fits = (part: WaitingReminderPayload) =>
      this.ctx.fit.fits({ kind: this.name, payload: part });
    return reminderParts(payload, fits).map((part, index) => ({
      chatId,
      kind: this.name,
      payload: part,
      dedupKey: `${this.name}:${now.toISOString()}:${chatId}${index ? `:${index}` : ''}`,
    }));
  }
}

/** NEW orders without a master → every admin and dispatcher, one list. */
@Injectable()
export class UnassignedReminderJob extends WaitingOrdersReminder {
  readonly name = 'reminder.unassigned';
  protected readonly status = 'NEW';

  protected async audience(tx: EntityManager, due: DueOrder[]) {
    const chats = await this.ctx.users.chatIdsWithRole(tx, ['ADMIN', 'DISPATCHER']);
    return new Map(chats.map((chatId) => [chatId, due]));
  }
}

/** ASSIGNED orders the master has not accepted → the master's group and the order's dispatcher. */
@Injectable()
export class UnacceptedReminderJob extends WaitingOrdersReminder {
  readonly name = 'reminder.unaccepted';
  protected readonly status = 'ASSIGNED';

  protected async audience(tx: EntityManager, due: DueOrder[]) {
    const byChat = new Map<number, DueOrder[]>();
    for (const item of due) {
      const chats = [
        await this.ctx.workChat(tx, item.order.masterId),
        await this.ctx.dispatcherChat(tx, item.order.dispatcherId),
      ];
      for (const chatId of new Set(chats)) {
        if (chatId !== null) byChat.set(chatId, [...(byChat.get(chatId) ?? []), item]);
      }
    }
    return byChat;
  }
}

/** The statuses the SLA watch covers, with what admins should do about an order late in one. */
const SLA_HINTS = {
  NEW: 'assign_master',
  ASSIGNED: 'call_master',
  ACCEPTED: 'ask_arrival',
  ONSITE: 'ask_outcome',
} as const satisfies Partial<Record<OrderStatus, SlaHint>>;

type SlaStatus = keyof typeof SLA_HINTS;
const SLA_STATUSES = Object.keys(SLA_HINTS) as SlaStatus[];

/** Orders longer than `slaMinutes[status]` in a status → admins, once per order per status. */
@Injectable()
export class SlaWatchJob implements ScheduledJob {
  readonly name = 'reminder.sla';
  constructor(private readonly ctx: ReminderContext) {}

  async run(now: Date): Promise<void> {
    if (this.ctx.quiet(now)) return;
    const limits = this.ctx.business.slaMinutes;
    await this.ctx.tx.run(async (tx) => {
      const late = (await this.ctx.orders.inStatusSince(tx, SLA_STATUSES)).filter(
        ({ order, since }) =>
          now.getTime() - since.getTime() >= limits[order.status as SlaStatus] * MINUTE,
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
          limitMinutes: limits[order.status as SlaStatus],
          hint: SLA_HINTS[order.status as SlaStatus],
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

/** `visitReminderBeforeMinutes` before the parsed arrival → the master's work group, once. */
@Injectable()
export class VisitReminderJob implements ScheduledJob {
  readonly name = 'reminder.visit';
  constructor(private readonly ctx: ReminderContext) {}

  async run(now: Date): Promise<void> {
    if (this.ctx.quiet(now)) return;
    const before = this.ctx.business.reminders.visitReminderBeforeMinutes * MINUTE;
    await this.ctx.tx.run(async (tx) => {
      const soon = (await this.ctx.orders.inStatusSince(tx, ['ASSIGNED', 'ACCEPTED'])).filter(
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
