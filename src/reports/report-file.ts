import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReportWorkbook } from './report-workbook';

/**
 * What a report gives the caller: a plain answer when there is nothing to show, or an xlsx
 * file in the temp directory with a short text to send beside it. The caller sends the file
 * under `fileName` and then deletes `filePath`.
 */
export type ReportResult =
  | { kind: 'empty'; text: string }
  | { kind: 'file'; filePath: string; fileName: string; summaryText: string };

export const emptyReport = (text: string): ReportResult => ({ kind: 'empty', text });

/** Writes a workbook to a fresh temp file; a half-written file is removed when writing fails. */
export async function writeReportFile(
  report: { fileName: string; summaryText: string; zone: string },
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
  return { kind: 'file', filePath, fileName: report.fileName, summaryText: report.summaryText };
}
