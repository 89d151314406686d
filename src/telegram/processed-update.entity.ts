import { Entity, Index } from 'typeorm';
import { CreatedAtColumn, TelegramIdPrimaryColumn } from '../database/columns';

/** Update ids already handled: Telegram may deliver one twice; it acts once. Pruned by age. */
@Entity('processed_updates')
@Index(['createdAt'])
export class ProcessedUpdate {
  @TelegramIdPrimaryColumn()
  updateId: number;

  @CreatedAtColumn()
  createdAt: Date;
}
