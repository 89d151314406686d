import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import {
  CreatedAtColumn,
  InstantColumn,
  TelegramIdColumn,
  UpdatedAtColumn,
} from '../database/columns';

export type NotificationState = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

/** Where a row goes: a Telegram chat, or a webhook subscription (`chatId` is then its id). */
export type OutboxChannelName = 'telegram' | 'webhook';

/**
 * The outbox: a message is stored in the transaction that causes it and delivered later by
 * the sender, so it survives restarts and Telegram outages (docs/notifications.md).
 */
@Entity('notifications')
@Index(['state', 'nextAttemptAt'])
@Index(['orderId'])
// The sender's per-chat order check looks up a chat's unsettled rows (outbox.claimer.ts).
@Index(['chatId', 'state'])
export class Notification {
  @PrimaryGeneratedColumn()
  id: number;

  /** The Telegram chat; for another channel, its own recipient id (see `channel`). */
  @TelegramIdColumn()
  chatId: number;

  @Column({ type: 'varchar', length: 20, default: 'telegram' })
  channel: OutboxChannelName;

  /** The event, e.g. `order_created`; picks the template. */
  @Column({ type: 'varchar', length: 50 })
  kind: string;

  @Column({ type: 'simple-json' })
  payload: Record<string, unknown>;

  /** A retry of the same event never produces a second message. */
  @Column({ type: 'varchar', length: 200, unique: true })
  dedupKey: string;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  state: NotificationState;

  /** Calls to Telegram, 429s excepted (Telegram only said "later"): the retry limit counts these. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @InstantColumn()
  nextAttemptAt: Date;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'integer', nullable: true })
  sentMessageId: number | null;

  @Column({ type: 'integer', nullable: true })
  orderId: number | null;

  @InstantColumn({ nullable: true })
  sentAt: Date | null;

  /** The sender holding the row while it is `sending`. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  claimedBy: string | null;

  /** A claim ends here, so rows held by a crashed sender become due again. */
  @InstantColumn({ nullable: true })
  claimedUntil: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
