import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DateTime } from 'luxon';
import { DataSource, In } from 'typeorm';
import type { Environment } from '../../config/environment';
import { Order } from '../../orders/order.entity';
import type { ReportPeriod } from '../../reports/report-period';
import { instantParameter } from '../../reports/sql-values';
import { Master } from '../../users/master.entity';
import { displayName } from '../../users/users.service';

/** The report page's three charts, in the business time zone. */
export interface PeriodCharts {
  days: string[];
  createdPerDay: number[];
  revenuePerDayRubles: number[];
  masterShares: { name: string; rubles: number }[];
  companyShareRubles: number;
  closedOrders: number;
  revenueKopecks: number;
}

/** How many days a chart may span: a year of daily bars is already hard to read. */
export const MAX_CHART_DAYS = 366;

/**
 * Figures for charts. Orders are bucketed by day here rather than in SQL: days begin at the
 * business time zone's midnight, which SQLite cannot compute and PostgreSQL only per session.
 * Only two columns of the period's orders are read; the per-master sums are done in SQL.
 */
@Injectable()
export class ChartQueries {
  private readonly zone: string;

  constructor(
    private readonly dataSource: DataSource,
    config: ConfigService<Environment, true>,
  ) {
    this.zone = config.get('TZ', { infer: true });
  }

  async forPeriod(period: ReportPeriod): Promise<PeriodCharts> {
    const bounds = this.bounds(period);
    const [created, closed] = await Promise.all([
      this.orders()
        .select(['o.id', 'o.createdAt'])
        .where('o.created_at >= :from AND o.created_at < :to', bounds)
        .getMany(),
      this.orders()
        .select(['o.id', 'o.closedAt', 'o.totalKopecks'])
        .where("o.status = 'CLOSED'")
        .andWhere('o.closed_at >= :from AND o.closed_at < :to', bounds)
        .getMany(),
    ]);
    const days = this.days(period);
    const index = new Map(days.map((day, i) => [day, i]));
    const createdPerDay = days.map(() => 0);
    const revenue = days.map(() => 0);
    for (const order of created) {
      const i = index.get(this.day(order.createdAt));
      if (i !== undefined) createdPerDay[i]++;
    }
    let revenueKopecks = 0;
    for (const order of closed) {
      const i = order.closedAt ? index.get(this.day(order.closedAt)) : undefined;
      if (i !== undefined) revenue[i] += order.totalKopecks ?? 0;
      revenueKopecks += order.totalKopecks ?? 0;
    }
    return {
      days: days.map((day) => DateTime.fromISO(day).toFormat('dd.MM')),
      createdPerDay,
      revenuePerDayRubles: revenue.map((kopecks) => Math.round(kopecks / 100)),
      ...(await this.shares(period)),
      closedOrders: closed.length,
      revenueKopecks,
    };
  }

  /** Each master's share and the company's, for orders closed in the period. */
  private async shares(
    period: ReportPeriod,
  ): Promise<Pick<PeriodCharts, 'masterShares' | 'companyShareRubles'>> {
    const rows = await this.orders()
      .select('o.master_id', 'masterId')
      .addSelect('SUM(o.master_share_kopecks)', 'master')
      .addSelect('SUM(o.company_share_kopecks)', 'company')
      .where("o.status = 'CLOSED'")
      .andWhere('o.closed_at >= :from AND o.closed_at < :to', this.bounds(period))
      .groupBy('o.master_id')
      .getRawMany<{ masterId: number | null; master: string | number; company: string | number }>();
    const ids = rows.map((r) => r.masterId).filter((id): id is number => id !== null);
    const masters = ids.length
      ? await this.dataSource
          .getRepository(Master)
          .find({ where: { id: In(ids.map(Number)) }, relations: { user: true } })
      : [];
    const names = new Map(masters.map((m) => [m.id, m.user ? displayName(m.user) : `#${m.id}`]));
    const company = rows.reduce((sum, r) => sum + Number(r.company ?? 0), 0);
    return {
      masterShares: rows
        .filter((r) => r.masterId !== null)
        .map((r) => ({
          name: names.get(Number(r.masterId)) ?? `#${r.masterId}`,
          rubles: Math.round(Number(r.master ?? 0) / 100),
        })),
      companyShareRubles: Math.round(company / 100),
    };
  }

  private orders() {
    return this.dataSource.getRepository(Order).createQueryBuilder('o');
  }

  /** The period in the columns' own format (see instantParameter). */
  private bounds(period: ReportPeriod) {
    return {
      from: instantParameter(this.dataSource, period.from),
      to: instantParameter(this.dataSource, period.to),
    };
  }

  private day(at: Date): string {
    return DateTime.fromJSDate(at, { zone: this.zone }).toISODate() as string;
  }

  private days(period: ReportPeriod): string[] {
    const days: string[] = [];
    let day = DateTime.fromJSDate(period.from, { zone: this.zone }).startOf('day');
    const end = DateTime.fromJSDate(period.to, { zone: this.zone });
    while (day < end && days.length < MAX_CHART_DAYS) {
      days.push(day.toISODate() as string);
      day = day.plus({ days: 1 });
    }
    return days;
  }
}
