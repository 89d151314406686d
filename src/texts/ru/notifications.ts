import { formatRubles } from '../../orders/money';
import type { OrderStatus } from '../../orders/order-status';
import { escapeHtml as e } from '../../common/html';
import { EDIT_FIELD_LABELS } from './dispatcher';
import { STATUS_LABELS } from './orders';

// Every text here is HTML (parse_mode HTML); whatever people typed is escaped where it is used.

/** An order as a notification names it: as it is now, and who made the change. */
export interface OrderFacts {
  orderId: number;
  equipmentType: string;
  problem: string;
  clientName: string;
  clientAddress: string;
  clientPhone: string;
  /** Shown in the business time zone, or what was typed when it is not a time. */
  arrival: string | null;
  masterName: string | null;
  actorName: string;
  onBehalfOfMaster: boolean;
}

export interface MoneyFacts {
  totalKopecks: number;
  materialsKopecks: number;
  netKopecks: number;
  masterShareKopecks: number;
  companyShareKopecks: number;
  reviewTaken: boolean;
  outOfCity: boolean;
}

const lines = (...parts: (string | null | false | undefined)[]) =>
  parts.filter((part): part is string => typeof part === 'string').join('\n');

const brief = (o: OrderFacts) => `🔧 ${e(o.equipmentType)} · 📍 ${e(o.clientAddress)}`;

/** Who acted, with the master named when an admin acted for them (docs/product.md §5.3). */
const by = (o: OrderFacts) =>
  o.onBehalfOfMaster
    ? `👤 Администратор ${e(o.actorName)} от имени мастера ${e(o.masterName ?? '—')}`
    : `👤 Мастер ${e(o.actorName)}`;

const reasonLine = (reason: string | null) => reason && `💬 Причина: ${e(reason)}`;

const yesNo = (value: boolean) => (value ? 'да' : 'нет');

const moneyLines = (m: MoneyFacts) => [
  `💰 Сумма: ${formatRubles(m.totalKopecks)}`,
  `🧰 Материалы: ${formatRubles(m.materialsKopecks)}`,
  `💵 Чистыми: ${formatRubles(m.netKopecks)}`,
  `👨‍🔧 Мастеру: ${formatRubles(m.masterShareKopecks)} · 🏢 Компании: ${formatRubles(m.companyShareKopecks)}`,
];

/** Notifications of docs/product.md §7, one per outbox kind (docs/domain.md). */
export const notificationTexts = {
  orderCreated: (o: OrderFacts) =>
    lines(
      `🆕 <b>Новая заявка #${o.orderId}</b>`,
      `🔧 ${e(o.equipmentType)}`,
      `📝 ${e(o.problem)}`,
      `📍 ${e(o.clientAddress)}`,
      `👤 ${e(o.clientName)}`,
      `📞 ${o.clientPhone}`,
      o.arrival && `🕐 Прибытие: ${e(o.arrival)}`,
      `🧑‍💼 Создал: ${e(o.actorName)}`,
    ),
  accepted: (o: OrderFacts) => lines(`✅ Заявка #${o.orderId} принята мастером.`, brief(o), by(o)),
  onSite: (o: OrderFacts) =>
    lines(`🏠 Мастер на объекте по заявке #${o.orderId}.`, brief(o), by(o)),
  rescheduled: (o: OrderFacts, reason: string | null) =>
    lines(
      `📅 Визит по заявке #${o.orderId} перенесён.`,
      brief(o),
      `🕐 Новое время: ${e(o.arrival ?? '—')}`,
      reasonLine(reason),
      by(o),
    ),
  longRepair: (
    o: OrderFacts,
    repair: {
      expectedDate: string | null;
      parts: string | null;
      preliminaryKopecks: number | null;
      prepaymentKopecks: number | null;
    },
  ) =>
    lines(
      `⏳ Заявка #${o.orderId} переведена в длительный ремонт.`,
      brief(o),
      `📅 Срок: ${repair.expectedDate ?? '—'}`,
      `🔩 Запчасти: ${e(repair.parts ?? 'нет')}`,
      `💰 Предварительно: ${
        repair.preliminaryKopecks === null ? 'не указано' : formatRubles(repair.preliminaryKopecks)
      }`,
      `💳 Предоплата: ${
        repair.prepaymentKopecks === null ? 'нет' : formatRubles(repair.prepaymentKopecks)
      }`,
      by(o),
    ),
  masterCancelled: (o: OrderFacts, reason: string | null) =>
    lines(
      `↩️ Мастер отказался от заявки #${o.orderId}: она снова ждёт назначения.`,
      brief(o),
      reasonLine(reason),
      `👤 Мастер ${e(o.actorName)}`,
    ),
  clientRefused: (o: OrderFacts, reason: string | null) =>
    lines(
      `❌ Клиент отказался от заявки #${o.orderId} на объекте.`,
      brief(o),
      reasonLine(reason),
      by(o),
    ),
  completed: (o: OrderFacts, money: MoneyFacts) =>
    lines(
      `💰 <b>Заявка #${o.orderId} завершена</b>`,
      brief(o),
      ...moneyLines(money),
      `⭐ Отзыв: ${yesNo(money.reviewTaken)} · 🚗 За город: ${yesNo(money.outOfCity)}`,
      by(o),
    ),
  restored: (o: OrderFacts) =>
    lines(
      `♻️ Заявка #${o.orderId} восстановлена и ждёт назначения мастера.`,
      brief(o),
      `🧑‍💼 Восстановил: ${e(o.actorName)}`,
    ),
  /** «📞 Клиент ждет»: the phone goes to the master on purpose (docs/product.md §2.3). */
  clientWaiting: (o: OrderFacts, phone: string) =>
    lines(
      `📞 <b>Клиент ждёт!</b> Заявка #${o.orderId}`,
      `📍 ${e(o.clientAddress)}`,
      `👤 ${e(o.clientName)}`,
      `📞 ${e(phone)}`,
      `🧑‍💼 Сообщил: ${e(o.actorName)}`,
    ),
  cancelled: (o: OrderFacts, reason: string | null) =>
    lines(
      `🚫 Заявка #${o.orderId} отменена.`,
      brief(o),
      reasonLine(reason),
      `🧑‍💼 Отменил: ${e(o.actorName)}`,
    ),
  edited: (o: OrderFacts, field: string | null) =>
    lines(
      `✏️ В заявке #${o.orderId} изменено: ${fieldLabel(field)}.`,
      'Карточка заявки обновлена.',
      `🧑‍💼 Изменил: ${e(o.actorName)}`,
    ),
  actedOnBehalf: (o: OrderFacts, status: OrderStatus | null) =>
    `ℹ️ Администратор ${e(o.actorName)} изменил статус от имени мастера ${e(o.masterName ?? '—')}: заявка #${o.orderId}${status ? ` — ${STATUS_LABELS[status]}` : ''}.`,
  masterAdded: () =>
    '✅ Поздравляем! Вы добавлены в систему как мастер.\nНажмите /start, чтобы открыть меню мастера.',
  masterDeactivated: () =>
    '⏸ Ваш профиль мастера деактивирован: новые заявки вам не назначаются. Вопросы — к администратору.',
  masterFired: () =>
    '💼 Вы больше не мастер в системе. История ваших заявок сохранена. Вопросы — к администратору.',
  /** To admins, when a notification could not be delivered after every retry. */
  outboxFailed: (f: {
    notificationId: number;
    kind: string;
    chatId: number;
    attempts: number;
    reason: string;
  }) =>
    lines(
      '⚠️ <b>Уведомление не доставлено</b>',
      `#${f.notificationId} «${e(f.kind)}» → чат ${f.chatId}`,
      `Попыток: ${f.attempts}`,
      `Причина: ${e(f.reason)}`,
      '',
      'Все недоставленные: /admin outbox',
    ),
};

