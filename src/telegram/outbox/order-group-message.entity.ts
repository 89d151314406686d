import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TelegramIdColumn, UpdatedAtColumn } from '../../database/columns';

export type GroupCardState = 'active' | 'withdrawn';

/** Where an order's card lives in a work group, so it can be edited in place or withdrawn. */
@Entity('order_group_messages')
@Index(['orderId', 'chatId'], { unique: true })
export class OrderGroupMessage {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  orderId: number;

  // Named, not imported: the card's row goes with its order, but this module reads orders
  // through the orders module (the foreign key is all the relation is for).
  @ManyToOne('Order', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id' })
  order?: unknown;

  @TelegramIdColumn()
  chatId: number;

  @Column({ type: 'integer' })
  messageId: number;

  @Column({ type: 'varchar', length: 10, default: 'active' })
  state: GroupCardState;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
