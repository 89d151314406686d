import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { pageWindow } from '../common/page-window';
import { searchAddressOf } from './order-search.service';
import { ACTIVE_STATUSES, ORDER_STATUSES, OrderStatus } from './order-status';
import { OrderStatusHistory } from './order-status-history.entity';
import { Order } from './order.entity';
import { UserRepository } from '../users/user.repository';

export const LIST_PAGE_SIZE = 10;

export interface OrderListPage {
  orders: Order[];
  page: number;
  pageCount: number;
  total: number;
}

/** One step of an order's history, as the order card summarises it. */
export interface OrderHistoryEntry {
  at: Date;
  /** The use case (`create`, `assign`, `master_cancel`…). */
  action: string;
  toStatus: OrderStatus;
  /** Who acted; `null` for the system. */
  actorName: string | null;
  reason: string | null;
}

export interface ClientHistory {
  orderCount: number;
  lastOrder: Order | null;
}

/** Reads for menus and cards; every change goes through `OrdersService`. */
@Injectable()
export class OrderQueriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly people: UserRepository,
  ) {}

  /** The order with its master and dispatcher, for the order card. */
  findCard(orderId: number): Promise<Order | null> {
    return this.orders().findOne({
      where: { id: orderId },
      relations: { master: { user: true }, dispatcher: true },
    });
  }

  /**
   * «📋 Все заявки»: the count per status for the filter buttons, from the counters the
   * triggers keep (migration AddOrderStatusCounts): one row per status, whatever the orders.
   */
  async countsByStatus(): Promise<Record<OrderStatus, number>> {
    const rows = (await this.dataSource.query(
      'SELECT "status", "live" FROM "order_status_counts"',
    )) as { status: OrderStatus; live: string | number }[];
    const counts = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<
      OrderStatus,
      number
    >;
    for (const row of rows) if (row.status in counts) counts[row.status] = Number(row.live);
    return counts;
  }

  /** One page of a status filter, newest first (served by IDX_orders_status). */
  async listByStatus(
    status: OrderStatus,
    page = 0,
    pageSize = LIST_PAGE_SIZE,
  ): Promise<OrderListPage> {
    const total = (await this.countsByStatus())[status];
    const window = pageWindow(page, total, pageSize);
    const orders = await this.orders().find({
      where: { status },
      order: { id: 'DESC' },
      skip: window.offset,
      take: pageSize,
    });
    return { orders, page: window.page, pageCount: window.pageCount, total };
  }

  /** Step 5 of creation: is this client known? (IDX_orders_client_phone) */
  async clientHistory(normalizedPhone: string): Promise<ClientHistory> {
    const [orders, orderCount] = await this.orders().findAndCount({
      where: { clientPhone: normalizedPhone },
      order: { id: 'DESC' },
      take: 1,
    });
    return { orderCount, lastOrder: orders[0] ?? null };
  }

  /** A paste about an order already being worked on: warned about before a second is made. */
  findActiveDuplicate(normalizedPhone: string, address: string): Promise<number | null> {
    return activeDuplicateOf(this.dataSource.manager, normalizedPhone, address);
  }

  /** «📋 Мои заявки»: the master's active orders (IDX_orders_master_id_status). */
  findActiveByMaster(masterId: number): Promise<Order[]> {
    return this.orders().find({
      where: { masterId, status: In([...ACTIVE_STATUSES]) },
      order: { id: 'DESC' },
    });
  }

  /** The order's history, oldest first, with who acted: the card's summary (docs/product.md §3.3). */
  async historyOf(orderId: number): Promise<OrderHistoryEntry[]> {
    const rows = await this.dataSource
      .getRepository(OrderStatusHistory)
      .find({ where: { orderId }, order: { id: 'ASC' } });
    const names = await this.people.namesOf(
      this.dataSource.manager,
      rows.map((row) => row.actorUserId),
    );
    return rows.map((row) => ({
      at: row.createdAt,
      action: row.action,
      toStatus: row.toStatus,
      actorName: row.actorUserId === null ? null : (names.get(row.actorUserId) ?? null),
      reason: row.reason,
    }));
  }

  private orders() {
    return this.dataSource.getRepository(Order);
  }
}

/**
 * The newest active order with the same normalized phone and the same address, compared as
 * search tokens (so «ул. Ленина 5» and «Ленина ул. д. 5» match); served by
 * IDX_orders_client_phone, the address compared on the few orders of that phone.
 */
export async function activeDuplicateOf(
  manager: EntityManager,
  normalizedPhone: string,
  address: string,
): Promise<number | null> {
  const wanted = searchAddressOf(address);
  const candidates = await manager.find(Order, {
    where: { clientPhone: normalizedPhone, status: In([...ACTIVE_STATUSES]) },
    order: { id: 'DESC' },
    take: 20,
  });
  return candidates.find((order) => searchAddressOf(order.clientAddress) === wanted)?.id ?? null;
}
