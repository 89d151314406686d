/** One page of a list counted elsewhere (in SQL, or in chunks): which page, and where it starts. */
export interface PageWindow {
  /** 0-based; always a page that exists. */
  page: number;
  /** At least 1: an empty list has one empty page. */
  pageCount: number;
  /** How many items come before this page. */
  offset: number;
}

/**
 * Clamps a requested page into the list as it is now. The request comes from a button, so it
 * may be forged or stale (the list shrank since the button was sent): anything outside the
 * pages shows the nearest one instead of failing.
 */
export function pageWindow(requested: number, total: number, pageSize: number): PageWindow {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const wanted = Number.isSafeInteger(requested) ? requested : 0;
  const page = Math.min(Math.max(wanted, 0), pageCount - 1);
  return { page, pageCount, offset: page * pageSize };
}
