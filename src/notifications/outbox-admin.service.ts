import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';
import { Notification } from './notification.entity';
import { Outbox, toEachChat } from './outbox';
import { OutboxPeople } from './outbox-people';

/** A notification that will not be delivered, as `/admin outbox` lists it. */
export interface FailedNotification {
  id: number;
  chatId: number;
  kind: string;
  orderId: number | null;
  attempts: number;
  reason: string | null;
  failedAt: Date;
}

export interface OutboxStats {
  /** Rows waiting or being sent. */
  depth: number;
  /** How long the oldest of them has waited; null when there is none. */
  oldestPendingAgeSeconds: number | null;
  failed: number;
}

const UNSETTLED = In(['pending', 'sending']);

/** What admins see of the outbox: its health, the failures, and an alert for each failure. */
@Injectable()
export class OutboxAdminService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly people: OutboxPeople,
  ) {}

  /** For `/admin outbox`: the latest failures first, each with Telegram's reason; a page of them. */
  failed(limit = 20, offset = 0): Promise<FailedNotification[]> {
    return this.db.run(async (tx) => {
      const rows = await tx.find(Notification, {
        // Webhook failures have their own list (`/admin webhooks`).
        where: { state: 'failed', channel: 'telegram' },
        order: { updatedAt: 'DESC', id: 'DESC' },
        skip: offset,
        take: limit,
      });
      return rows.map((row) => ({
        id: row.id,
        chatId: row.chatId,
        kind: row.kind,
        orderId: row.orderId,
        attempts: row.attempts,
        reason: row.lastError,
        failedAt: row.updatedAt,
      }));
    });
  }

  countFailed(): Promise<number> {
    return this.db.run((tx) => tx.countBy(Notification, { state: 'failed', channel: 'telegram' }));
  }

  stats(): Promise<OutboxStats> {
    return this.db.run(async (tx) => {
      const depth = await tx.countBy(Notification, { state: UNSETTLED });
      const failed = await tx.countBy(Notification, { state: 'failed' });
      const oldest = await tx.findOne(Notification, {
        where: { state: UNSETTLED },
        order: { id: 'ASC' },
      });
      const oldestPendingAgeSeconds = oldest
        ? Math.max(0, Math.round((Date.now() - oldest.createdAt.getTime()) / 1000))
        : null;
      return { depth, oldestPendingAgeSeconds, failed };
    });
  }

  /**
   * Tells every admin that `row` failed for good, in the transaction that marks it failed. An
   * admin with an alert still waiting gets no second one: during an outage the alerts would
   * otherwise pile up behind the failures they report; /admin outbox lists them all.
   */
  async alertFailed(tx: EntityManager, row: Notification, reason: string, attempts: number) {
    if (row.kind === 'outbox_failed') return;
    const admins = (await this.people.adminChats(tx)).filter((chatId) => chatId !== row.chatId);
    if (!admins.length) return;
    const waiting = new Set(
      (
        await tx.find(Notification, {
          where: { kind: 'outbox_failed', state: UNSETTLED, chatId: In(admins) },
          select: { id: true, chatId: true },
        })
      ).map((alert) => alert.chatId),
    );
    await this.outbox.enqueue(
      tx,
      toEachChat(
        admins.filter((chatId) => !waiting.has(chatId)),
        {
          kind: 'outbox_failed',
          payload: { notificationId: row.id, kind: row.kind, chatId: row.chatId, attempts, reason },
          key: `outbox_failed:${row.id}`,
        },
      ),
    );
  }
}
