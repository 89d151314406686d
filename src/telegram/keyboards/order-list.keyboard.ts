import { Markup } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import { ORDER_STATUSES, OrderStatus } from '../../orders/order-status';
import type { Order } from '../../orders/order.repository';
import { buttons } from '../buttons';
import { withPager } from '../pagination/pager';

const FILTER_LABELS: Record<OrderStatus, string> = {
  NEW: '🆕 Новые',
  ASSIGNED: '👨‍🔧 Назначенные',
  ACCEPTED: '✅ Принятые',
  ONSITE: '🏠 На объекте',
  DR: '⏳ Длительный ремонт',
  CLOSED: '💰 Завершенные',
  REFUSED: '❌ Отказы',
};

const STATUS_EMOJI: Record<OrderStatus, string> = {
  NEW: '🆕',
  ASSIGNED: '👨‍🔧',
  ACCEPTED: '✅',
  ONSITE: '🏠',
  DR: '⏳',
  CLOSED: '💰',
  REFUSED: '❌',
};

/** «📋 Все заявки»: one button per status with its count (docs/product.md §3.2). */
export function statusFilterKeyboard(counts: Record<OrderStatus, number>) {
  const filters = ORDER_STATUSES.map((status) =>
    Markup.button.callback(
      `${FILTER_LABELS[status]} (${counts[status]})`,
      buttons.listFilter.build({ status, page: 0 }),
    ),
  );
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < filters.length; i += 2) rows.push(filters.slice(i, i + 2));
  return Markup.inlineKeyboard(rows);
}

/** One page of orders as buttons "<emoji> #N — <type>", with ◀️/▶️ that keep their context. */
export function orderPageKeyboard(
  orders: Order[],
  page: { page: number; pageCount: number },
  pageButton: (page: number) => string,
  extraRows: InlineKeyboardButton[][] = [],
) {
  const rows: InlineKeyboardButton[][] = orders.map((order) => [
    Markup.button.callback(
      `${STATUS_EMOJI[order.status]} #${order.id} — ${order.equipmentType}`,
      buttons.orderCard.build({ action: 'card', orderId: order.id }),
    ),
  ]);
  return Markup.inlineKeyboard([...withPager(rows, page, pageButton), ...extraRows]);
}
