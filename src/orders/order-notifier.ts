import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Outbox, OutboxMessage } from '../notifications/outbox';
import type { ActorWithRights } from '../users/actor';
import { MasterRepository } from '../users/master.repository';
import { UserRepository } from '../users/user.repository';
import { UsersService } from '../users/users.service';
import { WebhookOutbox } from '../webhooks/webhook-outbox';
import { orderMoney, orderSnapshot } from './order-snapshot';
import type { OrderAction } from './order-state-machine';
import type { Order } from './order.entity';

/** The private notifications of docs/product.md §7, per use case. */
const PRIVATE_EVENTS: Partial<
  Record<OrderAction | 'create', 'dispatcher' | 'dispatcher_and_admins' | 'dispatchers' | 'master'>
> = {
  accept: 'dispatcher',
  on_site: 'dispatcher',
  reschedule: 'dispatcher',
  long_repair: 'dispatcher',
  master_cancel: 'dispatcher',
  client_refused: 'dispatcher',
  complete: 'dispatcher_and_admins',
  restore: 'dispatchers',
  client_waiting: 'master',
};

/** The events other systems subscribe to (docs/api.md), per use case. */
const WEBHOOK_EVENTS: Partial<Record<OrderAction | 'create', string>> = {
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
const GROUP_EVENTS: Partial<Record<OrderAction, string>> = {
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
    private readonly webhooks: WebhookOutbox,
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

  /** Other systems' copy of the event, through the outbox's webhook channel. */
  private async publish(tx: EntityManager, event: OrderEvent): Promise<void> {
    const type = WEBHOOK_EVENTS[event.action];
    if (!type) return;
    const { order } = event;
    await this.webhooks.publish(tx, {
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
    let chatIds: number[];
    if (action === 'create') {
      chatIds = (await this.users.chatIdsWithRole(tx, ['ADMIN', 'DISPATCHER'])).filter(
        (id) => id !== event.actor.telegramId,
      );
    } else {
      const audience = PRIVATE_EVENTS[action];
      if (!audience) return [];
      chatIds = await this.audienceChatIds(tx, audience, order);
    }
    const kind = action === 'create' ? 'order_created' : `order_${action}`;
    return unique(chatIds).map((chatId) => this.message(kind, chatId, event));
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
    audience: NonNullable<(typeof PRIVATE_EVENTS)[OrderAction]>,
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

  private message(kind: string, chatId: number, event: OrderEvent): OutboxMessage {
    const { order, actor } = event;
    return {
      chatId,
      kind,
      orderId: order.id,
      // The version makes the key unique per change and stable if the same change is retried.
      dedupKey: `${kind}:${order.id}:v${order.version}:${chatId}`,
      payload: {
        orderId: order.id,
        status: order.status,
        version: order.version,
        actorName: actor.name,
        onBehalfOfMaster: event.onBehalfOfMaster ?? false,
        ...(event.details ?? {}),
      },
    };
  }
}

const unique = (ids: number[]) => [...new Set(ids)];
