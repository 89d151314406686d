import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import {
  CreatedAtColumn,
  InstantColumn,
  TelegramIdColumn,
  UpdatedAtColumn,
} from '../database/columns';
import { User } from './user.entity';

/** A field technician. Fired masters stay (with `firedAt`) so their history remains. */
@Entity('masters')
export class Master {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer', unique: true })
  userId: number;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 16 })
  phone: string;

  @Column({ type: 'varchar', length: 200 })
  specialization: string;

  @Column({ type: 'boolean', default: true })
  isActive: boolean;

  @Column({ type: 'boolean', default: false })
  isSenior: boolean;

  /** The master's Telegram work group; one group belongs to one master. */
  @TelegramIdColumn({ nullable: true, unique: true })
  workChatId: number | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  workChatTitle: string | null;

  @InstantColumn({ nullable: true })
  firedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
