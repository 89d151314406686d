import { looksLikePhone, normalizePhone } from '../common/phone';

/** What the single search input of «🔍 Поиск заказов» asks for (docs/product.md §3.5). */
export type SearchQuery =
  | { kind: 'phone'; phone: string }
  | { kind: 'order'; orderId: number }
  /** A bare number: that order if it exists, otherwise an address search. */
  | { kind: 'orderOrAddress'; orderId: number; address: AddressQuery }
  | { kind: 'address'; address: AddressQuery }
  | { kind: 'empty' };

/** Tokens an address must all contain, in any order. */
export interface AddressQuery {
  tokens: string[];
}

// "#15" and "№15": the sign makes it an order number, never an address.
const MARKED_ORDER = /^[#№]\s*(\d+)$/u;
const BARE_NUMBER = /^\d+$/;
// Order ids live in an `integer` column; a larger number would make PostgreSQL fail the query.
const MAX_ORDER_ID = 2_147_483_647;

/** Decides what a search query means: a phone, an order number or an address. */
export function classifySearchQuery(input: string): SearchQuery {
  const text = input.trim();
  if (text === '') return { kind: 'empty' };

  const marked = MARKED_ORDER.exec(text);
  const markedId = marked ? orderId(marked[1]) : null;
  if (markedId !== null) return { kind: 'order', orderId: markedId };

  const phone = looksLikePhone(text) ? normalizePhone(text) : null;
  if (phone !== null) return { kind: 'phone', phone };

  const address: AddressQuery = { tokens: addressTokens(text) };
  const bareId = BARE_NUMBER.test(text) ? orderId(text) : null;
  if (bareId !== null) return { kind: 'orderOrAddress', orderId: bareId, address };
  return address.tokens.length ? { kind: 'address', address } : { kind: 'empty' };
}

// Street-type words and their abbreviations are dropped rather than mapped to one form:
// dispatchers write "ул. Ленина", "Ленина улица" or just "Ленина", and the name and the
// numbers are what tell addresses apart. Hyphenated abbreviations are listed whole
// because they are checked before words are split at hyphens.
const NOISE_WORDS = new Set([
  ...['ул', 'улица', 'д', 'дом', 'кв', 'квартира', 'г', 'город'],
  ...['пр', 'пр-т', 'пр-кт', 'просп', 'проспект', 'пер', 'переулок'],
  ...['к', 'корп', 'корпус', 'с', 'стр', 'строение'],
  ...['ш', 'шоссе', 'б-р', 'бульвар', 'пл', 'площадь', 'пр-д', 'проезд', 'мкр', 'микрорайон'],
]);
// Letters and digits are separate tokens ("д5" → "д", "5"; "5к2" → "5", "к", "2").
const LETTERS_OR_DIGITS = /\p{L}+|\d+/gu;
const NUMBER = /^\d+$/;
const SINGLE_LETTER = /^\p{L}$/u;

/**
 * Normalized search tokens of an address, used on both sides — the query and the stored
 * address — so they always match the same way: lower case, ё as е, no punctuation, no
 * street-type words, house letters joined to their number ("12 а", "12-а", "12А" → "12а"),
 * in order of appearance without repeats.
 */
export function addressTokens(text: string): string[] {
  const words = text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .split(/[^\p{L}\d-]+/u);
  const pieces = words
    .filter((word) => word !== '' && !NOISE_WORDS.has(word))
    .flatMap((word) => word.match(LETTERS_OR_DIGITS) ?? [])
    .filter((piece) => !NOISE_WORDS.has(piece));
  return [...new Set(joinHouseLetters(pieces))];
}

// After the noise is gone, a single letter right after a number is a house letter: "12 а" is "12а".
function joinHouseLetters(pieces: string[]): string[] {
  const tokens: string[] = [];
  for (const piece of pieces) {
    const previous = tokens.at(-1);
    if (previous !== undefined && NUMBER.test(previous) && SINGLE_LETTER.test(piece)) {
      tokens[tokens.length - 1] = previous + piece;
    } else {
      tokens.push(piece);
    }
  }
  return tokens;
}

function orderId(digits: string): number | null {
  const id = Number(digits);
  return id >= 1 && id <= MAX_ORDER_ID ? id : null;
}
