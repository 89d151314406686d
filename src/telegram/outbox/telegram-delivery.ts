import { Injectable, OnModuleInit } from '@nestjs/common';
import { TelegramError } from 'telegraf';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '../../database/transaction-runner';
import { ChatReachability } from '../../notifications/chat-reachability';
import {
  Delivery,
  OutboxChannel,
  OutboxChannels,
  OutboxRow,
} from '../../notifications/outbox-channel';
import { OrderGroupMessage } from './order-group-message.entity';
import { DeliveryPlan, TelegramRenderer } from './telegram-renderer';
import { TelegramGateway } from './telegram.gateway';

type CardPlan = Extract<DeliveryPlan, { kind: 'card' }>;

// Telegram's answers to an edit that are not failures of the card (Bot API descriptions).
const NOT_MODIFIED = /message is not modified/i;
const MESSAGE_GONE = /message to edit not found|message can't be edited/i;

/**
 * The outbox's Telegram channel. Delivers one row: a message, or the work-group card's
 * lifecycle — posted, edited in place on every change, withdrawn — tracked per order and chat
 * in `order_group_messages`.
 */
@Injectable()
export class TelegramDelivery implements OutboxChannel, OnModuleInit {
  constructor(
    private readonly db: TransactionRunner,
    private readonly renderer: TelegramRenderer,
    private readonly reachability: ChatReachability,
    private readonly telegram: TelegramGateway,
    private readonly channels: OutboxChannels,
  ) {}

  onModuleInit(): void {
    this.channels.register('telegram', this);
  }

  async deliver(row: OutboxRow, signal: AbortSignal): Promise<Delivery> {
    const plan = await this.db.run(async (tx): Promise<DeliveryPlan> =>
      (await this.reachability.isBlocked(tx, row.chatId))
        ? { kind: 'skip', reason: 'the chat blocked the bot' }
        : this.renderer.plan(tx, row),
    );
    switch (plan.kind) {
      case 'skip':
        return { outcome: 'skipped', reason: plan.reason };
      case 'fail':
        return { outcome: 'failed', reason: plan.reason };
      case 'message': {
        const sent = await this.telegram.send(row.chatId, plan.message, signal);
        return { outcome: 'sent', messageId: sent.message_id };
      }
      case 'call': {
        const result = await this.telegram.replay(plan.method, plan.params, signal);
        return { outcome: 'sent', messageId: messageIdOf(result) };
      }
      case 'document': {
        const sent = await this.telegram.sendDocument(row.chatId, plan, signal);
        return { outcome: 'sent', messageId: sent.message_id };
      }
      case 'card':
        return plan.mode === 'show'
          ? this.showCard(row.chatId, plan, signal)
          : this.withdrawCard(row.chatId, plan, signal);
    }
  }

  private async showCard(chatId: number, plan: CardPlan, signal: AbortSignal): Promise<Delivery> {
    let messageId = plan.activeMessageId;
    if (messageId !== null) {
      const edited = await this.edit(chatId, messageId, plan, signal);
      // Deleted in the group by someone: the card is posted again, the group must show it.
      if (edited === 'gone') messageId = null;
    }
    if (messageId === null) {
      messageId = (await this.telegram.send(chatId, plan.message, signal)).message_id;
    }
    const posted = messageId;
    return {
      outcome: 'sent',
      messageId: posted,
      record: (tx) => this.recordCard(tx, plan.orderId, chatId, posted, 'active'),
    };
  }

  private async withdrawCard(
    chatId: number,
    plan: CardPlan,
    signal: AbortSignal,
  ): Promise<Delivery> {
    const messageId = plan.activeMessageId as number;
    // A card that is gone is as withdrawn as it gets.
    await this.edit(chatId, messageId, plan, signal);
    return {
      outcome: 'sent',
      messageId,
      record: (tx) => this.recordCard(tx, plan.orderId, chatId, messageId, 'withdrawn'),
    };
  }

  private async edit(
    chatId: number,
    messageId: number,
    plan: CardPlan,
    signal: AbortSignal,
  ): Promise<'edited' | 'gone'> {
    try {
      await this.telegram.edit(chatId, messageId, plan.message, signal);
      return 'edited';
    } catch (error) {
      if (!(error instanceof TelegramError) || error.code !== 400) throw error;
      // A retried edit that had already gone through: the card shows what it should.
      if (NOT_MODIFIED.test(error.description)) return 'edited';
      if (MESSAGE_GONE.test(error.description)) return 'gone';
      throw error;
    }
  }

  private async recordCard(
    tx: EntityManager,
    orderId: number,
    chatId: number,
    messageId: number,
    state: OrderGroupMessage['state'],
  ): Promise<void> {
    // Not `tx.upsert`: on SQLite TypeORM reads the generated id back after an upsert that
    // updated, and fails ("entity id is not set") when the connection has inserted nothing yet.
    await tx
      .createQueryBuilder()
      .insert()
      .into(OrderGroupMessage)
      .values({ orderId, chatId, messageId, state, updatedAt: new Date() })
      .orUpdate(['message_id', 'state', 'updated_at'], ['order_id', 'chat_id'])
      .updateEntity(false)
      .execute();
  }
}

const messageIdOf = (result: unknown): number | null =>
  typeof result === 'object' && result !== null && 'message_id' in result
    ? Number(result.message_id)
    : null;
