import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { type Order, liveOrders } from '../orders/order.repository';
import { keysetBatches } from './keyset';
import type { ReportPeriod } from './report-period';
import { flagOf, instantOf, instantParameter, numberOf, RawRow } from './sql-values';

/** Money of a set of closed orders, in kopecks. */
export interface MoneyTotals {
  orders: number;
  totalKopecks: number;
  materialsKopecks: number;
  netKopecks: number;
  masterShareKopecks: number;
  companyShareKopecks: number;
}

/** Closed orders of a period, summed. */
export interface ClosedTotals extends MoneyTotals {
  /** The lowest order number among them: where reading their rows starts. */
  firstOrderId: number | null;
}

export interface MasterTotals extends ClosedTotals {
  masterId: number | null;
}

export interface EquipmentTypeTotals extends MoneyTotals {
  equipmentType: string;
}

export interface ClosedOrderRow {
  id: number;
  equipmentType: string;
  totalKopecks: number;
  materialsKopecks: number;
  netKopecks: number;
  masterShareKopecks: number;
  companyShareKopecks: number;
  closedAt: Date;
  outOfCity: boolean;
  reviewTaken: boolean;
}

/** Whose orders: everyone's, or one master's. */
export type MasterScope = { masterId: number | null } | 'all';

/**
 * Closed orders of a period, by closing time (docs/product.md §10). Sums are GROUP BY queries
 * over the period's slice of IDX_orders_closed_at; order rows are streamed in id batches.
 *
 * SQLite plans without statistics here (nothing runs ANALYZE) and prefers any equality to a
 * range: given `status = 'CLOSED'` it would read every order ever closed through
 * IDX_orders_status. In the sums, status and master are therefore compared as expressions
 * (`status || ''`, `master_id + 0`), which no index can serve, so their cost follows the
 * period, not the history. PostgreSQL, which has statistics, would take the range anyway.
 */
@Injectable()
export class ClosedOrderQueries {
  constructor(private readonly dataSource: DataSource) {}

  async totals(period: ReportPeriod, scope: MasterScope = 'all'): Promise<ClosedTotals> {
    const row = await withTotals(this.summed(period, 'CLOSED', scope)).getRawOne<RawRow>();
    return closedTotalsOf(row ?? {});
  }

  /** Most net money first. */
  async byMaster(period: ReportPeriod): Promise<MasterTotals[]> {
    const rows = await withTotals(this.summed(period, 'CLOSED', 'all'))
      .addSelect('o.master_id', 'masterId')
      .groupBy('o.master_id')
      .orderBy('net', 'DESC')
      .addOrderBy('o.master_id')
      .getRawMany<RawRow>();
    return rows.map((row) => ({
      masterId: row.masterId === null ? null : numberOf(row.masterId),
      ...closedTotalsOf(row),
    }));
  }

  /** Most orders first. */
  async byEquipmentType(
    period: ReportPeriod,
    scope: MasterScope = 'all',
  ): Promise<EquipmentTypeTotals[]> {
    const rows = await withTotals(this.summed(period, 'CLOSED', scope))
      .addSelect('o.equipment_type', 'equipmentType')
      .groupBy('o.equipment_type')
      .orderBy('orders', 'DESC')
      .addOrderBy('o.equipment_type')
      .getRawMany<RawRow>();
    return rows.map((row) => ({ equipmentType: String(row.equipmentType), ...moneyOf(row) }));
  }

  /** Orders refused or cancelled in the period: refusing sets `closed_at` too. */
  async refusedCount(period: ReportPeriod): Promise<number> {
    const row = await this.summed(period, 'REFUSED', 'all')
      .select('COUNT(*)', 'refused')
      .getRawOne<RawRow>();
    return numberOf(row?.refused);
  }

