import { Injectable } from '@nestjs/common';
import { SCHEDULER_TEMPLATES } from '../texts/ru/scheduler';
import { ConfigService } from '@nestjs/config';
import { EntityManager, In } from 'typeorm';
import type { Environment } from '../config/environment';
import { ORDER_STATUSES, OrderStatus } from '../orders/order-status';
import { OrderStatusHistory } from '../orders/order-status-history.entity';
import { Order } from '../orders/order.entity';
import { formatArrival, formatIsoDate } from '../telegram/cards/order-times';
import { CardMessage, withdrawnCard, workGroupCard } from '../telegram/cards/work-group-card';
import { MoneyFacts, notificationTexts as t, OrderFacts } from '../texts/ru/notifications';
import { intakeTexts } from '../texts/ru/intake';
import { displayName } from '../users/users.service';
import type { Notification } from './notification.entity';
import { OrderGroupMessage } from './order-group-message.entity';
import { OutboxAttachment } from './outbox-attachment.entity';
import { DEFERRED_CALL_KIND } from './bot-api.gateway';

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

type Payload = Notification['payload'];

const text = (payload: Payload, key: string) =>
  typeof payload[key] === 'string' ? (payload[key] as string) : null;
const integer = (payload: Payload, key: string) =>
  typeof payload[key] === 'number' ? (payload[key] as number) : null;

/** Messages about an order to people (docs/product.md §7), by outbox kind (docs/domain.md). */
const ORDER_NOTICES: Record<string, (o: OrderFacts, p: Payload) => string> = {
  order_created: (o) => t.orderCreated(o),
  order_accept: (o) => t.accepted(o),
  order_on_site: (o) => t.onSite(o),
  order_reschedule: (o, p) => t.rescheduled(o, text(p, 'reason')),
  order_long_repair: (o, p) => {
    const expectedDate = text(p, 'expectedDate');
    return t.longRepair(o, {
      expectedDate: expectedDate && formatIsoDate(expectedDate),
      parts: text(p, 'parts'),
      preliminaryKopecks: integer(p, 'preliminaryKopecks'),
      prepaymentKopecks: integer(p, 'prepaymentKopecks'),
    });
  },
  order_master_cancel: (o, p) => t.masterCancelled(o, text(p, 'reason')),
  order_client_refused: (o, p) => t.clientRefused(o, text(p, 'reason')),
  order_complete: (o, p) => t.completed(o, moneyOf(p)),
  order_restore: (o) => t.restored(o),
  order_client_waiting: (o, p) => t.clientWaiting(o, text(p, 'clientPhone') ?? o.clientPhone),
  client_waiting: (o, p) => t.clientWaiting(o, text(p, 'clientPhone') ?? o.clientPhone),
  order_cancelled: (o, p) => t.cancelled(o, text(p, 'reason')),
  order_edited: (o, p) => t.edited(o, text(p, 'field')),
  acted_on_behalf: (o, p) => t.actedOnBehalf(o, statusOf(p)),
};

/** Messages to one person, not about an order. */
const PERSON_NOTICES: Record<string, (p: Payload) => string> = {
  // The scheduler's reminders carry everything they show in the payload.
  ...(SCHEDULER_TEMPLATES as unknown as Record<string, (p: Payload) => string>),
  master_added: () => t.masterAdded(),
  intake_draft_expired: (p) => intakeTexts.expiredNotice(integer(p, 'draftId') ?? 0),
  master_deactivated: () => t.masterDeactivated(),
  master_fired: () => t.masterFired(),
  outbox_failed: (p) =>
    t.outboxFailed({
      notificationId: integer(p, 'notificationId') ?? 0,
      kind: text(p, 'kind') ?? '?',
      chatId: integer(p, 'chatId') ?? 0,
      attempts: integer(p, 'attempts') ?? 0,
      reason: text(p, 'reason') ?? '?',
    }),
};

/** A stored file sent as a document; the payload is `{ attachmentId }` (see `Outbox.attach`). */
export const DOCUMENT_KIND = 'document';

const CARD_KINDS = new Set(['group_card_post', 'group_card_update', 'group_card_withdraw']);

/**
 * Turns an outbox row into what to send, at send time: order facts and the card come from the
 * order as it is now, so a late message never shows stale data; the payload keeps what only
 * the event knew (a reason, money figures, who acted).
 */
@Injectable()
export class NotificationRenderer {
  private readonly zone: string;

