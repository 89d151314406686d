import { reportLabels } from './report-labels';
import type { ActiveOrderRow } from './active-order.queries';
import type { ClosedOrderRow, EquipmentTypeTotals, MoneyTotals } from './closed-order.queries';
import type { MasterState } from './master.queries';
import type { CellValue, ReportColumn, ReportTable, ReportWorkbook } from './report-workbook';

const columns = reportLabels.columns;
const cells = reportLabels.cells;

const text = (header: string, width: number): ReportColumn => ({ header, kind: 'text', width });
const count = (header: string): ReportColumn => ({ header, kind: 'count', width: 10 });
const money = (header: string): ReportColumn => ({ header, kind: 'money', width: 16 });
const date = (header: string): ReportColumn => ({ header, kind: 'date', width: 17 });
const share = (header: string): ReportColumn => ({ header, kind: 'share', width: 12 });

/** The "Сводка" table: one row per master (docs/product.md §10), then the totals. */
const MASTER_TOTALS_COLUMNS: ReportColumn[] = [
  text(columns.master, 28),
  count(columns.orders),
  money(columns.total),
  money(columns.materials),
  money(columns.net),
  money(columns.masterShare),
  money(columns.companyShare),
  money(columns.averageCheck),
];

const EQUIPMENT_TYPE_COLUMNS: ReportColumn[] = [
  text(columns.equipmentType, 28),
  count(columns.orders),
  share(columns.ordersShare),
  money(columns.net),
  share(columns.netShare),
];

/** A master's orders (docs/product.md §10), with the money a master also wants to check. */
const CLOSED_ORDER_COLUMNS: ReportColumn[] = [
  count(columns.number),
  date(columns.closedAt),
  text(columns.equipmentType, 24),
  money(columns.total),
  money(columns.materials),
  money(columns.net),
  money(columns.masterShare),
  money(columns.companyShare),
  text(columns.outOfCity, 14),
  text(columns.review, 8),
];

const ACTIVE_ORDER_COLUMNS: ReportColumn[] = [
  count(columns.number),
  text(columns.status, 22),
  text(columns.equipmentType, 24),
  text(columns.client, 24),
  text(columns.address, 36),
  text(columns.phone, 15),
  text(columns.master, 24),
  text(columns.dispatcher, 24),
  date(columns.arrival),
  text(columns.arrivalAsTyped, 28),
  date(columns.createdAt),
];

const MASTER_STATISTICS_COLUMNS: ReportColumn[] = [
  text(columns.master, 28),
  text(columns.masterState, 14),
  count(columns.active),
  count(columns.longRepairs),
  count(columns.closed),
  count(columns.clientRefusals),
  count(columns.masterCancels),
  share(columns.completionRate),
  money(columns.net),
  money(columns.masterShare),
  money(columns.companyShare),
  money(columns.averageCheck),
];

export interface NamedTotals extends MoneyTotals {
  name: string;
}

/** What the statistics say about one master, or about all of them together. */
export interface MasterFigures {
  active: number;
  longRepairs: number;
  closed: MoneyTotals;
  clientRefusals: number;
  masterCancels: number;
}

export interface MasterStatisticsLine extends MasterFigures {
  name: string;
  state: MasterState;
}

/** The average bill, rounded to whole kopecks. */
const averageCheckKopecks = (totals: MoneyTotals): number =>
  totals.orders ? Math.round(totals.totalKopecks / totals.orders) : 0;

/** Closed ÷ (closed + client refusals + own cancellations); null before any outcome. */
export function completionRate(figures: MasterFigures): number | null {
  const outcomes = figures.closed.orders + figures.clientRefusals + figures.masterCancels;
  return outcomes ? figures.closed.orders / outcomes : null;
}

/** «Сводка»: masters with their money and the totals, then the split by equipment type. */
export function writeSummarySheet(
  workbook: ReportWorkbook,
  report: {
    title: string;
    masters: NamedTotals[];
    totals: MoneyTotals;
    byType: EquipmentTypeTotals[];
  },
): void {
  const sheet = workbook.addSheet(
    reportLabels.sheets.summary,
    MASTER_TOTALS_COLUMNS,
    EQUIPMENT_TYPE_COLUMNS,
  );
  sheet.title(report.title);
  sheet.blank();
  const masters = sheet.table(MASTER_TOTALS_COLUMNS);
  for (const master of report.masters) masters.row(moneyLine(master.name, master));
  masters.row(moneyLine(cells.totals, report.totals), 'totals');

  sheet.blank();
  sheet.title(reportLabels.titles.byEquipmentType);
  const types = sheet.table(EQUIPMENT_TYPE_COLUMNS);
  const { orders, netKopecks } = report.totals;
  for (const type of report.byType) {
    types.row([
      type.equipmentType,
      type.orders,
      fraction(type.orders, orders),
      type.netKopecks,
      fraction(type.netKopecks, netKopecks),
    ]);
  }
  types.row([cells.totals, orders, fraction(orders, orders), netKopecks, 1], 'totals');
}

