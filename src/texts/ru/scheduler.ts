import { escapeHtml as e } from '../../common/html';
import { BACKUP_TEXTS, shortReason } from './backup';
import { STATUS_LABELS } from './orders';
import type { OrderStatus } from '../../orders/order-status';
import type { ReportNote } from '../../reports/report-summary';
import { reportNoteText } from './report-summary';

// Texts of the reminder jobs (docs/scheduler.md). HTML; whatever people typed is escaped.
// Each template takes the fields of its outbox payload it words (notifications/outbox-events.ts;
// the Telegram renderer's table checks that they match).

/** An order in a reminder's list, with how long it has waited. */
interface ListedOrder {
  orderId: number;
  equipmentType: string;
  clientAddress: string;
  minutes: number;
}

/** This run's reminders, the morning digest, and the part of a list cut into several messages. */
interface ReminderList {
  orders: ListedOrder[];
  stillWaiting: ListedOrder[];
  part?: { index: number; count: number; orders: number; stillWaiting: number };
}

/** "15 мин", "2 ч", "13 ч 5 мин": a night's wait is easier to read in hours. */
const waited = (minutes: number) => {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (!hours) return `${rest} мин`;
  return rest ? `${hours} ч ${rest} мин` : `${hours} ч`;
};

const orderLine = (o: ListedOrder, wait: string) =>
  `• #${o.orderId} ${e(o.equipmentType)}, ${e(o.clientAddress)} — ${wait}`;

/** A titled list with the whole list's count (and the part, if any), or nothing. */
const section = (
  title: string,
  lines: string[],
  total: number,
  part?: { index: number; count: number },
) =>
  lines.length
    ? [
        `${title} (${total})${part && part.count > 1 ? ` — часть ${part.index + 1}/${part.count}` : ''}:`,
        ...lines,
      ]
    : [];

/** `reminder.unassigned` → admins and dispatchers. */
export const unassignedReminder = (p: ReminderList) =>
  [
    ...section(
      '⏰ <b>Заявки без мастера</b>',
      p.orders.map((o) => orderLine(o, `ждёт ${waited(o.minutes)}`)),
      p.part?.orders ?? p.orders.length,
      p.part,
    ),
    ...section(
      '🌅 <b>Утренняя сводка: всё ещё без мастера</b>',
      p.stillWaiting.map((o) => orderLine(o, `ждёт ${waited(o.minutes)}`)),
      p.part?.stillWaiting ?? p.stillWaiting.length,
      p.part,
    ),
    'Назначьте мастера.',
  ].join('\n');

/** `reminder.unaccepted` → the master's work group and the order's dispatcher. */
export const unacceptedReminder = (p: ReminderList) =>
  [
    ...section(
      '⏰ <b>Заявки не приняты мастером</b>',
      p.orders.map((o) => orderLine(o, `назначена ${waited(o.minutes)} назад`)),
      p.part?.orders ?? p.orders.length,
      p.part,
    ),
    ...section(
      '🌅 <b>Утренняя сводка: всё ещё не приняты</b>',
      p.stillWaiting.map((o) => orderLine(o, `назначена ${waited(o.minutes)} назад`)),
      p.part?.stillWaiting ?? p.stillWaiting.length,
      p.part,
    ),
    p.orders.length + p.stillWaiting.length > 1
      ? 'Примите заявки или откажитесь от них.'
      : 'Примите заявку или откажитесь от неё.',
  ].join('\n');

/** `reminder.sla` → admins, with what to do about an order late in that status. */
export const slaReminder = (p: {
  orderId: number;
  status: string;
  minutes: number;
  limitMinutes: number;
  hint: string;
}) =>
  `⚠️ Заявка #${p.orderId} в статусе «${STATUS_LABELS[p.status as OrderStatus]}» уже ${p.minutes} мин (норма ${p.limitMinutes} мин).\n${SLA_HINTS[p.hint] ?? p.hint}`;

// A row queued before hints were codes holds the text, shown as it is.
const SLA_HINTS: Record<string, string> = {
  assign_master: 'Назначьте мастера.',
  call_master: 'Свяжитесь с мастером: он не принял заявку.',
  ask_arrival: 'Уточните у мастера, когда он будет на месте.',
  ask_outcome: 'Уточните у мастера, закрыта ли заявка или нужен длительный ремонт.',
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

/** `report.failed` → admins: a scheduled report job threw (docs/product.md §8, like a failed backup). */
export const reportFailed = (job: string, reason: string) =>
  `❌ Не удалось отправить «${JOB_LABELS[job] ?? job}»: ${shortReason(reason)}\nОтчёт можно сформировать вручную: «📊 Отчеты».`;

/** The template of each scheduler kind, for the Telegram renderer (and its `MessageFit`). */
export const SCHEDULER_TEMPLATES = {
  'reminder.unassigned': unassignedReminder,
  'reminder.unaccepted': unacceptedReminder,
  'reminder.sla': slaReminder,
  'reminder.visit': visitReminder,
  /** A scheduled report's summary, or why it has no file (data of the reports module). */
  'report.text': (p: { note?: { kind: string }; text?: string }) =>
    e(p.note ? reportNoteText(p.note as ReportNote) : (p.text ?? '')),
  'backup.done': (p: { file: string; bytes: number; tookMs: number }) =>
    e(BACKUP_TEXTS.done(p.file, p.bytes, p.tookMs)),
  'backup.failed': (p: { reason: string }) => e(BACKUP_TEXTS.failed(p.reason)),
  'report.failed': (p: { job: string; reason: string }) => e(reportFailed(p.job, p.reason)),
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
