import type { EditableField } from '../../orders/orders.service';
import type { Order } from '../../orders/order.repository';
import { EMPTY_FORM, OrderFormValues } from '../views/order-form.view';

/** The form's fields from an untrusted body: strings only, anything else is empty. */
export function formValues(body: Record<string, unknown>): OrderFormValues {
  const text = (name: keyof OrderFormValues) =>
    typeof body[name] === 'string' ? (body[name] as string) : '';
  return Object.fromEntries(
    Object.keys(EMPTY_FORM).map((name) => [name, text(name as keyof OrderFormValues)]),
  ) as unknown as OrderFormValues;
}

/** The order as the edit form shows it. */
export function valuesOf(order: Order): OrderFormValues {
  return {
    equipmentType: order.equipmentType,
    problem: order.problem,
    clientAddress: order.clientAddress,
    clientName: order.clientName,
    clientPhone: order.clientPhone,
    notes: order.notes ?? '',
    arrival: order.arrivalText ?? '',
  };
}

/**
 * The edits to make, one use case call per changed field (as «✏️ Редактировать» in the bot):
 * an emptied optional field is sent as "-", which clears it there too.
 */
export function changedFields(
  before: OrderFormValues,
  after: OrderFormValues,
): { field: EditableField; input: string }[] {
  return (Object.keys(EMPTY_FORM) as (keyof OrderFormValues)[])
    .filter((name) => after[name].trim() !== before[name].trim())
    .map((name) => ({ field: name, input: after[name].trim() === '' ? '-' : after[name] }));
}

/** A number from a form field, or null. */
export function intField(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value.trim())) return null;
  return Number(value.trim());
}
