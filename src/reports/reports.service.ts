import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DateTime } from 'luxon';
import { Clock } from '../common/clock';
import type { Environment } from '../config/environment';
import { ActiveOrderQueries } from './active-order.queries';
import { ClosedOrderQueries, EquipmentTypeTotals, MoneyTotals } from './closed-order.queries';
import { MasterInfo, MasterQueries } from './master.queries';
import { NewOrderQueries } from './new-order.queries';
import { emptyReport, ReportResult, writeReportFile } from './report-file';
import { periodLabel, reportLabels } from './report-labels';
import {
  ParsedPeriod,
  parsePeriod,
  PeriodPreset,
  periodDays,
  presetPeriod,
  ReportPeriod,
} from './report-period';
import {
  completionRate,
  MasterStatisticsLine,
  sumFigures,
  writeActiveOrdersSheet,
  writeClosedOrdersSheet,
  writeMasterStatisticsSheet,
  writeSummarySheet,
} from './report-sheets';
import type { ReportSummary, SummaryLine } from './report-summary';

const labels = reportLabels;

const NO_MONEY: MoneyTotals = {
  orders: 0,
  totalKopecks: 0,
  materialsKopecks: 0,
  netKopecks: 0,
  masterShareKopecks: 0,
  companyShareKopecks: 0,
};

/**
 * The Excel reports of docs/product.md §10 (and the scheduled ones of §8): each answers why
 * there is nothing to report, or an xlsx file with a short summary beside it, both as data.
 * Closed orders belong to the period they were closed in. Figures are summed in the
 * database and order rows are streamed, so a month of 100 000 orders fits in little memory.
 */
@Injectable()
export class ReportsService {
  private readonly zone: string;

  constructor(
    private readonly closed: ClosedOrderQueries,
    private readonly active: ActiveOrderQueries,
    private readonly masters: MasterQueries,
    private readonly created: NewOrderQueries,
    private readonly clock: Clock,
    config: ConfigService<Environment, true>,
  ) {
    this.zone = config.get('TZ', { infer: true });
  }

  /** "Today", "previous month"… in the business time zone. */
  period(preset: PeriodPreset, now = this.clock.now()): ReportPeriod {
    return presetPeriod(preset, this.zone, now);
  }

  /** A period a user typed, e.g. "01.10.2025-31.10.2025". */
  parsePeriod(typed: string): ParsedPeriod {
    return parsePeriod(typed, this.zone);
  }

  /** Every order not yet closed or refused. */
  async activeOrders(now = this.clock.now()): Promise<ReportResult> {
    const count = await this.active.count();
    if (!count) return emptyReport({ kind: 'no_active_orders' });
    const [byStatus, byMaster, byType, directory] = await Promise.all([
      this.active.byStatus(),
      this.active.byMaster(),
      this.active.byEquipmentType(),
      this.masters.directory(),
    ]);
    const nameOf = masterNames(directory);
    const summary: ReportSummary = {
      kind: 'active_orders',
      orders: count,
      byStatus,
      byMaster: byMaster.map((m) => ({ key: nameOf(m.key), orders: m.orders })),
      byType,
    };
    const today = DateTime.fromJSDate(now, { zone: this.zone }).toISODate() as string;
    return writeReportFile(
      { fileName: labels.fileNames.activeOrders(today), summary, zone: this.zone },
      (workbook) => writeActiveOrdersSheet(workbook, this.active.rows(), nameOf),
    );
  }

  /** The evening summary: orders created in `period` (today), by status now and by type. */
  async eveningSummary(period: ReportPeriod): Promise<ReportSummary> {
    const [byStatus, byType] = await Promise.all([
      this.created.byStatus(period),
      this.created.byEquipmentType(period),
    ]);
    const orders = byStatus.reduce((sum, s) => sum + s.orders, 0);
    return { kind: 'evening', period: period.name, orders, byStatus, byType };
  }

  /** The daily, weekly or monthly summary: per master, per equipment type, and every order. */
  async summary(period: ReportPeriod): Promise<ReportResult> {
    const totals = await this.closed.totals(period);
    if (!totals.orders) return emptyReport({ kind: 'no_closed_orders', period: period.name });
    const [byMaster, byType, refused, directory] = await Promise.all([
      this.closed.byMaster(period),
      this.closed.byEquipmentType(period),
      this.closed.refusedCount(period),
      this.masters.directory(),
    ]);
    const nameOf = masterNames(directory);
    const masters = byMaster.map((row) => ({ ...row, name: nameOf(row.masterId) }));
    const summary: ReportSummary = {
      kind: 'summary',
      period: period.name,
      totals: { ...totals, refused },
      byMaster: masters,
      byType: byType.map(typeLine),
    };
    return writeReportFile(
      { fileName: labels.fileNames.summary(this.tag(period)), summary, zone: this.zone },
      async (workbook) => {
        const title = labels.titles.summary(periodLabel(period.name));
        writeSummarySheet(workbook, { title, masters, totals, byType });
        for (const master of masters) {
          const rows = this.closed.rows(period, master.masterId, master.firstOrderId);
          await writeClosedOrdersSheet(workbook, master.name, rows, master);
        }
      },
    );
  }