  constructor(config: ConfigService<Environment, true>) {
    this.zone = config.get('TZ', { infer: true });
  }

  async plan(tx: EntityManager, row: Notification): Promise<DeliveryPlan> {
    if (row.kind === DOCUMENT_KIND) return this.documentPlan(tx, row.payload);
    if (row.kind === DEFERRED_CALL_KIND) return deferredCallPlan(row.payload);
    const person = PERSON_NOTICES[row.kind];
    if (person) return { kind: 'message', message: { text: person(row.payload) } };
    const notice = ORDER_NOTICES[row.kind];
    if (!notice && !CARD_KINDS.has(row.kind)) {
      return { kind: 'fail', reason: `no template for "${row.kind}"` };
    }
    const order = row.orderId ? await this.orderOf(tx, row.orderId) : null;
    if (!order) return { kind: 'skip', reason: `order ${row.orderId ?? '?'} not found` };
    if (notice)
      return { kind: 'message', message: { text: notice(this.factsOf(order, row), row.payload) } };
    return this.cardPlan(tx, row, order);
  }

  private async documentPlan(tx: EntityManager, payload: Payload): Promise<DeliveryPlan> {
    const attachmentId = integer(payload, 'attachmentId');
    const file =
      attachmentId === null ? null : await tx.findOneBy(OutboxAttachment, { id: attachmentId });
    return file
      ? { kind: 'document', fileName: file.fileName, content: file.content }
      : { kind: 'skip', reason: `attachment ${attachmentId ?? '?'} not found` };
  }

  private async cardPlan(
    tx: EntityManager,
    row: Notification,
    order: Order,
  ): Promise<DeliveryPlan> {
    const card = await tx.findOneBy(OrderGroupMessage, { orderId: order.id, chatId: row.chatId });
    const activeMessageId = card?.state === 'active' ? card.messageId : null;
    const withdraw = row.kind === 'group_card_withdraw' || order.deletedAt !== null;
    if (withdraw) {
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
      assignedAt: await this.assignedAt(tx, order.id),
      zone: this.zone,
      actedOnBehalfBy:
        row.payload.onBehalfOfMaster === true ? text(row.payload, 'actorName') : null,
    });
    return { kind: 'card', orderId: order.id, mode: 'show', message, activeMessageId };
  }

  private orderOf(tx: EntityManager, orderId: number): Promise<Order | null> {
    return tx.findOne(Order, {
      where: { id: orderId },
      relations: { master: { user: true } },
      withDeleted: true,
    });
  }

  private async assignedAt(tx: EntityManager, orderId: number): Promise<Date | null> {
    const assignment = await tx.findOne(OrderStatusHistory, {
      where: { orderId, action: In(['assign', 'reassign']) },
      order: { id: 'DESC' },
    });
    return assignment?.createdAt ?? null;
  }

  private factsOf(order: Order, row: Notification): OrderFacts {
    return {
      orderId: order.id,
      equipmentType: order.equipmentType,
      problem: order.problem,
      clientName: order.clientName,
      clientAddress: order.clientAddress,
      clientPhone: order.clientPhone,
      arrival: formatArrival(order, this.zone),
      masterName: order.master?.user ? displayName(order.master.user) : null,
      actorName: text(row.payload, 'actorName') ?? '—',
      onBehalfOfMaster: row.payload.onBehalfOfMaster === true,
    };
  }
}

function statusOf(p: Payload): OrderStatus | null {
  const status = text(p, 'status');
  return status && (ORDER_STATUSES as readonly string[]).includes(status)
    ? (status as OrderStatus)
    : null;
}

function moneyOf(p: Payload): MoneyFacts {
  return {
    totalKopecks: integer(p, 'totalKopecks') ?? 0,
    materialsKopecks: integer(p, 'materialsKopecks') ?? 0,
    netKopecks: integer(p, 'netKopecks') ?? 0,
    masterShareKopecks: integer(p, 'masterShareKopecks') ?? 0,
    companyShareKopecks: integer(p, 'companyShareKopecks') ?? 0,
    reviewTaken: p.reviewTaken === true,
    outOfCity: p.outOfCity === true,
  };
}

function deferredCallPlan(payload: Payload): DeliveryPlan {
  const method = text(payload, 'method');
  const params = payload.params;
  return method && params && typeof params === 'object'
    ? { kind: 'call', method, params: params as Record<string, unknown> }
    : { kind: 'fail', reason: 'a deferred call without its method or parameters' };
}
