import { parseOptionalRubles, parseRubles } from '../../orders/money';
import type { Parsed } from './step-dialog';
import { reasonText } from '../../texts/ru/reasons';

/** A typed sum in rubles, as a step's answer: kopecks, or the reason it is refused. */
export function rubles(text: string): Parsed<number> {
  const amount = parseRubles(text);
  return amount.ok
    ? { ok: true, value: amount.kopecks }
    : { ok: false, problem: reasonText(amount) };
}

/** A sum that may be absent ("нет", 0): kopecks or null. */
export function optionalRubles(text: string): Parsed<number | null> {
  const amount = parseOptionalRubles(text.trim());
  return amount.ok
    ? { ok: true, value: amount.kopecks }
    : { ok: false, problem: reasonText(amount) };
}