  /**
   * One master's closed orders of the period, by number, in batches. Each batch is a seek on
   * IDX_orders_master_id_status (master_id, status, id), starting at `firstOrderId` from the
   * totals: order numbers grow with creation, so older history is skipped.
   */
  rows(
    period: ReportPeriod,
    masterId: number | null,
    firstOrderId: number | null,
  ): AsyncGenerator<ClosedOrderRow[]> {
    const before = firstOrderId === null ? 0 : firstOrderId - 1;
    return keysetBatches(async (afterId, limit) => {
      const rows = await this.inPeriod(period)
        .andWhere(`o.status = 'CLOSED'`)
        .andWhere(masterId === null ? 'o.master_id IS NULL' : 'o.master_id = :masterId', {
          masterId,
        })
        .andWhere('o.id > :afterId', { afterId })
        .select('o.id', 'id')
        .addSelect('o.equipment_type', 'equipmentType')
        .addSelect('o.total_kopecks', 'total')
        .addSelect('o.materials_kopecks', 'materials')
        .addSelect('o.net_kopecks', 'net')
        .addSelect('o.master_share_kopecks', 'masterShare')
        .addSelect('o.company_share_kopecks', 'companyShare')
        .addSelect('o.closed_at', 'closedAt')
        .addSelect('o.out_of_city', 'outOfCity')
        .addSelect('o.review_taken', 'reviewTaken')
        .orderBy('o.id')
        .limit(limit)
        .getRawMany<RawRow>();
      return rows.map(closedOrderRow);
    }, before);
  }

  /** Orders of the period in `status` for sums: see the class comment for the expressions. */
  private summed(
    period: ReportPeriod,
    status: 'CLOSED' | 'REFUSED',
    scope: MasterScope,
  ): SelectQueryBuilder<Order> {
    const query = this.inPeriod(period).andWhere(`o.status || '' = :status`, { status });
    if (scope === 'all') return query;
    return scope.masterId === null
      ? query.andWhere('o.master_id IS NULL')
      : query.andWhere('o.master_id + 0 = :masterId', { masterId: scope.masterId });
  }

  private inPeriod(period: ReportPeriod): SelectQueryBuilder<Order> {
    return liveOrders(this.dataSource).where('o.closed_at >= :from AND o.closed_at < :to', {
      from: instantParameter(this.dataSource, period.from),
      to: instantParameter(this.dataSource, period.to),
    });
  }
}

function withTotals(query: SelectQueryBuilder<Order>): SelectQueryBuilder<Order> {
  return query
    .select('COUNT(*)', 'orders')
    .addSelect('COALESCE(SUM(o.total_kopecks), 0)', 'total')
    .addSelect('COALESCE(SUM(o.materials_kopecks), 0)', 'materials')
    .addSelect('COALESCE(SUM(o.net_kopecks), 0)', 'net')
    .addSelect('COALESCE(SUM(o.master_share_kopecks), 0)', 'masterShare')
    .addSelect('COALESCE(SUM(o.company_share_kopecks), 0)', 'companyShare')
    .addSelect('MIN(o.id)', 'firstOrderId');
}

function moneyOf(row: RawRow): MoneyTotals {
  return {
    orders: numberOf(row.orders),
    totalKopecks: numberOf(row.total),
    materialsKopecks: numberOf(row.materials),
    netKopecks: numberOf(row.net),
    masterShareKopecks: numberOf(row.masterShare),
    companyShareKopecks: numberOf(row.companyShare),
  };
}

function closedTotalsOf(row: RawRow): ClosedTotals {
  const first = row.firstOrderId;
  return {
    ...moneyOf(row),
    firstOrderId: first === null || first === undefined ? null : numberOf(first),
  };
}

function closedOrderRow(row: RawRow): ClosedOrderRow {
  return {
    id: numberOf(row.id),
    equipmentType: String(row.equipmentType),
    totalKopecks: numberOf(row.total),
    materialsKopecks: numberOf(row.materials),
    netKopecks: numberOf(row.net),
    masterShareKopecks: numberOf(row.masterShare),
    companyShareKopecks: numberOf(row.companyShare),
    closedAt: instantOf(row.closedAt) as Date,
    outOfCity: flagOf(row.outOfCity),
    reviewTaken: flagOf(row.reviewTaken),
  };
}