  /**
   * Every master who is working, or who had orders in the period: current load, closed
   * orders and their money, refusals and own cancellations, completion rate.
   */
  async masterStatistics(period: ReportPeriod): Promise<ReportResult> {
    const [directory, workload, setbacks, closed] = await Promise.all([
      this.masters.directory(),
      this.masters.workload(),
      this.masters.setbacks(period),
      this.closed.byMaster(period),
    ]);
    const closedBy = new Map(closed.map((totals) => [totals.masterId, totals]));
    const lines: MasterStatisticsLine[] = [...directory.values()]
      .map((master) => ({
        name: master.name,
        state: master.state,
        active: 0,
        longRepairs: 0,
        ...workload.get(master.id),
        closed: closedBy.get(master.id) ?? NO_MONEY,
        clientRefusals: 0,
        masterCancels: 0,
        ...setbacks.get(master.id),
      }))
      .filter((line) => line.state === 'active' || hasFigures(line))
      .sort((a, b) => b.closed.netKopecks - a.closed.netKopecks || a.name.localeCompare(b.name));
    if (!lines.some(hasFigures)) {
      return emptyReport({ kind: 'no_master_figures', period: period.name });
    }

    const summary: ReportSummary = {
      kind: 'master_statistics',
      period: period.name,
      totals: sumFigures(lines).closed,
      masters: lines.map((line) => ({
        name: line.name,
        closed: line.closed.orders,
        netKopecks: line.closed.netKopecks,
        completionRate: percentOf(completionRate(line)),
      })),
    };
    const title = labels.titles.masterStatistics(periodLabel(period.name));
    return writeReportFile(
      { fileName: labels.fileNames.masterStatistics(this.tag(period)), summary, zone: this.zone },
      async (workbook) => writeMasterStatisticsSheet(workbook, title, lines),
    );
  }

  /** A master's own report (also their monthly archive): their totals, types and orders. */
  async masterReport(masterId: number, period: ReportPeriod): Promise<ReportResult> {
    const master = (await this.masters.directory()).get(masterId);
    if (!master) return emptyReport({ kind: 'master_not_found' });
    const scope = { masterId };
    const totals = await this.closed.totals(period, scope);
    if (!totals.orders) {
      return emptyReport({ kind: 'no_master_orders', master: master.name, period: period.name });
    }
    const byType = await this.closed.byEquipmentType(period, scope);

    const summary: ReportSummary = {
      kind: 'master_report',
      master: master.name,
      period: period.name,
      totals,
      byType: byType.map(typeLine),
    };
    const fileName = labels.fileNames.masterReport(fileSafe(master.name), this.tag(period));
    return writeReportFile({ fileName, summary, zone: this.zone }, async (workbook) => {
      const title = labels.titles.masterReport(master.name, periodLabel(period.name));
      writeSummarySheet(workbook, {
        title,
        masters: [{ ...totals, name: master.name }],
        totals,
        byType,
      });
      const rows = this.closed.rows(period, masterId, totals.firstOrderId);
      await writeClosedOrdersSheet(workbook, labels.sheets.orders, rows, totals);
    });
  }

  /** "2025-10-01_2025-10-31", or one date for a day: for file names. */
  private tag(period: ReportPeriod): string {
    const { first, last } = periodDays(period, this.zone);
    return first === last ? first : `${first}_${last}`;
  }
}

function masterNames(directory: Map<number, MasterInfo>) {
  return (masterId: number | null) =>
    (masterId === null ? undefined : directory.get(masterId)?.name) ?? labels.cells.withoutMaster;
}

function hasFigures(line: MasterStatisticsLine): boolean {
  return (
    line.active + line.longRepairs + line.closed.orders + line.clientRefusals + line.masterCancels >
    0
  );
}

const typeLine = (t: EquipmentTypeTotals): SummaryLine => ({ ...t, name: t.equipmentType });

const percentOf = (fraction: number | null) =>
  fraction === null ? null : Math.round(fraction * 100);

/** Names go into file names: no path separators or characters Windows refuses. */
const fileSafe = (name: string) => name.replace(/[\\/:*?"<>|\s]+/gu, '_');
