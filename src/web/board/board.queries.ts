import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { pageWindow } from '../../common/page-window';
import { OrderStatus } from '../../orders/order-status';
import { type Order, OrderRepository } from '../../orders/order.repository';
import { MasterRepository } from '../../users/master.repository';

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
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrderRepository,
    private readonly masters: MasterRepository,
  ) {}

  /** One page of a status, served by IDX_orders_status. */
  async page(status: OrderStatus, page: number, pageSize: number): Promise<BoardPage> {
    const db = this.dataSource.manager;
    const total = await this.orders.countByStatus(db, status);
    const window = pageWindow(page, total, pageSize);
    const found = await this.orders.pageByStatus(db, status, window.offset, pageSize);
    return { ...window, total, orders: await this.withMasters(found) };
  }

  /** Master names for orders found elsewhere (the search). */
  async withMasters(orders: Order[]): Promise<BoardOrder[]> {
    const ids = [...new Set(orders.map((o) => o.masterId).filter((id): id is number => !!id))];
    const names = await this.masters.namesOf(this.dataSource.manager, ids);
    return orders.map((order) => ({
      order,
      masterName: order.masterId ? (names.get(order.masterId) ?? null) : null,
    }));
  }
}
