import type { ArrivalReason } from './arrival-time.parser';
import type { LongRepairDateReason } from './long-repair-date';
import type { MoneyReason } from './money';
import type { FieldProblem, FieldReason } from './order-fields';
import type { OrderStatus } from './order-status';

/** Why an order use case refuses (docs/product.md §2–§6), with what the wording needs. */
export type OrderRefusal =
  | { reason: 'order_not_found'; orderId: number }
  | { reason: 'forbidden' }
  | { reason: 'not_your_order' }
  | { reason: 'wrong_status'; status: OrderStatus }
  | { reason: 'already_changed'; orderId: number }
  | { reason: 'master_not_available' }
  | { reason: 'master_has_no_group' }
  | { reason: 'same_master' }
  | { reason: 'materials_over_total' }
  | { reason: 'bad_amount' }
  | { reason: 'reschedule_needs_time' }
  /** A new order with several fields refused at once: every problem, in the form's order. */
  | { reason: 'fields_invalid'; problems: FieldProblem[] };

/** Every reason the order use cases return, typed input included. */
export type OrderReason =
  OrderRefusal | FieldReason | ArrivalReason | MoneyReason | LongRepairDateReason;
