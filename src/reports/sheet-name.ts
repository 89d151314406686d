/** Excel refuses longer sheet names. */
export const SHEET_NAME_MAX_LENGTH = 31;

// Excel forbids these in sheet names, and control characters break the XML.
const FORBIDDEN = /[:\\/?*[\]\p{Cc}]/gu;
// Excel keeps "History" for its change tracking.
const RESERVED = new Set(['history']);

/**
 * Hands out sheet names Excel accepts, unique within one workbook: a master's name may hold
 * "/" or be longer than 31 characters, and two masters may share a name.
 */
export class SheetNames {
  // Excel compares sheet names case-insensitively.
  private readonly taken = new Set<string>();

  constructor(private readonly fallback: string) {}

  next(wanted: string): string {
    const base = validSheetName(wanted) || validSheetName(this.fallback);
    for (let copy = 1; ; copy++) {
      const name = copy === 1 ? base : withSuffix(base, ` (${copy})`);
      const key = name.toLocaleLowerCase('ru');
      if (!this.taken.has(key) && !RESERVED.has(key)) {
        this.taken.add(key);
        return name;
      }
    }
  }
}

/** `name` without what Excel forbids, cut to 31 characters; empty when nothing is left. */
export function validSheetName(name: string): string {
  const cleaned = name.replace(FORBIDDEN, ' ').replace(/\s+/gu, ' ').trim();
  // A name may not start or end with an apostrophe: Excel quotes sheet names with it.
  return trimApostrophes(cut(cleaned, SHEET_NAME_MAX_LENGTH));
}

function withSuffix(base: string, suffix: string): string {
  return trimApostrophes(cut(base, SHEET_NAME_MAX_LENGTH - suffix.length)) + suffix;
}

// Lengths are UTF-16 units, as Excel counts them; a cut never splits an emoji in half.
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
}

function trimApostrophes(text: string): string {
  return text.replace(/^['\s]+|['\s]+$/gu, '');
}
