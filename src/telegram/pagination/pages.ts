import { pageWindow } from '../../common/page-window';

/** Telegram refuses a message text over 4096 characters, counted after entity parsing. */
export const MESSAGE_LIMIT = 4096;

/**
 * How long a text is for Telegram's limit, measured on the raw text in UTF-16 code units.
 * Telegram counts the characters left after HTML parsing, which is never more: tags and
 * entities (`&amp;`) only lengthen the raw text, and every character is one or two code
 * units. So a raw text within the limit is accepted whether it is sent as HTML or plain.
 */
export const messageSize = (text: string): number => text.length;

/** Which of how many messages (or pages) a text is; `index` is 0-based. */
export interface Part {
  index: number;
  count: number;
}

export interface FitOptions {
  /** The longest text allowed; Telegram's limit unless a spec says otherwise. */
  limit?: number;
  /** At most this many items in one chunk, e.g. when each item is also a button. */
  maxItems?: number;
}

/** Renders one chunk of a list as one message; it may show the part, as «стр. 2/5». */
export type ChunkRenderer<T> = (chunk: readonly T[], part: Part) => string;

/**
 * Cuts `items` into consecutive chunks, in order, none lost or repeated, so that each chunk
 * rendered by `render` fits in a message. A chunk grows while its text, rendered with the
 * largest part numbers it could show, still fits: a list never has more parts than items, so
 * the final «стр. N/M» is never longer than the one measured. Cutting only between items
 * means a message never ends inside a line or an HTML tag. An item too long for a message on
 * its own gets a chunk of its own; the field limits keep every list item far below that.
 */
export function splitToFit<T>(
  items: readonly T[],
  render: ChunkRenderer<T>,
  { limit = MESSAGE_LIMIT, maxItems = Number.POSITIVE_INFINITY }: FitOptions = {},
): T[][] {
  const widest: Part = { index: items.length - 1, count: items.length };
  const chunks: T[][] = [];
  let chunk: T[] = [];
  for (const item of items) {
    const grown = [...chunk, item];
    const full = grown.length > maxItems || messageSize(render(grown, widest)) > limit;
    if (full && chunk.length) {
      chunks.push(chunk);
      chunk = [item];
    } else {
      chunk = grown;
    }
  }
  if (chunk.length) chunks.push(chunk);
  return chunks;
}

/** One page of a list as the person sees it: its items, its text, and where it is. */
export interface Page<T> {
  items: T[];
  text: string;
  page: number;
  pageCount: number;
}

/**
 * The page a button asked for (clamped: see `pageWindow`) of a list laid out in pages that
 * each fit in a message. Pages are recomputed from the list as it is now on every press, so
 * a person paging forward and back sees every item exactly once while the list is unchanged.
 */
export function pageOf<T>(
  items: readonly T[],
  render: ChunkRenderer<T>,
  requested: number,
  options: FitOptions = {},
): Page<T> {
  const chunks = splitToFit(items, render, options);
  const { page, pageCount } = pageWindow(requested, chunks.length, 1);
  const shown = chunks[page] ?? [];
  return { items: shown, page, pageCount, text: render(shown, { index: page, count: pageCount }) };
}

/**
 * A digest (a text nobody pages through, such as `/admin jobs`) as several messages when it
 * does not fit in one, each rendered with its part number; an empty digest is one message.
 */
export function splitDigest<T>(
  items: readonly T[],
  render: ChunkRenderer<T>,
  options: FitOptions = {},
): string[] {
  const chunks = splitToFit(items, render, options);
  if (!chunks.length) return [render([], { index: 0, count: 1 })];
  return chunks.map((chunk, index) => render(chunk, { index, count: chunks.length }));
}

/** A page number from button data, which is untrusted: digits only; the range is clamped later. */
export function parsePageNumber(arg: string | undefined): number | null {
  return arg !== undefined && /^\d{1,6}$/.test(arg) ? Number(arg) : null;
}
