import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { ACTIVE_STATUSES } from './order-status';
import { Order } from './order.entity';

// Other modules name the shape; only this module reads and writes the rows.
export type { Order } from './order.entity';

/** The reads of `orders` other modules need, in the caller's transaction. */
@Injectable()
export class OrderRepository {
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
}
