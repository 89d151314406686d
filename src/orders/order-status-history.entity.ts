import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns';
import { Order } from './order.entity';
import type { OrderStatus } from './order-status';

/** One row per transition, assign/unassign/DR included (docs/product.md §2.2). */
@Entity('order_status_history')
@Index(['orderId'])
@Index(['masterId', 'action'])
export class OrderStatusHistory {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  orderId: number;

  @ManyToOne(() => Order, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id' })
  order?: Order;

  /** The use case, e.g. `assign`, `master_cancel`, `complete`. */
  @Column({ type: 'varchar', length: 30 })
  action: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  fromStatus: OrderStatus | null;

  @Column({ type: 'varchar', length: 10 })
  toStatus: OrderStatus;

  /** The user who acted; null for the system. */
  @Column({ type: 'integer', nullable: true })
  actorUserId: number | null;

  /** The master the order belonged to at that moment, so a master's cancellations stay in their stats. */
  @Column({ type: 'integer', nullable: true })
  masterId: number | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @CreatedAtColumn()
  createdAt: Date;
}
