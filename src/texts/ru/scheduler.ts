import { escapeHtml as e } from '../../telegram/cards/html';
import { BACKUP_TEXTS } from './backup';
import { STATUS_LABELS } from './orders';
import type { OrderStatus } from '../../orders/order-status';

// Texts of the reminder jobs (docs/scheduler.md). HTML; whatever people typed is escaped.

export interface ReminderOrderLine {
  orderId: number;
  equipmentType: string;
  clientAddress: string;
  minutes: number;
}

/**
 * `reminder.unassigned`'s payload. A list too long for one message goes out in parts; each
 * part then says which it is (`part` of `parts`) and how many orders wait in all (`total`).
 */
export type UnassignedReminderPayload = {
  orders: ReminderOrderLine[];
  total?: number;
  part?: number;
  parts?: number;
};

const partOf = (p: UnassignedReminderPayload) =>
  p.parts && p.parts > 1 ? ` — часть ${p.part}/${p.parts}` : '';

/** `reminder.unassigned` → admins and dispatchers. */
export const unassignedReminder = (p: UnassignedReminderPayload) =>
  [
    `⏰ <b>Заявки без мастера</b> (${p.total ?? p.orders.length})${partOf(p)}:`,
    ...p.orders.map(
      (o) => `• #${o.orderId} ${e(o.equipmentType)}, ${e(o.clientAddress)} — ждёт ${o.minutes} мин`,
    ),
    'Назначьте мастера.',
  ].join('\n');

/** `reminder.unaccepted` → the master's work group and the order's dispatcher. */
export const unacceptedReminder = (p: ReminderOrderLine) =>
  `⏰ Заявка #${p.orderId} (${e(p.equipmentType)}, ${e(p.clientAddress)}) назначена ${p.minutes} мин назад и ещё не принята. Примите её или откажитесь.`;

/** `reminder.sla` → admins. */
export const slaReminder = (p: {
  orderId: number;
  status: OrderStatus;
  minutes: number;
  limitMinutes: number;
  hint: string;
}) =>
  `⚠️ Заявка #${p.orderId} в статусе «${STATUS_LABELS[p.status]}» уже ${p.minutes} мин (норма ${p.limitMinutes} мин).\n${p.hint}`;

export const SLA_HINTS: Record<string, string> = {
  NEW: 'Назначьте мастера.',
  ASSIGNED: 'Свяжитесь с мастером: он не принял заявку.',
  ACCEPTED: 'Уточните у мастера, когда он будет на месте.',
  ONSITE: 'Уточните у мастера, закрыта ли заявка или нужен длительный ремонт.',
};

/** `reminder.visit` → the master's work group. */
export const visitReminder = (p: {
  orderId: number;
  equipmentType: string;
  clientAddress: string;
  arrival: string;
  minutesLeft: number;
}) =>
  `🚗 Напоминание: визит по заявке #${p.orderId} (${e(p.equipmentType)}, ${e(p.clientAddress)}) в ${e(p.arrival)} — через ${p.minutesLeft} мин.`;

/** The template of each scheduler kind, for the notification renderer. */
export const SCHEDULER_TEMPLATES = {
  'reminder.unassigned': unassignedReminder,
  'reminder.unaccepted': unacceptedReminder,
  'reminder.sla': slaReminder,
  'reminder.visit': visitReminder,
  /** A scheduled report's text (composed by the reports module), shown as it is. */
  'report.text': (p: { text: string }) => e(p.text),
  'backup.done': (p: { file: string; bytes: number; tookMs: number }) =>
    e(BACKUP_TEXTS.done(p.file, p.bytes, p.tookMs)),
  'backup.failed': (p: { reason: string }) => e(BACKUP_TEXTS.failed(p.reason)),
} as const;

/** How `/admin jobs` names each job. */
export const JOB_LABELS: Record<string, string> = {
  'reminder.unassigned': '⏰ Заявки без мастера',
  'reminder.unaccepted': '⏰ Непринятые заявки',
  'reminder.sla': '⚠️ Контроль сроков',
  'reminder.visit': '🚗 Напоминания о визитах',
  'report.evening': '🌙 Вечерняя сводка',
  'report.daily': '📊 Ежедневный отчёт',
  'report.weekly': '📊 Еженедельный отчёт',
  'report.monthly': '📊 Ежемесячный отчёт',
  'report.masters_archive': '🗂 Архив мастеров за месяц',
  backup: '💾 Резервная копия',
  cleanup: '🧹 Очистка старых записей',
};
