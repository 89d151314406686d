import { moneyTexts } from '../texts/ru/money';

/** Money is always a whole number of kopecks: sums and splits then stay exact. */
export type ParsedRubles = { ok: true; kopecks: number } | { ok: false; message: string };

/** Anything above this is a typo for a household repair, not a real bill. */
export const MAX_AMOUNT_KOPECKS = 10_000_000 * 100;

/** An amount that is not whole kopecks, or a money rule broken by a caller that should have validated. */
export class InvalidMoneyError extends Error {
  override readonly name = 'InvalidMoneyError';
}

/** Throws unless `value` is whole kopecks that a JavaScript number holds exactly. */
export function assertKopecks(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new InvalidMoneyError(`${what} must be a whole number of kopecks, got ${value}`);
  }
}

/** Whole kopecks, not negative, within the amount limit: the last guard before money is stored. */
export function isAmount(kopecks: number): boolean {
  try {
    assertKopecks(kopecks, 'amount');
  } catch (error) {
    if (error instanceof InvalidMoneyError) return false;
    throw error;
  }
  return kopecks >= 0 && kopecks <= MAX_AMOUNT_KOPECKS;
}

// Thousands may only be grouped by threes, so "500 50" is refused instead of being read as 50 050.
const AMOUNT = /^(\d{1,3}(?: \d{3})+|\d+)(?:[.,](\d+))?$/;
const MINUS = /^[-−–]/;
const CURRENCY_SUFFIX = new RegExp(
  ` ?(?:${moneyTexts.rubleSuffixes.map(escapeRegExp).join('|')})\\.?$`,
  'u',
);

/** Reads an amount as a master types it in Telegram ("5 000", "5000₽", "5 000 руб", "5000,50"). */
export function parseRubles(input: string): ParsedRubles {
  // Telegram clients paste non-breaking and thin spaces; all of them are matched by \s.
  const text = input.replace(/\s+/gu, ' ').trim().toLowerCase().replace(CURRENCY_SUFFIX, '');
  if (!text) return refused(moneyTexts.errors.empty);
  if (MINUS.test(text)) return refused(moneyTexts.errors.negative);

  const match = AMOUNT.exec(text);
  if (!match) return refused(moneyTexts.errors.notANumber);
  const [, rublesPart, fractionPart = ''] = match;
  // "5.000" lands here too: refusing it is safer than guessing 5 ₽ or 5 000 ₽.
  if (fractionPart.length > 2) return refused(moneyTexts.errors.tooManyDecimals);

  const rubles = Number(rublesPart.replace(/ /g, ''));
  if (rubles * 100 > MAX_AMOUNT_KOPECKS) return tooLarge();
  const kopecks = rubles * 100 + Number(fractionPart.padEnd(2, '0'));
  return kopecks > MAX_AMOUNT_KOPECKS ? tooLarge() : { ok: true, kopecks };
}

// docs/product.md §4.2: "нет" or 0 when there is no amount; §3.4: "-" clears an optional field.
const NO_AMOUNT = /^(?:нет|-|0)$/i;

/** An amount that may be left out (a preliminary sum, a prepayment): `null` when there is none. */
export function parseOptionalRubles(
  input: string,
): { ok: true; kopecks: number | null } | { ok: false; message: string } {
  return NO_AMOUNT.test(input.trim()) ? { ok: true, kopecks: null } : parseRubles(input);
}

/** "4 200 ₽", "5 000,50 ₽", "-300 ₽": kopecks only when there are some. */
export function formatRubles(kopecks: number): string {
  assertKopecks(kopecks, 'amount');
  const sign = kopecks < 0 ? '-' : '';
  const absolute = Math.abs(kopecks);
  const rubles = String(Math.floor(absolute / 100)).replace(/\B(?=(\d{3})+$)/g, ' ');
  const rest = absolute % 100;
  const fraction = rest ? moneyTexts.decimalSeparator + String(rest).padStart(2, '0') : '';
  return `${sign}${rubles}${fraction} ${moneyTexts.currencySign}`;
}

function refused(message: string): ParsedRubles {
  return { ok: false, message };
}

function tooLarge(): ParsedRubles {
  return refused(moneyTexts.errors.tooLarge(formatRubles(MAX_AMOUNT_KOPECKS)));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