/** A sheet of closed orders, streamed batch by batch, ending with the totals from the database. */
export async function writeClosedOrdersSheet(
  workbook: ReportWorkbook,
  name: string,
  batches: AsyncIterable<ClosedOrderRow[]>,
  totals: MoneyTotals,
): Promise<void> {
  const table = workbook.addSheet(name, CLOSED_ORDER_COLUMNS).table(CLOSED_ORDER_COLUMNS);
  await writeBatches(table, batches, (order) => [
    order.id,
    order.closedAt,
    order.equipmentType,
    order.totalKopecks,
    order.materialsKopecks,
    order.netKopecks,
    order.masterShareKopecks,
    order.companyShareKopecks,
    yesNo(order.outOfCity),
    yesNo(order.reviewTaken),
  ]);
  table.row(
    [
      cells.totals,
      null,
      null,
      totals.totalKopecks,
      totals.materialsKopecks,
      totals.netKopecks,
      totals.masterShareKopecks,
      totals.companyShareKopecks,
      null,
      null,
    ],
    'totals',
  );
}

export async function writeActiveOrdersSheet(
  workbook: ReportWorkbook,
  batches: AsyncIterable<ActiveOrderRow[]>,
  masterName: (masterId: number | null) => string,
): Promise<void> {
  const table = workbook
    .addSheet(reportLabels.sheets.activeOrders, ACTIVE_ORDER_COLUMNS)
    .table(ACTIVE_ORDER_COLUMNS);
  await writeBatches(table, batches, (order) => [
    order.id,
    reportLabels.statuses[order.status],
    order.equipmentType,
    order.clientName,
    order.clientAddress,
    order.clientPhone,
    masterName(order.masterId),
    order.dispatcherName ?? cells.nobody,
    order.arrivalFrom,
    order.arrivalText,
    order.createdAt,
  ]);
}

export function writeMasterStatisticsSheet(
  workbook: ReportWorkbook,
  title: string,
  lines: MasterStatisticsLine[],
): void {
  const sheet = workbook.addSheet(reportLabels.sheets.masters, MASTER_STATISTICS_COLUMNS);
  sheet.title(title);
  sheet.blank();
  const table = sheet.table(MASTER_STATISTICS_COLUMNS);
  for (const line of lines) {
    table.row([line.name, cells.masterState[line.state], ...figureCells(line)]);
  }
  table.row([cells.totals, null, ...figureCells(sumFigures(lines))], 'totals');
}

export function sumFigures(all: MasterFigures[]): MasterFigures {
  const sum = (pick: (figures: MasterFigures) => number) =>
    all.reduce((total, figures) => total + pick(figures), 0);
  return {
    active: sum((f) => f.active),
    longRepairs: sum((f) => f.longRepairs),
    closed: sumTotals(all.map((f) => f.closed)),
    clientRefusals: sum((f) => f.clientRefusals),
    masterCancels: sum((f) => f.masterCancels),
  };
}

function sumTotals(all: MoneyTotals[]): MoneyTotals {
  const sum = (pick: (totals: MoneyTotals) => number) =>
    all.reduce((total, totals) => total + pick(totals), 0);
  return {
    orders: sum((t) => t.orders),
    totalKopecks: sum((t) => t.totalKopecks),
    materialsKopecks: sum((t) => t.materialsKopecks),
    netKopecks: sum((t) => t.netKopecks),
    masterShareKopecks: sum((t) => t.masterShareKopecks),
    companyShareKopecks: sum((t) => t.companyShareKopecks),
  };
}

async function writeBatches<T>(
  table: ReportTable,
  batches: AsyncIterable<T[]>,
  cellsOf: (row: T) => CellValue[],
): Promise<void> {
  for await (const batch of batches) {
    for (const row of batch) table.row(cellsOf(row));
    await table.drain();
  }
}

function figureCells(figures: MasterFigures): CellValue[] {
  return [
    figures.active,
    figures.longRepairs,
    figures.closed.orders,
    figures.clientRefusals,
    figures.masterCancels,
    completionRate(figures),
    figures.closed.netKopecks,
    figures.closed.masterShareKopecks,
    figures.closed.companyShareKopecks,
    averageCheckKopecks(figures.closed),
  ];
}

function moneyLine(name: string, totals: MoneyTotals): CellValue[] {
  return [
    name,
    totals.orders,
    totals.totalKopecks,
    totals.materialsKopecks,
    totals.netKopecks,
    totals.masterShareKopecks,
    totals.companyShareKopecks,
    averageCheckKopecks(totals),
  ];
}

const fraction = (part: number, whole: number) => (whole ? part / whole : 0);
const yesNo = (flag: boolean) => (flag ? cells.yes : cells.no);
