import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EntityManager } from 'typeorm';
import type { Environment } from '../../config/environment';
import { Outbox } from '../../notifications/outbox';
import type { OutboxRow } from '../../notifications/outbox-channel';
import type {
  CompletedPayload,
  NoticeEvents,
  NoticeKind,
  OrderEventPayload,
} from '../../notifications/outbox-events';
import { assignedAt, orderAsNow } from '../../orders/order-notice.queries';
import { ORDER_STATUSES, OrderStatus } from '../../orders/order-status';
import { intakeTexts } from '../../texts/ru/intake';
import { MoneyFacts, notificationTexts as t, OrderFacts } from '../../texts/ru/notifications';
import { SCHEDULER_TEMPLATES } from '../../texts/ru/scheduler';
import { displayName } from '../../users/users.service';
import { formatArrival, formatIsoDate } from '../cards/order-times';
import {
  CardMessage,
  withdrawnCard,
  workGroupCard,
  WorkGroupCardInput,
} from '../cards/work-group-card';
import { OrderGroupMessage } from './order-group-message.entity';

/** What delivering a row takes. */
export type DeliveryPlan =
  | { kind: 'message'; message: CardMessage }
  | {
      kind: 'card';
      orderId: number;
      /** `show`: post the card or edit it in place; `withdraw`: turn it into a withdrawn card. */
      mode: 'show' | 'withdraw';
      message: CardMessage;
      /** The card already in the chat, if there is one that can still be edited. */
      activeMessageId: number | null;
    }
  /** A handler's call that Telegram kept refusing for a while, replayed as it was made. */
  | { kind: 'call'; method: string; params: Record<string, unknown> }
  /** A stored file (a scheduled report), sent as a document. */
  | { kind: 'document'; fileName: string; content: Buffer }
  | { kind: 'skip'; reason: string }
  /** A row no template can show: a bug to see in /admin outbox, not to retry. */
  | { kind: 'fail'; reason: string };

type Order = WorkGroupCardInput['order'];

/** A row being planned: the delivering transaction, the row, and the renderer's own reads. */
interface Planning {
  tx: EntityManager;
  row: OutboxRow;
  renderer: TelegramRenderer;
}

type Planner<P> = (payload: P, at: Planning) => Promise<DeliveryPlan>;

const message = (text: string): DeliveryPlan => ({ kind: 'message', message: { text } });

const orderGone = (row: OutboxRow): DeliveryPlan => ({
  kind: 'skip',
  reason: `order ${row.orderId ?? '?'} not found`,
});

/** A message to one person that its payload fills on its own. */
const toPerson =
  <P>(words: (payload: P) => string): Planner<P> =>
  (payload) =>
    Promise.resolve(message(words(payload)));

/** A message about an order, worded from the order as it is now (docs/product.md §7). */
const aboutOrder =
  <P extends OrderEventPayload>(words: (order: OrderFacts, payload: P) => string): Planner<P> =>
  async (payload, at) => {
    const order = await at.renderer.orderOf(at.tx, at.row);
    return order ? message(words(at.renderer.factsOf(order, payload), payload)) : orderGone(at.row);
  };

/** The work-group card's lifecycle: posted or edited in place, or withdrawn. */
const card =
  (mode: 'show' | 'withdraw'): Planner<OrderEventPayload> =>
  async (payload, at) => {
    const order = await at.renderer.orderOf(at.tx, at.row);
    return order ? at.renderer.cardPlan(at, order, payload, mode) : orderGone(at.row);
  };

/**
 * How Telegram shows each kind. Exhaustive on purpose: a kind added to `NoticeEvents` without
 * a line here does not compile.
 */
const PLANS: { [K in NoticeKind]: Planner<NoticeEvents[K]> } = {
  order_created: aboutOrder((o) => t.orderCreated(o)),
  order_accept: aboutOrder((o) => t.accepted(o)),
  order_on_site: aboutOrder((o) => t.onSite(o)),
  order_reschedule: aboutOrder((o, p) => t.rescheduled(o, p.reason ?? null)),
  order_long_repair: aboutOrder((o, p) =>
    t.longRepair(o, {
      expectedDate: p.expectedDate ? formatIsoDate(p.expectedDate) : null,
      parts: p.parts ?? null,
      preliminaryKopecks: p.preliminaryKopecks ?? null,
      prepaymentKopecks: p.prepaymentKopecks ?? null,
    }),
  ),
  order_master_cancel: aboutOrder((o, p) => t.masterCancelled(o, p.reason ?? null)),
  order_client_refused: aboutOrder((o, p) => t.clientRefused(o, p.reason ?? null)),
  order_complete: aboutOrder((o, p) => t.completed(o, moneyOf(p))),
  order_restore: aboutOrder((o) => t.restored(o)),
  order_client_waiting: aboutOrder((o, p) => t.clientWaiting(o, p.clientPhone ?? o.clientPhone)),
  client_waiting: aboutOrder((o, p) => t.clientWaiting(o, p.clientPhone ?? o.clientPhone)),
  order_cancelled: aboutOrder((o, p) => t.cancelled(o, p.reason ?? null)),
  order_edited: aboutOrder((o, p) => t.edited(o, p.field ?? null)),
  acted_on_behalf: aboutOrder((o, p) => t.actedOnBehalf(o, statusOf(p))),
  group_card_post: card('show'),
  group_card_update: card('show'),
  group_card_withdraw: card('withdraw'),
  // The scheduler's reminders and alerts carry everything they show in the payload.
  'reminder.unassigned': toPerson(SCHEDULER_TEMPLATES['reminder.unassigned']),
  'reminder.unaccepted': toPerson(SCHEDULER_TEMPLATES['reminder.unaccepted']),
  'reminder.sla': toPerson(SCHEDULER_TEMPLATES['reminder.sla']),
  'reminder.visit': toPerson(SCHEDULER_TEMPLATES['reminder.visit']),
  'report.text': toPerson(SCHEDULER_TEMPLATES['report.text']),
  'report.failed': toPerson(SCHEDULER_TEMPLATES['report.failed']),
  'backup.done': toPerson(SCHEDULER_TEMPLATES['backup.done']),
  'backup.failed': toPerson(SCHEDULER_TEMPLATES['backup.failed']),
  document: (p, at) => at.renderer.documentPlan(at.tx, p.attachmentId),
  'bot_api.call': (p) =>
    Promise.resolve(
      p.method && typeof p.method === 'string' && p.params && typeof p.params === 'object'
        ? { kind: 'call', method: p.method, params: p.params }
        : { kind: 'fail', reason: 'a deferred call without its method or parameters' },
    ),
  intake_draft_expired: toPerson((p) => intakeTexts.expiredNotice(p.draftId ?? 0)),
  master_added: toPerson(() => t.masterAdded()),
  master_deactivated: toPerson(() => t.masterDeactivated()),
  master_fired: toPerson(() => t.masterFired()),
  outbox_failed: toPerson((p) => t.outboxFailed(p)),
};

