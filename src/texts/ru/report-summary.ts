import { reportTexts } from '../texts/ru/reports';

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
