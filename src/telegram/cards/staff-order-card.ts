import { DateTime } from 'luxon';
import { Markup } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import { formatRubles } from '../../orders/money';
import type { OrderHistoryEntry } from '../../orders/order-queries.service';
import { ACTIVE_STATUSES } from '../../orders/order-status';
import type { Order } from '../../orders/order.repository';
import { botTexts } from '../../texts/ru/bot';
import { orderHistoryTexts, STATUS_LABELS } from '../../texts/ru/orders';
import { displayName } from '../../users/users.service';
import { orderCallback } from '../callback-data';
import { escapeHtml } from './html';
import { longRepairLines } from './work-group-card';

const when = (date: Date | null | undefined, zone: string) =>
  date ? DateTime.fromJSDate(date, { zone }).toFormat('dd.MM.yyyy HH:mm') : '—';

/** The latest history steps the card shows; a long-lived order keeps the card readable. */
const HISTORY_SHOWN = 8;

/**
 * The order card for admins and dispatchers (docs/product.md §3.3): everything, phone included,
 * and a summary of the order's history.
 */
export function staffOrderCard(
  order: Order,
  zone: string,
  options: { isAdmin: boolean; history: OrderHistoryEntry[] },
) {
  const master = order.master?.user ? displayName(order.master.user) : '—';
  const dispatcher = order.dispatcher ? displayName(order.dispatcher) : '—';
  const lines = [
    `<b>Заявка #${order.id}</b> — ${STATUS_LABELS[order.status]}`,
    `🔧 ${escapeHtml(order.equipmentType)}`,
    `📝 ${escapeHtml(order.problem)}`,
    `📍 ${escapeHtml(order.clientAddress)}`,
    `👤 ${escapeHtml(order.clientName)}`,
    `📞 ${order.clientPhone}`,
    `🕐 Прибытие: ${escapeHtml(order.arrivalText ?? '—')}`,
    ...(order.notes ? [`🗒 ${escapeHtml(order.notes)}`] : []),
    `👨‍🔧 Мастер: ${escapeHtml(master)}`,
    `🧑‍💼 Диспетчер: ${escapeHtml(dispatcher)}`,
    `📅 Создана: ${when(order.createdAt, zone)}`,
    ...(order.status === 'DR' ? longRepairLines(order) : []),
    ...(order.refusalReason ? [`❌ Причина: ${escapeHtml(order.refusalReason)}`] : []),
    ...(order.status === 'CLOSED' ? moneyBlock(order, zone) : []),
    ...historySummary(options.history, zone),
  ];
  return {
    text: lines.join('\n'),
    keyboard: Markup.inlineKeyboard(buttons(order, options.isAdmin)),
  };
}

function historySummary(history: OrderHistoryEntry[], zone: string): string[] {
  if (!history.length) return [];
  const shown = history.slice(-HISTORY_SHOWN);
  const earlier = history.length - shown.length;
  return [
    '',
    orderHistoryTexts.title(history.length),
    ...(earlier ? [orderHistoryTexts.earlier(earlier)] : []),
    ...shown.map((step) =>
      orderHistoryTexts.line({
        at: DateTime.fromJSDate(step.at, { zone }).toFormat('dd.MM HH:mm'),
        action: step.action,
        actorName: step.actorName,
        reason: step.reason,
      }),
    ),
  ];
}

function moneyBlock(order: Order, zone: string): string[] {
  return [
    '',
    `💰 Сумма: ${formatRubles(order.totalKopecks ?? 0)}`,
    `🧰 Материалы: ${formatRubles(order.materialsKopecks ?? 0)}`,
    `💵 Чистыми: ${formatRubles(order.netKopecks ?? 0)}`,
    `👨‍🔧 Мастеру: ${formatRubles(order.masterShareKopecks ?? 0)} · 🏢 Компании: ${formatRubles(order.companyShareKopecks ?? 0)}`,
    `⭐ Отзыв: ${order.reviewTaken ? 'да' : 'нет'} · 🚗 За город: ${order.outOfCity ? 'да' : 'нет'}`,
    `✅ Закрыта: ${when(order.closedAt, zone)}`,
  ];
}

/** Buttons by state; every press is re-checked by the domain. */
function buttons(order: Order, isAdmin: boolean): InlineKeyboardButton[][] {
  const button = (text: string, action: Parameters<typeof orderCallback>[0]) =>
    Markup.button.callback(text, orderCallback(action, order.id, order.version));
  const rows: InlineKeyboardButton[][] = [];
  const { status } = order;
  if (status === 'NEW') rows.push([button('👨‍🔧 Назначить мастера', 'assign')]);
  if (status === 'ASSIGNED') rows.push([button('🔄 Переназначить мастера', 'reassign')]);
  if (['ASSIGNED', 'ACCEPTED', 'ONSITE', 'DR'].includes(status))
    rows.push([button('🚫 Снять мастера', 'unassign')]);
  if (['ASSIGNED', 'ACCEPTED', 'ONSITE'].includes(status))
    rows.push([button('📞 Клиент ждет', 'waiting')]);
  if (isAdmin) rows.push(...onBehalfButtons(order, button));
  if (ACTIVE_STATUSES.includes(status)) {
    rows.push([button('✏️ Редактировать', 'edit'), button('❌ Отменить заявку', 'cancel')]);
  }
  if (status === 'REFUSED') rows.push([button('♻️ Восстановить заявку', 'restore')]);
  rows.push([Markup.button.callback(botTexts.buttons.back, 'l:menu')]);
  return rows;
}

/** docs/product.md §5.3: an admin acts for the master; the same handlers as the master's card. */
function onBehalfButtons(
  order: Order,
  button: (text: string, action: Parameters<typeof orderCallback>[0]) => InlineKeyboardButton,
): InlineKeyboardButton[][] {
  switch (order.status) {
    case 'ASSIGNED':
      return [[button('✅ Принять (за мастера)', 'accept')]];
    case 'ACCEPTED':
      return [[button('🏠 На объекте (за мастера)', 'onsite'), button('⏳ ДР (за мастера)', 'dr')]];
    case 'ONSITE':
    case 'DR':
      return [
        [
          button('💰 Завершить (за мастера)', 'complete'),
          button('❌ Отказ (за мастера)', 'crefused'),
        ],
        ...(order.status === 'ONSITE' ? [[button('⏳ ДР (за мастера)', 'dr')]] : []),
      ];
    default:
      return [];
  }
}
