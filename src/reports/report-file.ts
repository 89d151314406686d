import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmptyReport, ReportSummary } from './report-summary';
import { ReportWorkbook } from './report-workbook';

/**
 * What a report gives the caller: why there is nothing to show, or an xlsx file in the temp
 * directory with the summary to word beside it. The caller sends the file under `fileName`
 * and then deletes `filePath`.
 */
export type ReportResult =
  | { kind: 'empty'; note: EmptyReport }
  | { kind: 'file'; filePath: string; fileName: string; note: ReportSummary };

export const emptyReport = (note: EmptyReport): ReportResult => ({ kind: 'empty', note });

/** Writes a workbook to a fresh temp file; a half-written file is removed when writing fails. */
export async function writeReportFile(
  report: { fileName: string; summary: ReportSummary; zone: string },
  write: (workbook: ReportWorkbook) => Promise<void>,
): Promise<ReportResult> {
  // A random path: two people asking for the same report at once must not share a file.
  const filePath = join(tmpdir(), `report-${randomUUID()}.xlsx`);
  const workbook = new ReportWorkbook(filePath, report.zone);
  try {
    await write(workbook);
    await workbook.commit();
  } catch (error) {
    // Committing closes the file stream, which would otherwise stay open.
    await workbook.commit().catch(() => undefined);
    await rm(filePath, { force: true });
    throw error;
  }
  return { kind: 'file', filePath, fileName: report.fileName, note: report.summary };
}
