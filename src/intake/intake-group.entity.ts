import { Column, Entity } from 'typeorm';
import { CreatedAtColumn, TelegramIdPrimaryColumn } from '../database/columns';

/** A group whose members post orders as free text (docs/product.md §11); several may be bound. */
@Entity('intake_groups')
export class IntakeGroup {
  @TelegramIdPrimaryColumn()
  chatId: number;

  @Column({ type: 'varchar', length: 255 })
  title: string;

  @Column({ type: 'integer', nullable: true })
  boundByUserId: number | null;

  @CreatedAtColumn()
  createdAt: Date;
}
