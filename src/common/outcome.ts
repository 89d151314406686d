/** Why a use case did not happen; the adapter shows `message` and the user tries again or not. */
export type FailureCode =
  'not_found' | 'forbidden' | 'not_your_order' | 'wrong_status' | 'already_changed' | 'invalid';

export type Outcome<T> =
  { ok: true; value: T } | { ok: false; code: FailureCode; message: string; field?: string };

export const success = <T>(value: T): Outcome<T> => ({ ok: true, value });

export const failure = <T = never>(
  code: FailureCode,
  message: string,
  field?: string,
): Outcome<T> => ({ ok: false, code, message, ...(field ? { field } : {}) });
