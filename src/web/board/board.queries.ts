import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { pageWindow } from '../../common/page-window';
import { OrderStatus } from '../../orders/order-status';
import { Order } from '../../orders/order.entity';
import { Master } from '../../users/master.entity';
import { displayName } from '../../users/users.service';

/** An order as a board card shows it. */
export interface BoardOrder {
  order: Order;
  masterName: string | null;
}

export interface BoardPage {
  orders: BoardOrder[];
  total: number;
  page: number;
  pageCount: number;
}

/** Reads for the board: newest first, with the master's name (one extra query per page). */
@Injectable()
export class BoardQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** One page of a status, served by IDX_orders_status. */
  async page(status: OrderStatus, page: number, pageSize: number): Promise<BoardPage> {
    const orders = this.dataSource.getRepository(Order);
    const total = await orders.countBy({ status });
    const window = pageWindow(page, total, pageSize);
    const found = await orders.find({
      where: { status },
      order: { id: 'DESC' },
      skip: window.offset,
      take: pageSize,
    });
    return { ...window, total, orders: await this.withMasters(found) };
  }

  /** Master names for orders found elsewhere (the search). */
  async withMasters(orders: Order[]): Promise<BoardOrder[]> {
    const ids = [...new Set(orders.map((o) => o.masterId).filter((id): id is number => !!id))];
    const masters = ids.length
      ? await this.dataSource
          .getRepository(Master)
          .find({ where: { id: In(ids) }, relations: { user: true } })
      : [];
    const names = new Map(masters.map((m) => [m.id, m.user ? displayName(m.user) : `#${m.id}`]));
    return orders.map((order) => ({
      order,
      masterName: order.masterId ? (names.get(order.masterId) ?? null) : null,
    }));
  }
}
