import { normalizeInput } from '../common/normalize-input';
import { orderFieldTexts as texts } from '../texts/ru/order-fields';
import { normalizePhone } from './phone';

/** A typed answer, normalized, or the reason it is refused (shown before the question is asked again). */
export type FieldResult<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * docs/product.md §2.1; lengths count characters as people see them, after normalizing. Chosen so
 * that every message built from them fits Telegram's 4 096: the creation summary and the
 * cards carry all of them at once (500 + 500 + 200 + 1 000 + 200 + labels ≈ 2 500), a card
 * with its history a reason or two more (500 each).
 */
export const ORDER_FIELD_LIMITS = {
  problem: { min: 4, max: 500 },
  clientName: { min: 2, max: 200 },
  clientAddress: { min: 4, max: 500 },
  notes: { max: 1000 },
  reason: { min: 3, max: 500 },
  /** The `arrival_text` column is varchar(200). */
  arrival: { max: 200 },
} as const;

/** The order as the creation dialog collects it: raw answers. */
export interface NewOrderDraft {
  equipmentType: string;
  problem: string;
  clientName: string;
  clientAddress: string;
  clientPhone: string;
  notes?: string | null;
}

/** The same order, every field validated and normalized. */
export interface NewOrder {
  equipmentType: string;
  problem: string;
  clientName: string;
  clientAddress: string;
  clientPhone: string;
  notes: string | null;
}

export interface FieldProblem {
  field: keyof NewOrder;
  message: string;
}

export type NewOrderResult =
  { ok: true; value: NewOrder } | { ok: false; problems: FieldProblem[] };

// The dialog adapter intercepts commands too; this is the last guard against storing
// "/cancel" as a refusal reason, as an earlier implementation did (docs/product.md §12).
const COMMAND = /^\s*\//;
// "-" clears an optional field (§3.4); phone keyboards often turn it into an en or em dash.
const CLEAR_MARK = /^[-–—]$/;
const LETTER = /\p{L}/u;
const DIGIT = /\d/;

/** One of the configured types, case-insensitively; the value is the configured spelling. */
export function validateEquipmentType(
  input: string,
  types: readonly string[],
): FieldResult<string> {
  if (COMMAND.test(input)) return refused(texts.commandIsNotAnAnswer);
  const wanted = normalizeInput(input).toLowerCase();
  const type = types.find((candidate) => candidate.toLowerCase() === wanted);
  return type === undefined ? refused(texts.equipmentType.unknown(types)) : accepted(type);
}

/** What is broken; may span several lines, so only the ends are trimmed. */
export function validateProblem(input: string): FieldResult<string> {
  if (COMMAND.test(input)) return refused(texts.commandIsNotAnAnswer);
  const text = normalizeInput(input);
  return lengthProblem(text, ORDER_FIELD_LIMITS.problem, texts.problem) ?? accepted(text);
}

/** A name needs a letter: "123" or "..." is a slip of the keyboard, not a client. */
export function validateClientName(input: string): FieldResult<string> {
  if (COMMAND.test(input)) return refused(texts.commandIsNotAnAnswer);
  const name = singleLine(input);
  const problem = lengthProblem(name, ORDER_FIELD_LIMITS.clientName, texts.clientName);
  if (problem) return problem;
  return LETTER.test(name) ? accepted(name) : refused(texts.clientName.noLetter);
}

/** A master cannot find a client without a house number, so an address must contain a digit. */
export function validateClientAddress(input: string): FieldResult<string> {
  if (COMMAND.test(input)) return refused(texts.commandIsNotAnAnswer);
  const address = singleLine(input);
  const problem = lengthProblem(address, ORDER_FIELD_LIMITS.clientAddress, texts.clientAddress);
  if (problem) return problem;
  return DIGIT.test(address) ? accepted(address) : refused(texts.clientAddress.noHouseNumber);
}

