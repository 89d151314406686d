import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { ACTIVE_STATUSES, OrderStatus } from '../orders/order-status';
import { type Order, liveOrders } from '../orders/order.repository';
import { displayName } from '../users/users.service';
import { countBy, CountOf } from './count-by';
import { keysetBatches } from './keyset';
import { instantOf, numberOf, RawRow } from './sql-values';

export interface ActiveOrderRow {
  id: number;
  status: OrderStatus;
  equipmentType: string;
  clientName: string;
  clientAddress: string;
  clientPhone: string;
  masterId: number | null;
  dispatcherName: string | null;
  arrivalFrom: Date | null;
  arrivalText: string | null;
  createdAt: Date;
}

/** Orders not yet closed or refused (docs/product.md §10 «📋 Активные заявки»). */
@Injectable()
export class ActiveOrderQueries {
  constructor(private readonly dataSource: DataSource) {}

  async count(): Promise<number> {
    const row = await this.active().select('COUNT(*)', 'orders').getRawOne<RawRow>();
    return numberOf(row?.orders);
  }

  byStatus(): Promise<CountOf<OrderStatus>[]> {
    return this.countBy('o.status', (value) => String(value) as OrderStatus);
  }

  byEquipmentType(): Promise<CountOf<string>[]> {
    return this.countBy('o.equipment_type', String);
  }

  byMaster(): Promise<CountOf<number | null>[]> {
    return this.countBy('o.master_id', (value) => (value === null ? null : numberOf(value)));
  }

  /** By number, in batches, with the dispatcher's name joined in (masters are few: see `MasterQueries`). */
  rows(): AsyncGenerator<ActiveOrderRow[]> {
    return keysetBatches(async (afterId, limit) => {
      const rows = await this.active()
        .leftJoin('users', 'd', 'd.id = o.dispatcher_id')
        .select('o.id', 'id')
        .addSelect('o.status', 'status')
        .addSelect('o.equipment_type', 'equipmentType')
        .addSelect('o.client_name', 'clientName')
        .addSelect('o.client_address', 'clientAddress')
        .addSelect('o.client_phone', 'clientPhone')
        .addSelect('o.master_id', 'masterId')
        .addSelect('o.arrival_from', 'arrivalFrom')
        .addSelect('o.arrival_text', 'arrivalText')
        .addSelect('o.created_at', 'createdAt')
        .addSelect('d.telegram_id', 'dispatcherTelegramId')
        .addSelect('d.first_name', 'dispatcherFirstName')
        .addSelect('d.last_name', 'dispatcherLastName')
        .addSelect('d.username', 'dispatcherUsername')
        .andWhere('o.id > :afterId', { afterId })
        .orderBy('o.id')
        .limit(limit)
        .getRawMany<RawRow>();
      return rows.map(activeOrderRow);
    });
  }

  private countBy<K>(column: string, keyOf: (value: RawRow[string]) => K) {
    return countBy(this.active(), column, keyOf);
  }

  private active(): SelectQueryBuilder<Order> {
    return liveOrders(this.dataSource).where('o.status IN (:...active)', {
      active: ACTIVE_STATUSES,
    });
  }
}

function activeOrderRow(row: RawRow): ActiveOrderRow {
  return {
    id: numberOf(row.id),
    status: String(row.status) as OrderStatus,
    equipmentType: String(row.equipmentType),
    clientName: String(row.clientName),
    clientAddress: String(row.clientAddress),
    clientPhone: String(row.clientPhone),
    masterId: row.masterId === null ? null : numberOf(row.masterId),
    dispatcherName:
      row.dispatcherTelegramId === null
        ? null
        : displayName({
            telegramId: numberOf(row.dispatcherTelegramId),
            firstName: row.dispatcherFirstName as string | null,
            lastName: row.dispatcherLastName as string | null,
            username: row.dispatcherUsername as string | null,
          }),
    arrivalFrom: instantOf(row.arrivalFrom),
    arrivalText: (row.arrivalText as string | null) ?? null,
    createdAt: instantOf(row.createdAt) as Date,
  };
}
