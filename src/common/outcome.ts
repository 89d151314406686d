/** The coarse kind of a refusal: what the REST API maps to an HTTP status. */
export type FailureCode =
  'not_found' | 'forbidden' | 'not_your_order' | 'wrong_status' | 'already_changed' | 'invalid';

/**
 * Why something was refused, as data and no text: `reason` names it, the other properties are
 * what its wording needs. Each module declares its own union; each adapter words it from its
 * own catalog (`texts/ru/reasons.ts`).
 */
export interface Reason {
  reason: string;
}

export type Failure<R extends Reason> = R & { ok: false; code: FailureCode; field?: string };

/** A use case's result; `R` is the union of the reasons that use case may refuse with. */
export type Outcome<T, R extends Reason> = { ok: true; value: T } | Failure<R>;

export const success = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export const failure = <const R extends Reason>(
  code: FailureCode,
  reason: R,
  field?: string,
): Failure<R> => ({
  ...reason,
  ok: false,
  code,
  ...(field ? { field } : {}),
});
