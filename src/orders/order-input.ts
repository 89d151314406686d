import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock } from '../common/clock';
import { failure, Outcome, success } from '../common/outcome';
import { BusinessConfig } from '../config/business-config';
import type { Environment } from '../config/environment';
import { parseArrivalTime } from './arrival-time.parser';
import { parseLongRepairDate } from './long-repair-date';
import { isAmount, parseOptionalRubles } from './money';
import {
  NewOrderDraft,
  validateArrivalText,
  validateClientAddress,
  validateClientName,
  validateClientPhone,
  validateEquipmentType,
  validateNewOrder,
  validateNotes,
  validateProblem,
  validateReason,
} from './order-fields';
import { searchAddressOf } from './order-search.service';
import type { OrderReason } from './order-reasons';
import type { Order } from './order.entity';

export interface NewOrderInput extends NewOrderDraft {
  /** As the dispatcher typed it: a time (§2.4) or a free-text instruction; empty to skip. */
  arrivalText?: string | null;
  /**
   * The dialog's draft id: the same key creates one order however often it is confirmed
   * (a confirm redelivered after a crash gets the order it already made).
   */
  creationKey?: string;
}

const ORDER_EDIT_FIELDS = [
  'equipmentType',
  'problem',
  'clientAddress',
  'clientName',
  'clientPhone',
  'notes',
  'arrival',
] as const;
/** A long repair's own data, editable while the order is in DR. */
const LONG_REPAIR_EDIT_FIELDS = ['drExpectedDate', 'drPrepayment'] as const;
type LongRepairField = (typeof LONG_REPAIR_EDIT_FIELDS)[number];

/** The fields «✏️ Редактировать» offers (docs/product.md §3.4). */
export type EditableField = (typeof ORDER_EDIT_FIELDS)[number] | LongRepairField;

/** docs/product.md §3.4: every order's fields, and for DR orders the completion date and prepayment. */
export function editableFields(status: Order['status'] | undefined): EditableField[] {
  return status === 'DR'
    ? [...ORDER_EDIT_FIELDS, ...LONG_REPAIR_EDIT_FIELDS]
    : [...ORDER_EDIT_FIELDS];
}

const isLongRepairField = (field: EditableField): field is LongRepairField =>
  (LONG_REPAIR_EDIT_FIELDS as readonly string[]).includes(field);

export type ArrivalFields = Pick<Order, 'arrivalText' | 'arrivalFrom' | 'arrivalTo'>;

/** What a long repair stores, checked (also the audit details and the notice, as they are). */
export type LongRepairDetails = {
  expectedDate: string;
  parts: string | null;
  preliminaryKopecks: number | null;
  prepaymentKopecks: number | null;
};

/**
 * What people type for an order, read into its fields before any transaction: the new order's
 * fields, the arrival time (§2.4) against the clock, a reschedule, a long repair, one edited
 * field. Untrusted input in, an `invalid` failure naming the field out.
 */
@Injectable()
export class OrderInput {
  constructor(
    private readonly business: BusinessConfig,
    private readonly config: ConfigService<Environment, true>,
    private readonly clock: Clock,
  ) {}

  /** Every field of a new order, or every problem at once. */
  newOrder(input: NewOrderInput): Outcome<NewOrderDraft & ArrivalFields, OrderReason> {
    const validated = validateNewOrder(input, this.business.equipmentTypes);
    if (!validated.ok) {
      const { problems } = validated;
      return failure('invalid', { reason: 'fields_invalid', problems }, problems[0].field);
    }
    const arrival = this.arrival(input.arrivalText);
    return arrival.ok ? success({ ...validated.value, ...arrival.value }) : arrival;
  }

