import type { stream, Style, Worksheet } from 'exceljs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { reportLabels } from './report-labels';
import { SheetNames } from './sheet-name';
import { WallClock } from './wall-clock';

/** How a column's values are stored and shown. */
export type CellKind = 'text' | 'count' | 'money' | 'date' | 'share';

export interface ReportColumn {
  header: string;
  kind: CellKind;
  width: number;
}

/** Money in kopecks, dates as instants, shares as fractions (0.25 is shown as 25,0 %). */
export type CellValue = string | number | Date | null;

const FORMATS: Record<CellKind, string | undefined> = {
  text: undefined,
  count: '0',
  money: '#,##0.00 "₽"',
  date: 'dd.mm.yyyy hh:mm',
  share: '0.0%',
};

// One style object per kind, shared by every cell: exceljs resolves a style once per object
// (a WeakMap), while a style set property by property is resolved again for every cell.
// Shared objects must never be changed through a cell, hence separate bold ones for totals.
const stylesOf = (font?: Partial<Style['font']>) =>
  Object.fromEntries(
    Object.entries(FORMATS).map(([kind, numFmt]) => [
      kind,
      Object.freeze({ ...(numFmt && { numFmt }), ...(font && { font }) }),
    ]),
  ) as Record<CellKind, Partial<Style>>;
const STYLES = { plain: stylesOf(), totals: stylesOf({ bold: true }) };

/** XML the zip may hold unread before rows wait for it. */
const MAX_LAG_BYTES = 4 * 1024 * 1024;

type PipeTarget = Writable & { _writableState?: { length?: number } };

// archiver's streams come from readable-stream 2, which predates `writableLength`.
const buffered = (pipe: PipeTarget) => pipe.writableLength ?? pipe._writableState?.length ?? 0;

/**
 * An xlsx file written as a stream (exceljs `WorkbookWriter`): each row goes to the file when
 * it is committed, and a sheet is committed before the next one opens, so memory does not
 * grow with the number of orders.
 */
export class ReportWorkbook {
  private readonly writer: stream.xlsx.WorkbookWriter;
  private readonly names = new SheetNames(reportLabels.sheets.fallback);
  private readonly clock: WallClock;
  private open: ReportSheet | null = null;

  constructor(filePath: string, zone: string) {
    this.clock = new WallClock(zone);
    // exceljs (with its zip and stream libraries, ~300 modules) loads with the first report,
    // not at start-up.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exceljs = require('exceljs') as typeof import('exceljs');
    this.writer = new exceljs.stream.xlsx.WorkbookWriter({
      filename: filePath,
      useStyles: true,
      // Shared strings are kept in memory until the end; inline strings stream with the rows.
      useSharedStrings: false,
    });
  }

  /** A new sheet named after `wanted` (made valid and unique), sized for its tables. */
  addSheet(wanted: string, ...tables: ReportColumn[][]): ReportSheet {
    this.open?.commit();
    const worksheet = this.writer.addWorksheet(this.names.next(wanted));
    worksheet.columns = widestColumns(tables).map((width) => ({ width }));
    this.open = new ReportSheet(worksheet, this.clock);
    return this.open;
  }

  async commit(): Promise<void> {
    this.open?.commit();
    await this.writer.commit();
  }
}

export class ReportSheet {
  private committed = false;

  constructor(
    private readonly worksheet: Worksheet,
    private readonly clock: WallClock,
  ) {}

  title(text: string): void {
    const row = this.worksheet.addRow([text]);
    row.font = { bold: true, size: 13 };
    row.commit();
  }

  blank(): void {
    this.worksheet.addRow([]).commit();
  }

  /** Writes the header row; the returned table writes rows in the columns' formats. */
  table(columns: ReportColumn[]): ReportTable {
    const header = this.worksheet.addRow(columns.map((column) => column.header));
    header.font = { bold: true };
    header.commit();
    return new ReportTable(this.worksheet, columns, this.clock);
  }

  commit(): void {
    if (this.committed) return;
    this.committed = true;
    this.worksheet.commit();
  }
}

export class ReportTable {
  constructor(
    private readonly worksheet: Worksheet,
    private readonly columns: ReportColumn[],
    private readonly clock: WallClock,
  ) {}

  row(values: CellValue[], emphasis: keyof typeof STYLES = 'plain'): void {
    const row = this.worksheet.addRow(
      values.map((value, index) => this.stored(this.columns[index].kind, value)),
    );
    const styles = STYLES[emphasis];
    this.columns.forEach((column, index) => {
      row.getCell(index + 1).style = styles[column.kind];
    });
    row.commit();
  }

  /**
   * Waits while the zip lags behind the rows committed so far. exceljs pushes a sheet's XML
   * into the compressor without backpressure (its sheet stream ignores `write()` returning
   * false), so without this wait the XML of a large sheet piles up in memory. Some lag is
   * let through, so building rows and compressing them overlap.
   */
  async drain(): Promise<void> {
    const sheet = this.worksheet as unknown as { stream?: { pipes?: PipeTarget[] } };
    const behind = (sheet.stream?.pipes ?? []).filter((pipe) => buffered(pipe) > MAX_LAG_BYTES);
    await Promise.all(behind.map((pipe) => once(pipe, 'drain')));
  }

  private stored(kind: CellKind, value: CellValue): CellValue {
    if (value === null) return null;
    if (kind === 'money') return (value as number) / 100;
    if (kind === 'date') return this.clock.toSpreadsheet(value as Date);
    return value;
  }
}

function widestColumns(tables: ReportColumn[][]): number[] {
  const widths: number[] = [];
  for (const table of tables) {
    table.forEach((column, index) => (widths[index] = Math.max(widths[index] ?? 0, column.width)));
  }
  return widths;
}