function fieldLabel(field: string | null): string {
  const label = field && EDIT_FIELD_LABELS[field as keyof typeof EDIT_FIELD_LABELS];
  return label ? `«${label}»` : 'данные заявки';
}

/** The order card in the master's work group (docs/product.md §4.1). */
export const workGroupCardTexts = {
  assigned: '🔔 <b>Новая заявка назначена!</b>',
  title: (orderId: number, status: OrderStatus) =>
    `<b>Заявка #${orderId}</b> — ${STATUS_LABELS[status]}`,
  equipmentType: (value: string) => `🔧 Тип: ${e(value)}`,
  problem: (value: string) => `📝 Проблема: ${e(value)}`,
  address: (value: string) => `📍 Адрес: ${e(value)}`,
  client: (value: string) => `👤 Клиент: ${e(value)}`,
  phoneHidden: '📞 Телефон: будет доступен после прибытия на объект',
  phone: (value: string) => `📞 Телефон: ${e(value)}`,
  arrival: (value: string) => `🕐 Время прибытия: ${e(value)}`,
  notes: (value: string) => `🗒 Заметки: ${e(value)}`,
  assignedAt: (value: string) => `📌 Назначена: ${value}`,
  repairUntil: (date: string) => `⏳ Ремонт до: ${date}`,
  repairParts: (parts: string) => `🔩 Запчасти: ${e(parts)}`,
  repairPreliminary: (kopecks: number) => `💰 Предварительно: ${formatRubles(kopecks)}`,
  repairPrepayment: (kopecks: number) => `💳 Предоплата: ${formatRubles(kopecks)}`,
  closed: (money: MoneyFacts) => ['', '✅ <b>Заявка завершена</b>', ...moneyLines(money)],
  refused: (reason: string | null) => ['', `❌ <b>Отказ</b>${reason ? `: ${e(reason)}` : ''}`],
  actedOnBehalf: (adminName: string) =>
    `✍️ Изменено администратором ${e(adminName)} от имени мастера`,
  withdrawn: (orderId: number) =>
    `🚫 <b>Заявка #${orderId} снята</b>\nОна больше не назначена на эту группу.`,
  buttons: {
    accept: '✅ Принять заявку',
    cancel: '❌ Отмена',
    reschedule: '📅 Перенести визит',
    onSite: '🏠 Я на объекте',
    complete: '💰 Завершить',
    longRepair: '⏳ ДР',
    clientRefused: '❌ Отказ клиента',
    completeRepair: '💰 Завершить ремонт',
    backOnSite: '🏠 Снова на объекте',
  },
} as const;
