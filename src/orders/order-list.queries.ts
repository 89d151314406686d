import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OrderStatus } from './order-status';
import { Order } from './order.entity';
import { OrderSearchService } from './order-search.service';
import { instantBound } from './order-statistics.service';

/** What a list of orders may be narrowed by; periods are half-open [from, to). */
export interface OrderFilter {
  statuses?: OrderStatus[];
  masterId?: number;
  dispatcherId?: number;
  equipmentType?: string;
  createdFrom?: Date;
  createdTo?: Date;
  closedFrom?: Date;
  closedTo?: Date;
  /** As typed into «🔍 Поиск заказов»: a phone, `#N` or address words. */
  text?: string;
}

export interface OrderCursorPage {
  orders: Order[];
  /** The id to continue after (newest first); null on the last page. */
  next: number | null;
}

/**
 * Filtered lists of orders, newest first, a page at a time by keyset (`id < cursor`): a page
 * deep into a million orders costs what the first one does (docs/benchmarks.md).
 */
@Injectable()
export class OrderListQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly search: OrderSearchService,
  ) {}

  async list(filter: OrderFilter, after: number | null, limit: number): Promise<OrderCursorPage> {
    const query = this.dataSource.getRepository(Order).createQueryBuilder('o');
    if (filter.text !== undefined && !(await this.search.narrow(query, filter.text))) {
      return { orders: [], next: null };
    }
    const sqlite = this.dataSource.options.type !== 'postgres';
    const at = (date?: Date) => (date ? instantBound(sqlite, date) : undefined);
    const where: [string, Record<string, unknown>][] = [
      ['o.status IN (:...statuses)', { statuses: filter.statuses }],
      ['o.master_id = :masterId', { masterId: filter.masterId }],
      ['o.dispatcher_id = :dispatcherId', { dispatcherId: filter.dispatcherId }],
      ['o.equipment_type = :equipmentType', { equipmentType: filter.equipmentType }],
      ['o.created_at >= :createdFrom', { createdFrom: at(filter.createdFrom) }],
      ['o.created_at < :createdTo', { createdTo: at(filter.createdTo) }],
      ['o.closed_at >= :closedFrom', { closedFrom: at(filter.closedFrom) }],
      ['o.closed_at < :closedTo', { closedTo: at(filter.closedTo) }],
      ['o.id < :after', { after: after ?? undefined }],
    ];
    for (const [condition, parameters] of where) {
      const value = Object.values(parameters)[0];
      if (value !== undefined) query.andWhere(condition, parameters);
    }
    const orders = await query
      .orderBy('o.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    const more = orders.length > limit;
    if (more) orders.pop();
    return { orders, next: more ? orders[orders.length - 1].id : null };
  }
}