/**
 * Turns an outbox row into what to send, at send time: order facts and the card come from the
 * order as it is now, so a late message never shows stale data; the payload keeps what only
 * the event knew (a reason, money figures, who acted).
 */
@Injectable()
export class TelegramRenderer {
  private readonly zone: string;

  constructor(
    config: ConfigService<Environment, true>,
    private readonly outbox: Outbox,
  ) {
    this.zone = config.get('TZ', { infer: true });
  }

  plan(tx: EntityManager, row: OutboxRow): Promise<DeliveryPlan> {
    if (!Object.hasOwn(PLANS, row.kind)) {
      return Promise.resolve({ kind: 'fail', reason: `no template for "${row.kind}"` });
    }
    // A stored row holds the payload its kind was queued with (`Outbox.enqueue` is typed).
    const planner = PLANS[row.kind as NoticeKind] as Planner<unknown>;
    return planner(row.payload, { tx, row, renderer: this });
  }

  async documentPlan(tx: EntityManager, attachmentId: number): Promise<DeliveryPlan> {
    // Checked, not trusted: TypeORM drops an undefined condition and would find any file.
    const file = Number.isInteger(attachmentId)
      ? await this.outbox.attachment(tx, attachmentId)
      : null;
    return file
      ? { kind: 'document', fileName: file.fileName, content: file.content }
      : { kind: 'skip', reason: `attachment ${attachmentId ?? '?'} not found` };
  }

  orderOf(tx: EntityManager, row: OutboxRow): Promise<Order | null> {
    return row.orderId ? orderAsNow(tx, row.orderId) : Promise.resolve(null);
  }

  async cardPlan(
    { tx, row }: Planning,
    order: Order,
    payload: OrderEventPayload,
    mode: 'show' | 'withdraw',
  ): Promise<DeliveryPlan> {
    const placed = await tx.findOneBy(OrderGroupMessage, { orderId: order.id, chatId: row.chatId });
    const activeMessageId = placed?.state === 'active' ? placed.messageId : null;
    if (mode === 'withdraw' || order.deletedAt !== null) {
      return activeMessageId === null
        ? { kind: 'skip', reason: 'no card of this order in the chat' }
        : {
            kind: 'card',
            orderId: order.id,
            mode: 'withdraw',
            message: withdrawnCard(order.id),
            activeMessageId,
          };
    }
    // Overtaken by a reassignment or an unassignment: the card's withdrawal is queued after it.
    if (order.master?.workChatId !== row.chatId) {
      return { kind: 'skip', reason: 'the order is no longer assigned to this group' };
    }
    const message = workGroupCard({
      order,
      assignedAt: await assignedAt(tx, order.id),
      zone: this.zone,
      actedOnBehalfBy: payload.onBehalfOfMaster === true ? (payload.actorName ?? null) : null,
    });
    return { kind: 'card', orderId: order.id, mode: 'show', message, activeMessageId };
  }

  factsOf(order: Order, payload: OrderEventPayload): OrderFacts {
    return {
      orderId: order.id,
      equipmentType: order.equipmentType,
      problem: order.problem,
      clientName: order.clientName,
      clientAddress: order.clientAddress,
      clientPhone: order.clientPhone,
      arrival: formatArrival(order, this.zone),
      masterName: order.master?.user ? displayName(order.master.user) : null,
      actorName: payload.actorName ?? '—',
      onBehalfOfMaster: payload.onBehalfOfMaster === true,
    };
  }
}

function statusOf(p: OrderEventPayload): OrderStatus | null {
  return (ORDER_STATUSES as readonly string[]).includes(p.status)
    ? (p.status as OrderStatus)
    : null;
}

function moneyOf(p: CompletedPayload): MoneyFacts {
  return {
    totalKopecks: p.totalKopecks ?? 0,
    materialsKopecks: p.materialsKopecks ?? 0,
    netKopecks: p.netKopecks ?? 0,
    masterShareKopecks: p.masterShareKopecks ?? 0,
    companyShareKopecks: p.companyShareKopecks ?? 0,
    reviewTaken: p.reviewTaken === true,
    outOfCity: p.outOfCity === true,
  };
}
