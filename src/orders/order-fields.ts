import { normalizeInput } from '../common/normalize-input';
import { normalizePhone } from '../common/phone';

/** Fields with a minimum and a maximum length. */
type BoundedField = 'problem' | 'clientName' | 'clientAddress' | 'reason';

/** Why a typed answer is refused; the adapter words it before asking the question again. */
export type FieldReason =
  | { reason: 'command_not_an_answer' }
  | { reason: 'unknown_equipment_type'; types: readonly string[] }
  | { reason: 'too_short'; of: BoundedField; min: number }
  | { reason: 'too_long'; of: BoundedField | 'notes' | 'arrival'; length: number; max: number }
  | { reason: 'name_without_letter' }
  | { reason: 'address_without_house_number' }
  | { reason: 'bad_client_phone' };

/** A typed answer, normalized, or the reason it is refused. */
export type FieldResult<T> = { ok: true; value: T } | ({ ok: false } & FieldReason);

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

export type FieldProblem = FieldReason & { field: keyof NewOrder };

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
  if (COMMAND.test(input)) return refused({ reason: 'command_not_an_answer' });
  const wanted = normalizeInput(input).toLowerCase();
  const type = types.find((candidate) => candidate.toLowerCase() === wanted);
  return type === undefined ? refused({ reason: 'unknown_equipment_type', types }) : accepted(type);
}

/** What is broken; may span several lines, so only the ends are trimmed. */
export function validateProblem(input: string): FieldResult<string> {
  if (COMMAND.test(input)) return refused({ reason: 'command_not_an_answer' });
  const text = normalizeInput(input);
  return lengthProblem(text, 'problem') ?? accepted(text);
}

/** A name needs a letter: "123" or "..." is a slip of the keyboard, not a client. */
export function validateClientName(input: string): FieldResult<string> {
  if (COMMAND.test(input)) return refused({ reason: 'command_not_an_answer' });
  const name = singleLine(input);
  const problem = lengthProblem(name, 'clientName');
  if (problem) return problem;
  return LETTER.test(name) ? accepted(name) : refused({ reason: 'name_without_letter' });
}

/** A master cannot find a client without a house number, so an address must contain a digit. */
export function validateClientAddress(input: string): FieldResult<string> {
  if (COMMAND.test(input)) return refused({ reason: 'command_not_an_answer' });
  const address = singleLine(input);
  const problem = lengthProblem(address, 'clientAddress');
  if (problem) return problem;
  return DIGIT.test(address)
    ? accepted(address)
    : refused({ reason: 'address_without_house_number' });
}

/** Stored as `+7XXXXXXXXXX`, the form phone search looks for. */
export function validateClientPhone(input: string): FieldResult<string> {
  if (COMMAND.test(input)) return refused({ reason: 'command_not_an_answer' });
  const phone = normalizePhone(normalizeInput(input));
  return phone === null ? refused({ reason: 'bad_client_phone' }) : accepted(phone);
}

/** Optional: empty or "-" means no notes (`null`). */
export function validateNotes(input: string): FieldResult<string | null> {
  if (COMMAND.test(input)) return refused({ reason: 'command_not_an_answer' });
  const text = normalizeInput(input);
  if (text === '' || CLEAR_MARK.test(text)) return accepted(null);
  const length = characterCount(text);
  const { max } = ORDER_FIELD_LIMITS.notes;
  return length > max ? refused({ reason: 'too_long', of: 'notes', length, max }) : accepted(text);
}

/** Why an order is cancelled or refused; kept in the history and in the master's stats. */
export function validateReason(input: string): FieldResult<string> {
  if (COMMAND.test(input)) return refused({ reason: 'command_not_an_answer' });
  const text = normalizeInput(input);
  return lengthProblem(text, 'reason') ?? accepted(text);
}

/**
 * The arrival answer before it is parsed: a time or an instruction for the master, kept
 * verbatim, so it needs a bound of its own. Empty means none (`null`).
 */
export function validateArrivalText(input: string): FieldResult<string | null> {
  if (COMMAND.test(input)) return refused({ reason: 'command_not_an_answer' });
  const text = normalizeInput(input);
  if (text === '') return accepted(null);
  const length = characterCount(text);
  const { max } = ORDER_FIELD_LIMITS.arrival;
  return length > max
    ? refused({ reason: 'too_long', of: 'arrival', length, max })
    : accepted(text);
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
    if (result.ok) return [];
    const { ok: _ok, ...reason } = result;
    return [{ ...reason, field }];
  });
}

function lengthProblem(text: string, of: BoundedField): ({ ok: false } & FieldReason) | undefined {
  const { min, max } = ORDER_FIELD_LIMITS[of];
  const length = characterCount(text);
  if (length < min) return refused({ reason: 'too_short', of, min });
  if (length > max) return refused({ reason: 'too_long', of, length, max });
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

function refused(reason: FieldReason): { ok: false } & FieldReason {
  return { ok: false, ...reason };
}
