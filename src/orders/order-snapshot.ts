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

/** The money of a closed order (kopecks): admins only in the API, always in `order.closed`. */
export function orderMoney(order: Order) {
  return order.totalKopecks === null
    ? null
    : {
        totalKopecks: order.totalKopecks,
        materialsKopecks: order.materialsKopecks,
        netKopecks: order.netKopecks,
        masterShareKopecks: order.masterShareKopecks,
        companyShareKopecks: order.companyShareKopecks,
        reviewTaken: order.reviewTaken,
        outOfCity: order.outOfCity,
      };
}
