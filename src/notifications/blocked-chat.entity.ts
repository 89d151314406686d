import { Column, Entity } from 'typeorm';
import { InstantColumn, TelegramIdPrimaryColumn } from '../database/columns';

/**
 * A group that answered 403 (the bot was kicked or removed): nothing more is sent to it.
 * Private chats are marked on the user instead (`users.blocked_bot`).
 */
@Entity('blocked_chats')
export class BlockedChat {
  @TelegramIdPrimaryColumn()
  chatId: number;

  /** Telegram's description, e.g. "Forbidden: bot was kicked from the supergroup chat". */
  @Column({ type: 'text' })
  reason: string;

  @InstantColumn()
  blockedAt: Date;
}
