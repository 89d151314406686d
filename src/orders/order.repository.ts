import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import type { MasterLoads } from '../users/master-loads';
import { ACTIVE_STATUSES, OrderStatus } from './order-status';
import { OrderStatusHistory } from './order-status-history.entity';
import { Order } from './order.entity';

// Other modules name the shape; only this module reads and writes the rows.
export type { Order } from './order.entity';

/**
 * The orders that count, for the reports' grouped reads: from the entity, so TypeORM adds
 * `deleted_at IS NULL` and soft-deleted orders never count. The caller selects and groups.
 */
export const liveOrders = (db: DataSource | EntityManager): SelectQueryBuilder<Order> =>
  db.createQueryBuilder().from(Order, 'o');

/** The reads of `orders` other modules need, in the caller's transaction. */
@Injectable()
export class OrderRepository implements MasterLoads {
  /** How many active orders a master holds (IDX_orders_master_id_status). */
  countActiveOfMaster(tx: EntityManager, masterId: number): Promise<number> {
    return tx.countBy(Order, { masterId, status: In([...ACTIVE_STATUSES]) });
  }

  /** Active orders per master, for everyone holding any. */
  async activeCountsByMaster(tx: EntityManager): Promise<Map<number, number>> {
    const rows = await tx
      .createQueryBuilder(Order, 'o')
      .select('o.master_id', 'masterId')
      .addSelect('COUNT(*)', 'count')
      .where('o.status IN (:...statuses)', { statuses: ACTIVE_STATUSES })
      .andWhere('o.master_id IS NOT NULL')
      .groupBy('o.master_id')
      .getRawMany<{ masterId: number; count: string | number }>();
    return new Map(rows.map((row) => [Number(row.masterId), Number(row.count)]));
  }

  countByStatus(db: EntityManager, status: OrderStatus): Promise<number> {
    return db.countBy(Order, { status });
  }

  /** Orders of one status, newest first, `take` after `skip` (IDX_orders_status). */
  pageByStatus(db: EntityManager, status: OrderStatus, skip: number, take: number) {
    return db.find(Order, { where: { status }, order: { id: 'DESC' }, skip, take });
  }

  /**
   * Orders in `statuses`, oldest first, each with the moment it entered its current status
   * (its latest entry there; its creation when the history has none): what reminders watch.
   */
  async inStatusSince(tx: EntityManager, statuses: OrderStatus[]) {
    const orders = await tx.find(Order, { where: { status: In(statuses) }, order: { id: 'ASC' } });
    if (!orders.length) return [];
    const history = await tx.find(OrderStatusHistory, {
      where: { orderId: In(orders.map((o) => o.id)) },
      order: { id: 'ASC' },
    });
    // The latest entry into each status wins (rows come oldest first).
    const since = new Map<string, Date>();
    for (const row of history) since.set(`${row.orderId}:${row.toStatus}`, row.createdAt);
    return orders.map((order) => ({
      order,
      since: since.get(`${order.id}:${order.status}`) ?? order.createdAt,
    }));
  }

  /** The newest history id now (0 when there is none): it grows with every change. */
  async latestChangeId(db: EntityManager): Promise<number> {
    const row = await db
      .getRepository(OrderStatusHistory)
      .createQueryBuilder('h')
      .select('MAX(h.id)', 'id')
      .getRawOne<{ id: number | string | null }>();
    return Number(row?.id ?? 0);
  }

  /** Orders created in [from, to) (bounds in the columns' own format): id and instant only. */
  createdBetween(db: EntityManager, bounds: InstantBounds) {
    return this.query(db)
      .select(['o.id', 'o.createdAt'])
      .where('o.created_at >= :from AND o.created_at < :to', bounds)
      .getMany();
  }

  /** Orders closed in [from, to): id, instant and total only. */
  closedBetween(db: EntityManager, bounds: InstantBounds) {
    return this.query(db)
      .select(['o.id', 'o.closedAt', 'o.totalKopecks'])
      .where("o.status = 'CLOSED'")
      .andWhere('o.closed_at >= :from AND o.closed_at < :to', bounds)
      .getMany();
  }

  /** Each master's and the company's sum of shares of the orders closed in [from, to). */
  sharesBetween(db: EntityManager, bounds: InstantBounds) {
    return this.query(db)
      .select('o.master_id', 'masterId')
      .addSelect('SUM(o.master_share_kopecks)', 'master')
      .addSelect('SUM(o.company_share_kopecks)', 'company')
      .where("o.status = 'CLOSED'")
      .andWhere('o.closed_at >= :from AND o.closed_at < :to', bounds)
      .groupBy('o.master_id')
      .getRawMany<{ masterId: number | null; master: string | number; company: string | number }>();
  }

  private query(db: EntityManager): SelectQueryBuilder<Order> {
    return db.getRepository(Order).createQueryBuilder('o');
  }
}

/** A period's bounds as the instant columns store them (reports/sql-values.ts). */
export interface InstantBounds {
  from: string | Date;
  to: string | Date;
}
