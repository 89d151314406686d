import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TelegramIdColumn, UpdatedAtColumn } from '../database/columns';

/** Everyone who ever wrote to the bot or is named in ADMIN_IDS/DISPATCHER_IDS. */
@Entity('users')
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  @TelegramIdColumn({ unique: true })
  telegramId: number;

  @Column({ type: 'varchar', length: 100, nullable: true })
  firstName: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  lastName: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  username: string | null;

  /** Set when Telegram answers 403: the user blocked the bot; nothing is sent until they return. */
  @Column({ type: 'boolean', default: false })
  blockedBot: boolean;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
