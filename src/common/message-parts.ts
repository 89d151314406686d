// A list cut into messages that each fit Telegram's limit: shared by the adapter's pages and
// the scheduler's digests, which must not import the adapter.

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

/** Whether one chunk of a list, shown as the given part, fits in one message. */
export type ChunkFits<T> = (chunk: readonly T[], part: Part) => boolean;

/**
 * Cuts `items` into consecutive chunks, in order, none lost or repeated, so that each chunk
 * rendered by `render` fits in a message (see `splitWhereFits`).
 */
export function splitToFit<T>(
  items: readonly T[],
  render: ChunkRenderer<T>,
  { limit = MESSAGE_LIMIT, maxItems = Number.POSITIVE_INFINITY }: FitOptions = {},
): T[][] {
  return splitWhereFits(
    items,
    (chunk, part) => chunk.length <= maxItems && messageSize(render(chunk, part)) <= limit,
  );
}

/**
 * Cuts `items` into consecutive chunks, in order, none lost or repeated, each of which `fits`.
 * A chunk grows while it still fits shown with the largest part numbers it could show: a list
 * never has more parts than items, so the final «стр. N/M» is never longer than the one
 * measured. Cutting only between items means a message never ends inside a line or an HTML
 * tag. An item too long for a message on its own gets a chunk of its own; the field limits
 * keep every list item far below that.
 */
export function splitWhereFits<T>(items: readonly T[], fits: ChunkFits<T>): T[][] {
  const widest: Part = { index: items.length - 1, count: items.length };
  const chunks: T[][] = [];
  let chunk: T[] = [];
  for (const item of items) {
    const grown = [...chunk, item];
    const full = !fits(grown, widest);
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