/** Stored as `+7XXXXXXXXXX`, the form phone search looks for. */
export function validateClientPhone(input: string): FieldResult<string> {
  if (COMMAND.test(input)) return refused(texts.commandIsNotAnAnswer);
  const phone = normalizePhone(normalizeInput(input));
  return phone === null ? refused(texts.clientPhone.invalid) : accepted(phone);
}

/** Optional: empty or "-" means no notes (`null`). */
export function validateNotes(input: string): FieldResult<string | null> {
  if (COMMAND.test(input)) return refused(texts.commandIsNotAnAnswer);
  const text = normalizeInput(input);
  if (text === '' || CLEAR_MARK.test(text)) return accepted(null);
  const length = characterCount(text);
  const { max } = ORDER_FIELD_LIMITS.notes;
  return length > max ? refused(texts.notes.tooLong(length, max)) : accepted(text);
}

/** Why an order is cancelled or refused; kept in the history and in the master's stats. */
export function validateReason(input: string): FieldResult<string> {
  if (COMMAND.test(input)) return refused(texts.commandIsNotAnAnswer);
  const text = normalizeInput(input);
  return lengthProblem(text, ORDER_FIELD_LIMITS.reason, texts.reason) ?? accepted(text);
}

/**
 * The arrival answer before it is parsed: a time or an instruction for the master, kept
 * verbatim, so it needs a bound of its own. Empty means none (`null`).
 */
export function validateArrivalText(input: string): FieldResult<string | null> {
  if (COMMAND.test(input)) return refused(texts.commandIsNotAnAnswer);
  const text = normalizeInput(input);
  if (text === '') return accepted(null);
  const length = characterCount(text);
  const { max } = ORDER_FIELD_LIMITS.arrival;
  return length > max ? refused(texts.arrival.tooLong(length, max)) : accepted(text);
}

/** Validates every field of a draft and reports every problem at once, not just the first. */
export function validateNewOrder(draft: NewOrderDraft, types: readonly string[]): NewOrderResult {
  const equipmentType = validateEquipmentType(draft.equipmentType, types);
  const problem = validateProblem(draft.problem);
  const clientName = validateClientName(draft.clientName);
  const clientAddress = validateClientAddress(draft.clientAddress);
  const clientPhone = validateClientPhone(draft.clientPhone);
  const notes = validateNotes(draft.notes ?? '');

  if (
    equipmentType.ok &&
    problem.ok &&
    clientName.ok &&
    clientAddress.ok &&
    clientPhone.ok &&
    notes.ok
  ) {
    return {
      ok: true,
      value: {
        equipmentType: equipmentType.value,
        problem: problem.value,
        clientName: clientName.value,
        clientAddress: clientAddress.value,
        clientPhone: clientPhone.value,
        notes: notes.value,
      },
    };
  }
  const results = { equipmentType, problem, clientName, clientAddress, clientPhone, notes };
  return { ok: false, problems: problemsOf(results) };
}

function problemsOf(results: Record<keyof NewOrder, FieldResult<unknown>>): FieldProblem[] {
  return (Object.keys(results) as (keyof NewOrder)[]).flatMap((field) => {
    const result = results[field];
    return result.ok ? [] : [{ field, message: result.message }];
  });
}

interface LengthTexts {
  tooShort: (min: number) => string;
  tooLong: (length: number, max: number) => string;
}

function lengthProblem(
  text: string,
  limits: { min: number; max: number },
  messages: LengthTexts,
): { ok: false; message: string } | undefined {
  const length = characterCount(text);
  if (length < limits.min) return refused(messages.tooShort(limits.min));
  if (length > limits.max) return refused(messages.tooLong(length, limits.max));
  return undefined;
}

// A name or an address is one line in cards and lists; pasted line breaks and runs of
// spaces would break their layout.
function singleLine(input: string): string {
  return normalizeInput(input).replace(/\s+/gu, ' ').trim();
}

// Code points, not UTF-16 units: an emoji is one character to the person typing it and to
// PostgreSQL's varchar limit.
function characterCount(text: string): number {
  return [...text].length;
}

function accepted<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

function refused(message: string): { ok: false; message: string } {
  return { ok: false, message };
}
