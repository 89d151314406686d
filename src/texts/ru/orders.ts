import type { OrderAction } from '../../orders/order-state-machine';
import type { OrderStatus } from '../../orders/order-status';
import { reportLabels } from '../../reports/report-labels';
import { escapeHtml as e } from '../../common/html';

/** The status names the report files write, shown the same in every reply and card. */
export const STATUS_LABELS = reportLabels.statuses;

/** What the order use cases answer when they refuse (docs/product.md §2). */
export const orderTexts = {
  notFound: (orderId: number) => `❌ Заявка #${orderId} не найдена.`,
  forbidden: '⛔ У вас нет прав на это действие.',
  notYourOrder: '⛔ Эта заявка назначена другому мастеру.',
  wrongStatus: (status: OrderStatus) =>
    `⚠️ Действие недоступно: заявка в статусе «${STATUS_LABELS[status]}».`,
  alreadyChanged: (orderId: number) =>
    `⚠️ Заявка #${orderId} уже изменена другим пользователем. Откройте её заново.`,
  masterNotAvailable: '❌ Мастер не найден или не активен.',
  masterHasNoGroup:
    '⚠️ У мастера нет рабочей группы: назначить нельзя. Администратор может установить группу в карточке мастера.',
  sameMaster: 'ℹ️ Заявка уже назначена этому мастеру.',
  materialsOverTotal: '❌ Сумма расходных материалов не может быть больше общей суммы.',
  drDateInvalid:
    '❌ Неверная дата. Введите дату окончания ремонта в формате ДД.ММ.ГГГГ: от завтра до 180 дней вперёд.',
  rescheduleNeedsTime:
    '❌ Укажите новое время визита, например: «завтра в 15:00», «с 10 до 16», «25.10.2025 09:30».',
  badAmount: '❌ Неверная сумма: нужна неотрицательная сумма в рублях, например 5 000.',
} as const;

/** What each use case is called in the order card's history (docs/product.md §3.3). */
export const HISTORY_ACTIONS: Record<OrderAction | 'create', string> = {
  create: 'создана',
  assign: 'назначен мастер',
  reassign: 'мастер заменён',
  unassign: 'мастер снят',
  master_cancel: 'мастер отказался',
  accept: 'принята мастером',
  reschedule: 'визит перенесён',
  on_site: 'мастер на объекте',
  long_repair: 'длительный ремонт',
  back_on_site: 'снова на объекте',
  complete: 'завершена',
  client_refused: 'отказ клиента',
  cancel: 'отменена',
  restore: 'восстановлена',
  correct_money: 'исправлены суммы',
  edit: 'изменены данные',
  client_waiting: '«Клиент ждет»',
  delete: 'удалена',
  undelete: 'возвращена из удалённых',
};

// A reason may be 500 characters; the card shows its start.
const REASON_SHOWN = 80;

/** The history summary on the staff order card; HTML, whatever people typed is escaped. */
export const orderHistoryTexts = {
  title: (count: number) => `📜 <b>История</b> (${count}):`,
  line: (h: { at: string; action: string; actorName: string | null; reason: string | null }) => {
    const reason =
      h.reason && h.reason.length > REASON_SHOWN ? `${h.reason.slice(0, REASON_SHOWN)}…` : h.reason;
    const action = (HISTORY_ACTIONS as Record<string, string | undefined>)[h.action];
    return `• ${h.at} ${action ?? e(h.action)}${reason ? `: ${e(reason)}` : ''} — ${e(h.actorName ?? 'система')}`;
  },
  earlier: (count: number) => `… и ещё ${count} раньше`,
};
