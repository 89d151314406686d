import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import type { Environment } from '../../config/environment';
import { OrderRepository } from '../../orders/order.repository';
import type { ReportPeriod } from '../../reports/report-period';
import { instantParameter } from '../../reports/sql-values';
import { MasterRepository } from '../../users/master.repository';

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
    private readonly orders: OrderRepository,
    private readonly masters: MasterRepository,
    config: ConfigService<Environment, true>,
  ) {
    this.zone = config.get('TZ', { infer: true });
  }

  async forPeriod(period: ReportPeriod): Promise<PeriodCharts> {
    const bounds = this.bounds(period);
    const db = this.dataSource.manager;
    const [created, closed] = await Promise.all([
      this.orders.createdBetween(db, bounds),
      this.orders.closedBetween(db, bounds),
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
    const db = this.dataSource.manager;
    const rows = await this.orders.sharesBetween(db, this.bounds(period));
    const ids = rows.map((r) => r.masterId).filter((id): id is number => id !== null);
    const names = await this.masters.namesOf(db, ids.map(Number));
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
