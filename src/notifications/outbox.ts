import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Notification, OutboxChannelName } from './notification.entity';
import { OutboxAttachment } from './outbox-attachment.entity';
import type { OutboxEvent } from './outbox-events';

/** Where an event goes and under which key. */
interface Addressing {
  /** A Telegram chat; for another `channel`, that channel's own recipient id. */
  chatId: number;
  /** Same event, same chat → same key: a retried use case never queues a second message. */
  dedupKey: string;
  orderId?: number | null;
}

/** A notification to deliver: a typed event (`kind` → `payload`) for one recipient. */
export type OutboxMessage = OutboxEvent & Addressing;

/**
 * One event for several chats. `dedup_key` is unique across the whole outbox, so each chat's
 * row gets `<key>:<chatId>`; a chat listed twice gets one row.
 */
export function toEachChat(
  chats: Iterable<number>,
  event: OutboxEvent & { key: string; orderId?: number | null },
): OutboxMessage[] {
  const { key, ...message } = event;
  return [...new Set(chats)].map((chatId) => ({
    ...message,
    chatId,
    dedupKey: `${key}:${chatId}`,
  }));
}

/** Domain services queue notifications here in their own transaction; the sender delivers them. */
@Injectable()
export class Outbox {
  async enqueue(tx: EntityManager, messages: OutboxMessage[]): Promise<void> {
    if (!messages.length) return;
    const now = new Date();
    await tx
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values(
        messages.map((message) => ({
          ...message,
          orderId: message.orderId ?? null,
          channel: message.channel ?? 'telegram',
          state: 'pending' as const,
          nextAttemptAt: now,
        })) as QueryDeepPartialEntity<Notification>[],
      )
      .orIgnore()
      // Nothing to read back; and on SQLite TypeORM fails to map ids when a row was ignored.
      .updateEntity(false)
      .execute();
  }

  /**
   * Stores a file for `document` messages (payload `{ attachmentId }`) and returns its id.
   * The same `key` is stored once: a job that runs again for the same report reuses it.
   */
  async attach(
    tx: EntityManager,
    file: { key: string; fileName: string; content: Buffer },
  ): Promise<number> {
    const existing = await tx.findOne(OutboxAttachment, {
      where: { key: file.key },
      select: { id: true },
    });
    if (existing) return existing.id;
    const { identifiers } = await tx.insert(OutboxAttachment, file);
    return Number(identifiers[0].id);
  }

  /** The file `attach` stored, for the channel that sends it; null once it is gone. */
  attachment(tx: EntityManager, id: number): Promise<{ fileName: string; content: Buffer } | null> {
    return tx.findOneBy(OutboxAttachment, { id });
  }

  /** Per recipient of `channel`: its rows waiting (pending or sending) and failed for good. */
  async countsByRecipient(
    tx: EntityManager,
    channel: OutboxChannelName,
  ): Promise<Map<number, { waiting: number; failed: number }>> {
    const rows = await tx
      .createQueryBuilder(Notification, 'n')
      .select('n.chat_id', 'id')
      .addSelect(`SUM(CASE WHEN n.state IN ('pending', 'sending') THEN 1 ELSE 0 END)`, 'waiting')
      .addSelect(`SUM(CASE WHEN n.state = 'failed' THEN 1 ELSE 0 END)`, 'failed')
      .where('n.channel = :channel', { channel })
      .groupBy('n.chat_id')
      .getRawMany<{ id: string | number; waiting: string | number; failed: string | number }>();
    return new Map(
      rows.map((row) => [
        Number(row.id),
        { waiting: Number(row.waiting), failed: Number(row.failed) },
      ]),
    );
  }

  /** The latest `take` rows of `channel` that failed for good, newest first. */
  latestFailures(tx: EntityManager, channel: OutboxChannelName, take: number) {
    return tx.find(Notification, {
      where: { channel, state: 'failed' },
      order: { id: 'DESC' },
      take,
    });
  }
}
