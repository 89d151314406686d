import { fail } from '../http/problem';

/** The order's version as its entity tag. */
export const etagOf = (version: number) => `"${version}"`;

/**
 * The version an `If-Match` names: `"3"`, `W/"3"` or `3`; undefined without one (or with `*`):
 * the change then applies to whatever version is current.
 */
export function versionFrom(ifMatch: string | undefined): number | undefined {
  const value = ifMatch?.trim();
  if (!value || value === '*') return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(value);
  if (!match) throw fail(400, 'bad_if_match', 'If-Match must be the ETag of the order, e.g. "3".');
  return Number(match[1]);
}
