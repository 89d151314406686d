import { periodLabel } from '../../reports/report-labels';
import type { ReportNote, SummaryLine } from '../../reports/report-summary';
import { STATUS_LABELS } from './orders';
import { reportTexts } from './reports';

/** Telegram refuses messages over 4096 characters; the rest is margin for the caller. */
export const SUMMARY_TEXT_LIMIT = 4000;

/** A list shows its top lines; the file holds the rest. */
export const SUMMARY_SECTION_LINES = 20;

export interface SummarySection {
  title: string;
  lines: string[];
}

/**
 * The text beside a report file: the head in full, then each non-empty section cut to its
 * top lines and to what still fits, ending with "…и ещё N" when cut. Room for the shortest
 * form of every later section is kept, so a long first list cannot push the others out.
 */
export function composeSummary(
  head: string,
  sections: SummarySection[],
  limit = SUMMARY_TEXT_LIMIT,
): string {
  const shown = sections.filter((section) => section.lines.length);
  const blocks = [head];
  let used = head.length;
  shown.forEach((section, index) => {
    const reserved = shown.slice(index + 1).reduce((sum, later) => sum + shortest(later), 0);
    const block = [section.title];
    used += 2 + section.title.length;
    for (const line of section.lines) {
      const hiddenAfter = section.lines.length - block.length;
      const tail = hiddenAfter ? 1 + more(hiddenAfter).length : 0;
      const full = block.length > SUMMARY_SECTION_LINES;
      if (full || used + 1 + line.length + tail + reserved > limit) break;
      block.push(line);
      used += 1 + line.length;
    }
    const hidden = section.lines.length - (block.length - 1);
    if (hidden) {
      block.push(more(hidden));
      used += 1 + more(hidden).length;
    }
    blocks.push(block.join('\n'));
  });
  return blocks.join('\n\n');
}

const more = (count: number) => reportTexts.summary.more(count);

/** The section cut to its title and "…и ещё N". */
function shortest(section: SummarySection): number {
  return 2 + section.title.length + 1 + more(section.lines.length).length;
}

const summary = reportTexts.summary;
const empty = reportTexts.empty;

/** The text beside a report file, or instead of it: a report's note worded. */
export function reportNoteText(note: ReportNote): string {
  switch (note.kind) {
    case 'active_orders':
      return composeSummary(summary.activeOrdersTitle(note.orders), [
        section(summary.byStatus, note.byStatus, (s) => STATUS_LABELS[s]),
        section(summary.byMaster, note.byMaster),
        section(summary.byEquipmentType, note.byType),
      ]);
    case 'evening': {
      const label = periodLabel(note.period);
      if (!note.orders) return summary.eveningNone(label);
      return composeSummary(summary.eveningTitle(label, note.orders), [
        section(summary.byStatus, note.byStatus, (s) => STATUS_LABELS[s]),
        section(summary.byEquipmentType, note.byType),
      ]);
    }
    case 'summary':
      return composeSummary(
        `${summary.summaryTitle(periodLabel(note.period))}\n${summary.totals(note.totals)}`,
        [
          {
            title: summary.byMaster,
            lines: note.byMaster.map((m) =>
              summary.masterLine(m.name, m.orders, m.netKopecks, m.companyShareKopecks),
            ),
          },
          typeSection(note.byType, note.totals.orders),
        ],
      );
    case 'master_statistics':
      return composeSummary(
        `${summary.masterStatisticsTitle(periodLabel(note.period))}\n${summary.totals(note.totals)}`,
        [
          {
            title: summary.byMaster,
            lines: note.masters.map((m) => summary.masterStatisticsLine(m.name, m)),
          },
        ],
      );
    case 'master_report':
      return composeSummary(
        `${summary.masterReportTitle(note.master, periodLabel(note.period))}\n${summary.totals(note.totals)}`,
        [typeSection(note.byType, note.totals.orders)],
      );
    case 'no_active_orders':
      return empty.activeOrders;
    case 'no_closed_orders':
      return empty.summary(periodLabel(note.period));
    case 'no_master_figures':
      return empty.masterStatistics(periodLabel(note.period));
    case 'no_master_orders':
      return empty.masterReport(note.master, periodLabel(note.period));
    case 'master_not_found':
      return empty.masterNotFound;
  }
}

function section<K extends string>(
  title: string,
  counts: { key: K; orders: number }[],
  name: (key: K) => string = (key) => key,
): SummarySection {
  return { title, lines: counts.map((c) => summary.countLine(name(c.key), c.orders)) };
}

function typeSection(byType: SummaryLine[], allOrders: number): SummarySection {
  return {
    title: summary.byEquipmentType,
    lines: byType.map((t) => summary.typeLine(t.name, t.orders, allOrders, t.netKopecks)),
  };
}
