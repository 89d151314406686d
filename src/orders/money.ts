/** Why a typed amount is refused; `amount_too_large` carries the limit. */
export type MoneyReason =
  | { reason: 'amount_empty' }
  | { reason: 'amount_not_a_number' }
  | { reason: 'amount_negative' }
  | { reason: 'amount_too_many_decimals' }
  | { reason: 'amount_too_large'; maxKopecks: number };

/** Money is always a whole number of kopecks: sums and splits then stay exact. */
export type ParsedRubles = { ok: true; kopecks: number } | ({ ok: false } & MoneyReason);

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
/** Words a master may write after an amount ("5 000 руб", "5000 рублей", "5 000 р."): input, not UI text. */
const RUBLE_SUFFIXES = ['₽', 'рублей', 'рубля', 'рубль', 'руб', 'р'];
const CURRENCY_SUFFIX = new RegExp(` ?(?:${RUBLE_SUFFIXES.map(escapeRegExp).join('|')})\\.?$`, 'u');
// How formatRubles writes an amount: the Russian number format.
const CURRENCY_SIGN = '₽';
const DECIMAL_SEPARATOR = ',';

/** Reads an amount as a master types it in Telegram ("5 000", "5000₽", "5 000 руб", "5000,50"). */
export function parseRubles(input: string): ParsedRubles {
  // Telegram clients paste non-breaking and thin spaces; all of them are matched by \s.
  const text = input.replace(/\s+/gu, ' ').trim().toLowerCase().replace(CURRENCY_SUFFIX, '');
  if (!text) return refused('amount_empty');
  if (MINUS.test(text)) return refused('amount_negative');

  const match = AMOUNT.exec(text);
  if (!match) return refused('amount_not_a_number');
  const [, rublesPart, fractionPart = ''] = match;
  // "5.000" lands here too: refusing it is safer than guessing 5 ₽ or 5 000 ₽.
  if (fractionPart.length > 2) return refused('amount_too_many_decimals');

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
): { ok: true; kopecks: number | null } | ({ ok: false } & MoneyReason) {
  return NO_AMOUNT.test(input.trim()) ? { ok: true, kopecks: null } : parseRubles(input);
}

/** "4 200 ₽", "5 000,50 ₽", "-300 ₽": kopecks only when there are some. */
export function formatRubles(kopecks: number): string {
  assertKopecks(kopecks, 'amount');
  const sign = kopecks < 0 ? '-' : '';
  const absolute = Math.abs(kopecks);
  const rubles = String(Math.floor(absolute / 100)).replace(/\B(?=(\d{3})+$)/g, ' ');
  const rest = absolute % 100;
  const fraction = rest ? DECIMAL_SEPARATOR + String(rest).padStart(2, '0') : '';
  return `${sign}${rubles}${fraction} ${CURRENCY_SIGN}`;
}

function refused(reason: Exclude<MoneyReason['reason'], 'amount_too_large'>): ParsedRubles {
  return { ok: false, reason };
}

function tooLarge(): ParsedRubles {
  return { ok: false, reason: 'amount_too_large', maxKopecks: MAX_AMOUNT_KOPECKS };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
