import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'telegraf/types';
import type { OrderStatus } from '../../orders/order-status';
import type { Order } from '../../orders/order.repository';
import { workGroupCardTexts as t } from '../../texts/ru/notifications';
import { OrderButton, orderCallback } from '../callback-data';
import { formatArrival, formatInstant, formatIsoDate } from './order-times';

/** A message for Telegram: HTML text and, while the order can move on, its buttons. */
export interface CardMessage {
  text: string;
  reply_markup?: InlineKeyboardMarkup;
}

export interface WorkGroupCardInput {
  order: Order;
  /** When the order was assigned to the master whose group shows the card. */
  assignedAt: Date | null;
  /** The business time zone. */
  zone: string;
  /** An admin who made the last change for the master: the card says so (docs/product.md §4.1). */
  actedOnBehalfBy?: string | null;
}

/** The master may see the client's phone from arrival on (docs/product.md §2.3). */
const PHONE_VISIBLE: readonly OrderStatus[] = ['ONSITE', 'DR', 'CLOSED'];

const BUTTONS: Partial<Record<OrderStatus, [keyof typeof t.buttons, OrderButton][]>> = {
  ASSIGNED: [
    ['accept', 'accept'],
    ['cancel', 'mcancel'],
    ['reschedule', 'resched'],
  ],
  ACCEPTED: [
    ['onSite', 'onsite'],
    ['reschedule', 'resched'],
    ['cancel', 'mcancel'],
  ],
  ONSITE: [
    ['complete', 'complete'],
    ['longRepair', 'dr'],
    ['clientRefused', 'crefused'],
  ],
  DR: [
    ['completeRepair', 'complete'],
    ['backOnSite', 'backonsite'],
  ],
};

/**
 * The order card in the master's work group (docs/product.md §4.1), rendered from the order as it
 * is now. Buttons carry the version they were drawn for, so a press on an old card is refused.
 */
export function workGroupCard({
  order,
  assignedAt,
  zone,
  actedOnBehalfBy,
}: WorkGroupCardInput): CardMessage {
  const arrival = formatArrival(order, zone);
  const text = [
    order.status === 'ASSIGNED' ? t.assigned : null,
    t.title(order.id, order.status),
    t.equipmentType(order.equipmentType),
    t.problem(order.problem),
    t.address(order.clientAddress),
    t.client(order.clientName),
    PHONE_VISIBLE.includes(order.status) ? t.phone(order.clientPhone) : t.phoneHidden,
    arrival ? t.arrival(arrival) : null,
    order.notes ? t.notes(order.notes) : null,
    assignedAt ? t.assignedAt(formatInstant(assignedAt, zone)) : null,
    ...outcome(order),
    actedOnBehalfBy ? t.actedOnBehalf(actedOnBehalfBy) : null,
  ]
    .filter((line): line is string => line !== null)
    .join('\n');

  const buttons = BUTTONS[order.status];
  if (!buttons) return { text };
  const row = (pairs: typeof buttons): InlineKeyboardButton[] =>
    pairs.map(([label, action]) => ({
      text: t.buttons[label],
      callback_data: orderCallback(action, order.id, order.version),
    }));
  // Two buttons a row: the labels stay readable on a phone.
  return {
    text,
    reply_markup: {
      inline_keyboard: [row(buttons.slice(0, 2)), row(buttons.slice(2))].filter((r) => r.length),
    },
  };
}

/** What the card becomes when the order leaves the group: no buttons, nothing to act on. */
export function withdrawnCard(orderId: number): CardMessage {
  return { text: t.withdrawn(orderId) };
}

/** A long repair's data as the cards show it (docs/product.md §2.1): what is known of it. */
export function longRepairLines(order: Order): string[] {
  return [
    ...(order.drExpectedDate ? [t.repairUntil(formatIsoDate(order.drExpectedDate))] : []),
    ...(order.drParts ? [t.repairParts(order.drParts)] : []),
    ...(order.drPreliminaryKopecks !== null
      ? [t.repairPreliminary(order.drPreliminaryKopecks)]
      : []),
    ...(order.drPrepaymentKopecks !== null ? [t.repairPrepayment(order.drPrepaymentKopecks)] : []),
  ];
}

function outcome(order: Order): string[] {
  switch (order.status) {
    case 'DR':
      return longRepairLines(order);
    case 'CLOSED':
      return t.closed({
        totalKopecks: order.totalKopecks ?? 0,
        materialsKopecks: order.materialsKopecks ?? 0,
        netKopecks: order.netKopecks ?? 0,
        masterShareKopecks: order.masterShareKopecks ?? 0,
        companyShareKopecks: order.companyShareKopecks ?? 0,
        reviewTaken: order.reviewTaken ?? false,
        outOfCity: order.outOfCity ?? false,
      });
    case 'REFUSED':
      return t.refused(order.refusalReason);
    default:
      return [];
  }
}
