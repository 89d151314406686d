import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Outbox, OutboxMessage } from '../notifications/outbox';
import type {
  NoticeEvents,
  OrderNoticeKind,
  WebhookEventType,
} from '../notifications/outbox-events';
import type { ActorWithRights } from '../users/actor';
import { MasterRepository } from '../users/master.repository';
import { UserRepository } from '../users/user.repository';
import { UsersService } from '../users/users.service';
import { OrderEventPublisher } from './order-event-publisher';
import { orderMoney, orderSnapshot } from './order-snapshot';
import type { OrderAction } from './order-state-machine';
import type { Order } from './order.entity';

type Audience = 'dispatcher' | 'dispatcher_and_admins' | 'dispatchers' | 'master';

/** The private notifications of docs/product.md §7, per use case (a new order: see below). */
const PRIVATE_EVENTS: Partial<Record<OrderAction, { kind: OrderNoticeKind; audience: Audience }>> =
  {
    accept: { kind: 'order_accept', audience: 'dispatcher' },
    on_site: { kind: 'order_on_site', audience: 'dispatcher' },
    reschedule: { kind: 'order_reschedule', audience: 'dispatcher' },
    long_repair: { kind: 'order_long_repair', audience: 'dispatcher' },
    master_cancel: { kind: 'order_master_cancel', audience: 'dispatcher' },
    client_refused: { kind: 'order_client_refused', audience: 'dispatcher' },
    complete: { kind: 'order_complete', audience: 'dispatcher_and_admins' },
    restore: { kind: 'order_restore', audience: 'dispatchers' },
    client_waiting: { kind: 'order_client_waiting', audience: 'master' },
  };

/** The events other systems subscribe to (docs/api.md), per use case. */
const WEBHOOK_EVENTS: Partial<Record<OrderAction | 'create', WebhookEventType>> = {
  create: 'order.created',
  assign: 'order.assigned',
  reassign: 'order.assigned',
  accept: 'order.accepted',
  on_site: 'order.on_site',
  long_repair: 'order.long_repair',
  complete: 'order.closed',
  cancel: 'order.cancelled',
  client_refused: 'order.refused',
};

/** Group messages to the assigned master's work group, besides the card itself. */
const GROUP_EVENTS: Partial<Record<OrderAction, OrderNoticeKind>> = {
  cancel: 'order_cancelled',
  client_waiting: 'client_waiting',
  edit: 'order_edited',
};

export interface OrderEvent {
  action: OrderAction | 'create';
  /** The order after the change. */
  order: Order;
  /** The master before the change, when it differs (reassign, unassign, master cancel). */
  previousMasterId?: number | null;
  actor: ActorWithRights;
  onBehalfOfMaster?: boolean;
  details?: Record<string, unknown>;
}

/**
 * Turns an order change into outbox rows in the same transaction: private messages, the
 * work-group card (posted, updated in place, withdrawn), and group notices.
 */
@Injectable()
export class OrderNotifier {
  constructor(
    private readonly outbox: Outbox,
    private readonly users: UsersService,
    private readonly publisher: OrderEventPublisher,
    private readonly masters: MasterRepository,
    private readonly people: UserRepository,
  ) {}

  async notify(tx: EntityManager, event: OrderEvent): Promise<void> {
    const messages = [
      ...(await this.privateMessages(tx, event)),
      ...(await this.groupMessages(tx, event)),
    ];
    await this.outbox.enqueue(tx, messages);
    await this.publish(tx, event);
  }

  /** Other systems' copy of the event (the webhooks' subscriptions). */
  private async publish(tx: EntityManager, event: OrderEvent): Promise<void> {
    const type = WEBHOOK_EVENTS[event.action];
    if (!type) return;
    const { order } = event;
    await this.publisher.publish(tx, {
      type,
      key: `${order.id}:v${order.version}`,
      orderId: order.id,
      data: {
        order: orderSnapshot(order),
        ...(type === 'order.closed' ? { money: orderMoney(order) } : {}),
        actor: { name: event.actor.name, onBehalfOfMaster: event.onBehalfOfMaster ?? false },
      },
    });
  }

  private async privateMessages(tx: EntityManager, event: OrderEvent): Promise<OutboxMessage[]> {
    const { order, action } = event;
    if (action === 'create') {
      const staff = await this.users.chatIdsWithRole(tx, ['ADMIN', 'DISPATCHER']);
      return unique(staff.filter((id) => id !== event.actor.telegramId)).map((chatId) =>
        this.message('order_created', chatId, event),
      );
    }
    const notice = PRIVATE_EVENTS[action];
    if (!notice) return [];
    const chatIds = await this.audienceChatIds(tx, notice.audience, order);
    return unique(chatIds).map((chatId) => this.message(notice.kind, chatId, event));
  }

  private async groupMessages(tx: EntityManager, event: OrderEvent): Promise<OutboxMessage[]> {
    const { order, action } = event;
    const messages: OutboxMessage[] = [];
    const previous = event.previousMasterId ?? null;
    if (previous !== null && previous !== order.masterId) {
      const oldGroup = await this.masters.workChatOf(tx, previous);
      if (oldGroup) messages.push(this.message('group_card_withdraw', oldGroup, event));
    }
    const group =
      order.masterId !== null ? await this.masters.workChatOf(tx, order.masterId) : null;
    if (!group) return messages;

    const posted = action === 'assign' || (action === 'reassign' && previous !== order.masterId);
    messages.push(this.message(posted ? 'group_card_post' : 'group_card_update', group, event));
    const notice = GROUP_EVENTS[action as OrderAction];
    if (notice) messages.push(this.message(notice, group, event));
    if (event.onBehalfOfMaster) messages.push(this.message('acted_on_behalf', group, event));
    return messages;
  }

  private async audienceChatIds(
    tx: EntityManager,
    audience: Audience,
    order: Order,
  ): Promise<number[]> {
    if (audience === 'master') {
      const chat = order.masterId ? await this.masters.privateChatOf(tx, order.masterId) : null;
      return chat === null ? [] : [chat];
    }
    if (audience === 'dispatchers') return this.users.chatIdsWithRole(tx, ['DISPATCHER']);
    const dispatcher = order.dispatcherId
      ? await this.people.reachableChatOf(tx, order.dispatcherId)
      : null;
    const dispatchers =
      dispatcher !== null ? [dispatcher] : await this.users.chatIdsWithRole(tx, ['DISPATCHER']);
    if (audience === 'dispatcher') return dispatchers;
    return [...dispatchers, ...(await this.users.chatIdsWithRole(tx, ['ADMIN']))];
  }

  private message(kind: OrderNoticeKind, chatId: number, event: OrderEvent): OutboxMessage {
    const { order, actor } = event;
    // Every order kind carries the change; the use case's details add what only it knew
    // (a reason, the money split…), under the names that kind's payload declares.
    const payload: NoticeEvents[OrderNoticeKind] = {
      orderId: order.id,
      status: order.status,
      version: order.version,
      actorName: actor.name,
      onBehalfOfMaster: event.onBehalfOfMaster ?? false,
      ...event.details,
    };
    return {
      chatId,
      kind,
      orderId: order.id,
      // The version makes the key unique per change and stable if the same change is retried.
      dedupKey: `${kind}:${order.id}:v${order.version}:${chatId}`,
      payload,
    };
  }
}

const unique = (ids: number[]) => [...new Set(ids)];
