import type { OrderStatus } from '../../orders/order-status';

export const STATUS_LABELS: Record<OrderStatus, string> = {
  NEW: '🆕 Новая',
  ASSIGNED: '👨‍🔧 Назначена',
  ACCEPTED: '✅ Принята',
  ONSITE: '🏠 На объекте',
  DR: '⏳ Длительный ремонт',
  CLOSED: '💰 Завершена',
  REFUSED: '❌ Отказ',
};

/** What the order use cases answer when they refuse (FEATURES.md §2). */
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
