import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { ACTIVE_STATUSES, OrderStatus } from './order-status';
import { OrderStatusHistory } from './order-status-history.entity';
import { Order } from './order.entity';

/** A half-open interval of instants [from, to); callers compute it in the business time zone. */
export interface Period {
  from: Date;
  to: Date;
}

export interface MasterStatistics {
  active: number;
  longRepairs: number;
  closedTotal: number;
  closedInPeriod: number;
  earningsInPeriodKopecks: number;
  /** Closed ÷ (closed + client refusals + own cancellations), in %; null before any outcome. */
  completionRate: number | null;
  refusals: {
    action: 'client_refused' | 'master_cancel';
    reason: string | null;
    orderId: number;
    at: Date;
  }[];
}

export interface EquipmentTypeStatistics {
  equipmentType: string;
  orders: number;
  closed: number;
  netKopecks: number;
}

export interface PeriodSummary {
  created: number;
  closed: number;
  refused: number;
  totalKopecks: number;
  materialsKopecks: number;
  netKopecks: number;
  masterShareKopecks: number;
  companyShareKopecks: number;
}

/** Aggregates computed in the database (never by loading every order), for menus and reports. */
@Injectable()
export class OrderStatisticsService {
  constructor(private readonly dataSource: DataSource) {}

  async forMaster(masterId: number, period: Period): Promise<MasterStatistics> {
    const counts = await this.orders()
      .select(`SUM(CASE WHEN o.status IN (:...active) THEN 1 ELSE 0 END)`, 'active')
      .addSelect(`SUM(CASE WHEN o.status = 'DR' THEN 1 ELSE 0 END)`, 'longRepairs')
      .addSelect(`SUM(CASE WHEN o.status = 'CLOSED' THEN 1 ELSE 0 END)`, 'closedTotal')
      .addSelect(
        `SUM(CASE WHEN o.status = 'CLOSED' AND o.closed_at >= :from AND o.closed_at < :to THEN 1 ELSE 0 END)`,
        'closedInPeriod',
      )
      .addSelect(
        `SUM(CASE WHEN o.status = 'CLOSED' AND o.closed_at >= :from AND o.closed_at < :to THEN o.master_share_kopecks ELSE 0 END)`,
        'earnings',
      )
      .where('o.master_id = :masterId', {
        masterId,
        active: ACTIVE_STATUSES,
        ...this.bounds(period),
      })
      .getRawOne<Record<string, string | number | null>>();

    // Refusals and cancellations come from history: a cancelled order no longer has the master.
    const refusals = await this.dataSource
      .getRepository(OrderStatusHistory)
      .createQueryBuilder('h')
      .where('h.master_id = :masterId', { masterId })
      .andWhere('h.action IN (:...actions)', { actions: ['client_refused', 'master_cancel'] })
      .orderBy('h.id', 'DESC')
      .getMany();

    const closedTotal = num(counts?.closedTotal);
    const outcomes = closedTotal + refusals.length;
    return {
      active: num(counts?.active),
      longRepairs: num(counts?.longRepairs),
      closedTotal,
      closedInPeriod: num(counts?.closedInPeriod),
      earningsInPeriodKopecks: num(counts?.earnings),
      completionRate: outcomes ? Math.round((closedTotal / outcomes) * 100) : null,
      refusals: refusals.map((h) => ({
        action: h.action as 'client_refused' | 'master_cancel',
        reason: h.reason,
        orderId: h.orderId,
        at: h.createdAt,
      })),
    };
  }

  /** «👥 Мастера»: per master, active orders now and orders closed in the period (one query). */
  async countsByMaster(
    period: Period,
  ): Promise<Map<number, { active: number; closedInPeriod: number }>> {
    const rows = await this.orders()
      .select('o.master_id', 'masterId')
      .addSelect(`SUM(CASE WHEN o.status IN (:...active) THEN 1 ELSE 0 END)`, 'active')
      .addSelect(
        `SUM(CASE WHEN o.status = 'CLOSED' AND o.closed_at >= :from AND o.closed_at < :to THEN 1 ELSE 0 END)`,
        'closedInPeriod',
      )
      .where('o.master_id IS NOT NULL', { active: ACTIVE_STATUSES, ...this.bounds(period) })
      .groupBy('o.master_id')
      .getRawMany<Record<string, string | number | null>>();
    return new Map(
      rows.map((row) => [
        num(row.masterId),
        { active: num(row.active), closedInPeriod: num(row.closedInPeriod) },
      ]),
    );
  }

