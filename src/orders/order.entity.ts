import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import {
  CreatedAtColumn,
  DeletedAtColumn,
  InstantColumn,
  KopecksColumn,
  UpdatedAtColumn,
} from '../database/columns';
import { Master } from '../users/master.entity';
import { User } from '../users/user.entity';
import type { OrderStatus } from './order-status';

/** A repair order (docs/product.md §2.1). `id` is the number users see as `#N`. */
@Entity('orders')
@Index(['status'])
@Index(['masterId', 'status'])
@Index(['clientPhone'])
@Index(['createdAt'])
@Index(['closedAt'])
@Index(['dispatcherId'])
@Index(['creationKey'], { unique: true })
// A status page newest first (the REST API's list): PostgreSQL's (status) index keeps no order.
@Index(['status', 'id'])
export class Order {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 100 })
  equipmentType: string;

  @Column({ type: 'text' })
  problem: string;

  @Column({ type: 'varchar', length: 200 })
  clientName: string;

  @Column({ type: 'text' })
  clientAddress: string;

  /**
   * The address as space-padded search tokens (`addressTokens`), for the address search:
   * FTS5 on SQLite, a pg_trgm GIN index on PostgreSQL (created by migration, hence not synced).
   */
  @Column({ type: 'text', default: '' })
  @Index('IDX_orders_search_address_trgm', { synchronize: false })
  searchAddress: string;

  /** Normalized `+7XXXXXXXXXX`, so a search typed in any format matches. */
  @Column({ type: 'varchar', length: 16 })
  clientPhone: string;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /**
   * The creation dialog's draft id: a confirm delivered again after a crash finds the order
   * it already created instead of creating a second one. Null for orders made elsewhere.
   */
  @Column({ type: 'varchar', length: 64, nullable: true })
  creationKey: string | null;

  /** What the dispatcher typed, kept verbatim (may be an instruction, not a time). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  arrivalText: string | null;

  /** The parsed arrival time or the start of the parsed interval. */
  @InstantColumn({ nullable: true })
  arrivalFrom: Date | null;

  @InstantColumn({ nullable: true })
  arrivalTo: Date | null;

  @Column({ type: 'varchar', length: 10 })
  status: OrderStatus;

  @Column({ type: 'integer', nullable: true })
  masterId: number | null;

  @ManyToOne(() => Master, { nullable: true })
  @JoinColumn({ name: 'master_id' })
  master?: Master | null;

  /** The dispatcher (or admin) who created the order. */
  @Column({ type: 'integer', nullable: true })
  dispatcherId: number | null;

  @ManyToOne(() => User, { nullable: true })
  @JoinColumn({ name: 'dispatcher_id' })
  dispatcher?: User | null;

  @KopecksColumn({ nullable: true })
  totalKopecks: number | null;

  @KopecksColumn({ nullable: true })
  materialsKopecks: number | null;

  @KopecksColumn({ nullable: true })
  netKopecks: number | null;

  @KopecksColumn({ nullable: true })
  masterShareKopecks: number | null;

  @KopecksColumn({ nullable: true })
  companyShareKopecks: number | null;

  @Column({ type: 'boolean', nullable: true })
  reviewTaken: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  outOfCity: boolean | null;

  /** Long repair (DR): expected completion as a calendar date `YYYY-MM-DD`. */
  @Column({ type: 'date', nullable: true })
  drExpectedDate: string | null;

  @Column({ type: 'text', nullable: true })
  drParts: string | null;

  @KopecksColumn({ nullable: true })
  drPreliminaryKopecks: number | null;

  @KopecksColumn({ nullable: true })
  drPrepaymentKopecks: number | null;

  @Column({ type: 'integer', default: 0 })
  rescheduleCount: number;

  @InstantColumn({ nullable: true })
  rescheduledAt: Date | null;

  @Column({ type: 'text', nullable: true })
  rescheduleReason: string | null;

  /** Why the order was refused or cancelled. */
  @Column({ type: 'text', nullable: true })
  refusalReason: string | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @InstantColumn({ nullable: true })
  closedAt: Date | null;

  @DeletedAtColumn()
  deletedAt: Date | null;

  /** Optimistic concurrency: every change is `WHERE id = ? AND status = ? AND version = ?`. */
  @Column({ type: 'integer', default: 1 })
  version: number;
}
