import { ChunkRenderer, FitOptions, splitToFit } from '../../common/message-parts';
import { pageWindow } from '../../common/page-window';

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