  /** Orders created in the period, by equipment type, most frequent first. */
  async byEquipmentType(period: Period): Promise<EquipmentTypeStatistics[]> {
    const rows = await this.createdIn(this.orders(), period)
      .select('o.equipment_type', 'equipmentType')
      .addSelect('COUNT(*)', 'orders')
      .addSelect(`SUM(CASE WHEN o.status = 'CLOSED' THEN 1 ELSE 0 END)`, 'closed')
      .addSelect('COALESCE(SUM(o.net_kopecks), 0)', 'net')
      .groupBy('o.equipment_type')
      .orderBy('orders', 'DESC')
      .getRawMany<Record<string, string | number>>();
    return rows.map((row) => ({
      equipmentType: String(row.equipmentType),
      orders: num(row.orders),
      closed: num(row.closed),
      netKopecks: num(row.net),
    }));
  }

  /** Orders created in the period, by current status. */
  async byStatus(period: Period): Promise<Partial<Record<OrderStatus, number>>> {
    const rows = await this.createdIn(this.orders(), period)
      .select('o.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .groupBy('o.status')
      .getRawMany<{ status: OrderStatus; count: string | number }>();
    return Object.fromEntries(rows.map((row) => [row.status, num(row.count)]));
  }

  /** Created in the period; closed, refused and money by the closing time in the period. */
  async summary(period: Period): Promise<PeriodSummary> {
    const created = await this.createdIn(this.orders(), period).getCount();
    const closedRow = await this.orders()
      .select(`SUM(CASE WHEN o.status = 'CLOSED' THEN 1 ELSE 0 END)`, 'closed')
      .addSelect(`SUM(CASE WHEN o.status = 'REFUSED' THEN 1 ELSE 0 END)`, 'refused')
      .addSelect('COALESCE(SUM(o.total_kopecks), 0)', 'total')
      .addSelect('COALESCE(SUM(o.materials_kopecks), 0)', 'materials')
      .addSelect('COALESCE(SUM(o.net_kopecks), 0)', 'net')
      .addSelect('COALESCE(SUM(o.master_share_kopecks), 0)', 'master')
      .addSelect('COALESCE(SUM(o.company_share_kopecks), 0)', 'company')
      .where('o.closed_at >= :from AND o.closed_at < :to', this.bounds(period))
      .getRawOne<Record<string, string | number | null>>();
    return {
      created,
      closed: num(closedRow?.closed),
      refused: num(closedRow?.refused),
      totalKopecks: num(closedRow?.total),
      materialsKopecks: num(closedRow?.materials),
      netKopecks: num(closedRow?.net),
      masterShareKopecks: num(closedRow?.master),
      companyShareKopecks: num(closedRow?.company),
    };
  }

  private orders() {
    return this.dataSource.getRepository(Order).createQueryBuilder('o');
  }

  private createdIn(query: SelectQueryBuilder<Order>, period: Period) {
    return query.where('o.created_at >= :from AND o.created_at < :to', this.bounds(period));
  }

  private bounds(period: Period) {
    const sqlite = this.dataSource.options.type !== 'postgres';
    return { from: instantBound(sqlite, period.from), to: instantBound(sqlite, period.to) };
  }
}

// Instants are compared in the column's own format: SQLite holds UTC text, with milliseconds
// from TypeORM and without from the `datetime('now')` default, so whole seconds drop them.
export const instantBound = (sqlite: boolean, date: Date): Date | string =>
  sqlite
    ? date
        .toISOString()
        .replace('T', ' ')
        .replace(/(\.000)?Z$/, '')
    : date;

/** SUM/COUNT come back as strings from pg and as numbers from SQLite; NULL for no rows. */
const num = (value: string | number | null | undefined) => Number(value ?? 0);
