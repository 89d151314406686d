import { AnyReason, reasonText } from '../../src/texts/ru/reasons';

/** A result as the user reads it: a refusal gets its `message`, worded by the Russian catalog. */
export function worded<T extends { ok: true } | ({ ok: false } & AnyReason)>(result: T) {
  return result.ok ? result : { ...result, message: reasonText(result as AnyReason) };
}