  /** Parses what was typed; an instruction is kept verbatim without a time. */
  arrival(text: string | null | undefined): Outcome<ArrivalFields, OrderReason> {
    const checked = validateArrivalText(text ?? '');
    if (!checked.ok) return failure('invalid', checked, 'arrival');
    const typed = checked.value;
    if (!typed) return success({ arrivalText: null, arrivalFrom: null, arrivalTo: null });
    const parsed = parseArrivalTime(typed, this.clock.now(), this.zone());
    if (parsed.kind === 'invalid') return failure('invalid', parsed, 'arrival');
    if (parsed.kind === 'instruction') {
      return success({ arrivalText: parsed.text, arrivalFrom: null, arrivalTo: null });
    }
    return success({ arrivalText: typed, arrivalFrom: parsed.from, arrivalTo: parsed.to });
  }

  /** A new visit must be a time, not an instruction; the reason is optional. */
  reschedule(
    arrivalInput: string,
    reasonInput: string | null,
  ): Outcome<{ arrival: ArrivalFields; reason: string | null }, OrderReason> {
    const arrival = this.arrival(arrivalInput);
    if (!arrival.ok) return arrival;
    if (!arrival.value.arrivalFrom) {
      return failure('invalid', { reason: 'reschedule_needs_time' }, 'arrival');
    }
    const reason = reasonInput?.trim() ? validateReason(reasonInput) : null;
    if (reason && !reason.ok) return failure('invalid', reason, 'reason');
    return success({ arrival: arrival.value, reason: reason?.value ?? null });
  }

  /** Completion date from tomorrow to +180 days; the amounts whole kopecks within the limit. */
  longRepair(repair: {
    expectedDate: string;
    parts: string | null;
    preliminaryKopecks: number | null;
    prepaymentKopecks?: number | null;
  }): Outcome<LongRepairDetails, OrderReason> {
    const date = this.longRepairDate(repair.expectedDate);
    if (!date.ok) return failure('invalid', date, 'expectedDate');
    const prepaymentKopecks = repair.prepaymentKopecks ?? null;
    for (const [field, kopecks] of [
      ['preliminary', repair.preliminaryKopecks],
      ['prepayment', prepaymentKopecks],
    ] as const) {
      if (kopecks !== null && !isAmount(kopecks)) {
        return failure('invalid', { reason: 'bad_amount' }, field);
      }
    }
    return success({
      expectedDate: date.isoDate,
      parts: repair.parts?.trim() || null,
      preliminaryKopecks: repair.preliminaryKopecks,
      prepaymentKopecks,
    });
  }

  /** One edited field, with the same checks as when it was first entered. */
  edited(field: EditableField, input: string): Outcome<Partial<Order>, OrderReason> {
    if (field === 'arrival') return this.arrival(input === '-' ? null : input);
    if (isLongRepairField(field)) return this.editedLongRepair(field, input);
    const validators = {
      equipmentType: (value: string) => validateEquipmentType(value, this.business.equipmentTypes),
      problem: validateProblem,
      clientAddress: validateClientAddress,
      clientName: validateClientName,
      clientPhone: validateClientPhone,
      notes: validateNotes,
    };
    const result = validators[field](input);
    if (!result.ok) return failure('invalid', result, field);
    const value = result.value;
    return success(
      field === 'clientAddress'
        ? { clientAddress: value as string, searchAddress: searchAddressOf(value as string) }
        : { [field]: value },
    );
  }

  /** The same checks as `longRepair`: a date from tomorrow to +180 days; an optional amount. */
  private editedLongRepair(
    field: LongRepairField,
    input: string,
  ): Outcome<Partial<Order>, OrderReason> {
    if (field === 'drExpectedDate') {
      const date = this.longRepairDate(input);
      return date.ok ? success({ drExpectedDate: date.isoDate }) : failure('invalid', date, field);
    }
    const amount = parseOptionalRubles(input);
    if (!amount.ok) return failure('invalid', amount, field);
    return success({ drPrepaymentKopecks: amount.kopecks });
  }

  private longRepairDate(input: string) {
    return parseLongRepairDate(input, this.clock.now(), this.zone());
  }

  private zone(): string {
    return this.config.get('TZ', { infer: true });
  }
}
