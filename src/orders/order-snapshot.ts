import type { Order } from './order.entity';

/** An order as other systems read it: the REST API's answers and the webhook events. */
export function orderSnapshot(order: Order) {
  return {
    id: order.id,
    version: order.version,
    status: order.status,
    equipmentType: order.equipmentType,
    problem: order.problem,
    clientName: order.clientName,
    clientAddress: order.clientAddress,
    clientPhone: order.clientPhone,
    notes: order.notes,
    arrivalText: order.arrivalText,
    arrivalFrom: order.arrivalFrom,
    arrivalTo: order.arrivalTo,
    masterId: order.masterId,
    dispatcherId: order.dispatcherId,
    rescheduleCount: order.rescheduleCount,
    refusalReason: order.refusalReason,
    longRepair: order.drExpectedDate
      ? {
          expectedDate: order.drExpectedDate,
          parts: order.drParts,
          preliminaryKopecks: order.drPreliminaryKopecks,
          prepaymentKopecks: order.drPrepaymentKopecks,
        }
      : null,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    closedAt: order.closedAt,
  };
}

export type OrderSnapshot = ReturnType<typeof orderSnapshot>;

const MONEY_FIELDS = [
  'totalKopecks',
  'materialsKopecks',
  'netKopecks',
  'masterShareKopecks',
  'companyShareKopecks',
  'reviewTaken',
  'outOfCity',
] as const;

/** The money of a closed order (kopecks): admins only in the API, always in `order.closed`. */
export function orderMoney(order: Order) {
  if (order.totalKopecks === null) return null;
  return Object.fromEntries(MONEY_FIELDS.map((field) => [field, order[field]])) as Pick<
    Order,
    (typeof MONEY_FIELDS)[number]
  >;
}
