// Longer than our usual ~300 lines on purpose: the whole /admin catalog, in the order of the
// /admin help, so a command's wording is found in one place; it is wording, with no logic.
import { formatRubles } from '../../orders/money';
import type { MasterStatistics } from '../../orders/order-statistics.service';
import type { Role } from '../../users/role';

/** How roles are named to people (the codes stay as they are in `/admin role`). */
export const ROLE_LABELS: Record<Role | 'NONE', string> = {
  ADMIN: '👑 Администраторы',
  DISPATCHER: '🧑‍💼 Диспетчеры',
  MASTER: '👨‍🔧 Мастера',
  SENIOR_MASTER: '⭐ Старшие мастера',
  NONE: '❔ Без роли',
};

const ROLE_NAMES: Record<Role, string> = {
  ADMIN: 'Администратор',
  DISPATCHER: 'Диспетчер',
  MASTER: 'Мастер',
  SENIOR_MASTER: 'Старший мастер',
};

/** One master as «👥 Мастера» lists them (docs/product.md §3.6). */
export interface MasterLine {
  name: string;
  specialization: string;
  workChatTitle: string | null;
  hasWorkGroup: boolean;
  isSenior: boolean;
  isActive: boolean;
  activeOrders: number;
  closedThisMonth: number;
}

/** The master card for admins (docs/product.md §5.1). */
export interface MasterCardView extends MasterLine {
  telegramId: number;
  phone: string;
}

const groupLine = (m: Pick<MasterLine, 'hasWorkGroup' | 'workChatTitle'>) =>
  m.hasWorkGroup ? `💬 Группа: ${m.workChatTitle ?? 'установлена'}` : '⚠️ НЕТ ГРУППЫ';

/** «👥 Мастера», «➕ Добавить мастера», the master card and its dialogs (docs/product.md §3.6, §5.1). */
export const mastersAdminTexts = {
  buttons: {
    addMaster: '➕ Добавить мастера',
    setGroup: '💬 Установить рабочую группу',
    pickGroup: '💬 Выбрать группу',
    editSpecialization: '🔧 Редактировать специализацию',
    makeSenior: '⭐ Назначить Старшим мастером',
    removeSenior: '⭐ Убрать роль Старший мастер',
    deactivate: '🚫 Деактивировать',
    activate: '✅ Активировать',
    stats: '📊 Статистика',
    fire: '💼 Уволить',
    toList: '◀️ К списку мастеров',
    openCard: '👨‍🔧 Открыть карточку мастера',
  },
  listTitle: (count: number) => `👥 Мастера (${count}):`,
  listEmpty: '👥 Мастеров пока нет.',
  listHintAdmin: 'Нажмите на мастера, чтобы открыть его карточку.',
  listLine: (m: MasterLine, index: number) =>
    [
      `${index}. ${m.name}${m.isSenior ? ' ⭐' : ''} — ${m.specialization}${m.isActive ? '' : ' (🚫 деактивирован)'}`,
      `   ${groupLine(m)}`,
      `   📋 Активных заявок: ${m.activeOrders} · 💰 Закрыто в этом месяце: ${m.closedThisMonth}`,
    ].join('\n'),
  listButton: (m: Pick<MasterLine, 'name' | 'isActive' | 'hasWorkGroup'>) =>
    `${m.isActive ? '' : '🚫 '}${m.hasWorkGroup ? '' : '⚠️ '}${m.name}`,
  card: (m: MasterCardView) =>
    [
      `👨‍🔧 Мастер: ${m.name}${m.isSenior ? ' ⭐ Старший мастер' : ''}`,
      `🆔 Telegram ID: ${m.telegramId}`,
      `📞 Телефон: ${m.phone}`,
      `🔧 Специализация: ${m.specialization}`,
      groupLine(m),
      `📌 Статус: ${m.isActive ? '✅ Активен' : '🚫 Деактивирован'}`,
      `📋 Активных заявок: ${m.activeOrders} · 💰 Закрыто в этом месяце: ${m.closedThisMonth}`,
    ].join('\n'),
  masterGone: '❌ Мастер не найден: возможно, его уже уволили. Откройте список заново.',

  pickGroup: (name: string) =>
    `💬 Рабочая группа для мастера ${name}.\n\n1. Добавьте бота в группу мастера.\n2. Нажмите «💬 Выбрать группу» внизу и выберите эту группу.\n\n«◀️ Назад» — вернуться в меню.`,
  groupBotNotMember:
    '❌ Бот не состоит в этой группе. Добавьте бота в группу мастера и выберите её ещё раз.',
  groupBound: (master: string, group: string) =>
    `✅ Группа «${group}» установлена рабочей группой мастера ${master}.`,
  /** Telegram's privacy mode is on and the bot is no admin there: it hears only replies. */
  groupPrivacyOn: (group: string) =>
    [
      `ℹ️ В группе «${group}» включён режим приватности Telegram: бот видит там только команды и ответы на свои сообщения.`,
      'Диалоги в группе пойдут ответами: на вопрос бота мастер отвечает ответом на его сообщение (Telegram откроет ответ сам).',
      '',
      'Чтобы бот видел все сообщения группы, сделайте одно из двух:',
      '• в @BotFather: /setprivacy → выберите бота → Disable, затем удалите бота из группы и добавьте снова;',
      '• или сделайте бота администратором группы.',
    ].join('\n'),
  backToMenu: 'Главное меню.',

  seniorOn: (name: string) => `⭐ ${name} теперь Старший мастер.`,
  seniorOff: (name: string) => `${name} больше не Старший мастер.`,
  activated: (name: string) => `✅ Мастер ${name} активирован.`,
  deactivated: (name: string) =>
    `🚫 Мастер ${name} деактивирован: новые заявки ему не назначаются.`,

  askTelegramId:
    '➕ Новый мастер.\nШаг 1/3: Введите Telegram ID мастера (только цифры).\nМастер узнаёт свой ID, нажав «📞 Связаться» в боте — для этого он должен сначала написать боту /start.',
  badTelegramId: '❌ Telegram ID — это число из цифр, например 123456789.',
  askPhone: (name: string) => `👤 ${name}\nШаг 2/3: Введите телефон мастера (+7XXXXXXXXXX):`,
  askSpecialization:
    'Шаг 3/3: Введите специализацию мастера (например: «Холодильники, стиральные машины»):',
  confirmNewMaster: (m: {
    name: string;
    telegramId: number;
    phone: string;
    specialization: string;
  }) =>
    [
      '📋 Проверьте данные мастера:',
      `👤 ${m.name}`,
      `🆔 Telegram ID: ${m.telegramId}`,
      `📞 Телефон: ${m.phone}`,
      `🔧 Специализация: ${m.specialization}`,
    ].join('\n'),
  masterAdded: (name: string) =>
    `✅ Мастер ${name} добавлен. Он получил уведомление.\n⚠️ Установите ему рабочую группу в карточке мастера — без неё заявки не назначить.`,

  askNewSpecialization: (name: string, current: string) =>
    `🔧 Специализация мастера ${name} сейчас: ${current}\nВведите новую специализацию:`,
  specializationSaved: (name: string, specialization: string) =>
    `✅ Специализация мастера ${name}: ${specialization}`,

  confirmFire: (name: string) =>
    `💼 Уволить мастера ${name}?\nОн потеряет доступ к действиям мастера; вся история заявок сохранится.`,
  fired: (name: string) => `💼 Мастер ${name} уволен. История его заявок сохранена.`,

  statsTitle: (name: string, month: string) => `📊 Статистика мастера ${name} за ${month}:`,
  answerWithButtons: 'Пожалуйста, ответьте кнопками под сообщением или нажмите /cancel.',
} as const;

/** «👤 Пользователи» (docs/product.md §5.2). */
export const usersAdminTexts = {
  title: (count: number) => `👤 Пользователи (${count}):`,
  /** A role's heading with everyone holding it, then the lines of them on this page. */
  group: (role: Role | 'NONE', total: number, lines: string[]) =>
    [`${ROLE_LABELS[role]} (${total}):`, ...lines].join('\n'),
  nobody: '   —',
  line: (u: { name: string; telegramId: number; username: string | null }) =>
    `   • ${u.name}${u.username ? ` (@${u.username})` : ''} — ID ${u.telegramId}`,
} as const;

/** One scheduled job in `/admin jobs`; instants already formatted in the business time zone. */
export interface JobLineView {
  label: string;
  /** "каждые 5 мин" or "по расписанию 30 21 * * *, следующий запуск 24.11.2026 21:30". */
  when: string;
  last:
    | { outcome: 'never' }
    | { outcome: 'running'; startedAt: string }
    | { outcome: 'ok'; startedAt: string; durationMs: number }
    | { outcome: 'failed'; startedAt: string; durationMs: number; error: string };
}

const secondsOf = (ms: number) =>
  ms < 1000 ? `${ms} мс` : `${(ms / 1000).toFixed(1).replace('.', ',')} с`;

function lastRunLine(last: JobLineView['last']): string {
  switch (last.outcome) {
    case 'never':
      return '— ещё не запускалась';
    case 'running':
      return `⏳ выполняется с ${last.startedAt}`;
    case 'ok':
      return `✅ ${last.startedAt}, ${secondsOf(last.durationMs)}`;
    case 'failed':
      return `❌ ${last.startedAt}, ${secondsOf(last.durationMs)}: ${last.error.split('\n')[0].slice(0, 200)}`;
  }
}

export const jobTimingTexts = {
  every: (minutes: number) => `каждые ${minutes} мин`,
  cron: (cron: string, next: string | null) =>
    `по расписанию «${cron}»${next ? `, следующий запуск ${next}` : ''}`,
};

/** `/admin …` commands (docs/product.md §5). */
export const adminCommandTexts = {
  help: [
    '🛠 Команды администратора:',
    '',
    '/admin role <telegram_id> add|remove <ADMIN|DISPATCHER|MASTER|SENIOR_MASTER> — выдать или снять роль',
    '/admin edit_closed <N> — исправить суммы завершённой заявки #N',
    '/admin delete <N> — удалить заявку #N (с подтверждением)',
    '/admin restore <N> — вернуть удалённую заявку #N',
    '/admin outbox — уведомления, которые не удалось доставить',
    '/admin backup — сделать резервную копию и прислать файл',
    '/admin jobs — задачи по расписанию и их последний запуск',
    '/admin apikey — ключи REST API (создать, список, отозвать)',
    '/admin webhooks — подписки на события заявок и ошибки доставки',
    '',
    'Мастеров добавляют и настраивают через «👥 Мастера», пользователей смотрят в «👤 Пользователи».',
  ].join('\n'),
  outboxClean: '✅ Недоставленных уведомлений нет.',
  jobs: (view: { disabledHere: boolean; jobs: JobLineView[] }) =>
    [
      '⏱ Задачи по расписанию:',
      ...(view.disabledHere
        ? [
            '⚠️ На этой копии сервиса расписание выключено (SCHEDULER_DISABLED=true): задачи выполняют другие копии.',
          ]
        : []),
      ...view.jobs.map((job) => `\n${job.label} — ${job.when}\n   ${lastRunLine(job.last)}`),
    ].join('\n'),
  /** One page of them; each line is cut short, so a page of ten always fits in a message. */
  outboxFailed: (
    total: number,
    rows: {
      id: number;
      chatId: number;
      kind: string;
      orderId: number | null;
      reason: string | null;
    }[],
  ) =>
    [
      `⚠️ Недоставленные уведомления (${total}):`,
      ...rows.map(
        (row) =>
          `• #${row.id} ${row.kind}${row.orderId ? ` по заявке #${row.orderId}` : ''} → чат ${row.chatId}: ${(row.reason ?? 'без причины').slice(0, 150)}`,
      ),
    ].join('\n'),
  unknownCommand: (name: string) =>
    `❌ Неизвестная команда «${name}».\n\nНапишите /admin, чтобы увидеть список команд.`,
  roleUsage:
    'Использование: /admin role <telegram_id> add|remove <ADMIN|DISPATCHER|MASTER|SENIOR_MASTER>\nНапример: /admin role 123456789 add DISPATCHER',
  roleBadId: (value: string) => `❌ «${value}» — не Telegram ID: нужно число из цифр.`,
  roleBadChange: (value: string) =>
    `❌ «${value}» — не действие: напишите add (выдать) или remove (снять).`,
  roleBadRole: (value: string) =>
    `❌ Неизвестная роль «${value}». Роли: ADMIN, DISPATCHER, MASTER, SENIOR_MASTER.`,
  roleGranted: (role: Role, telegramId: number) =>
    `✅ Роль ${role} (${ROLE_NAMES[role]}) выдана пользователю ${telegramId}.`,
  roleRevoked: (role: Role, telegramId: number) =>
    `✅ Роль ${role} (${ROLE_NAMES[role]}) снята с пользователя ${telegramId}.`,
  orderUsage: (command: string) =>
    `Использование: /admin ${command} <N>, где N — номер заявки.\nНапример: /admin ${command} 15`,
  badOrderNumber: (value: string) =>
    `❌ «${value}» — не номер заявки: нужно целое число, например 15.`,

  confirmDelete: (orderId: number, summary: string) =>
    `🗑 Удалить заявку #${orderId}?\n${summary}\n\nЗаявка исчезнет из списков и поиска; вернуть её можно командой /admin restore ${orderId}.`,
  deleteButton: '🗑 Удалить',
  keepButton: '↩️ Не удалять',
  deleted: (orderId: number) => `🗑 Заявка #${orderId} удалена. Вернуть: /admin restore ${orderId}`,
  notDeleted: '↩️ Заявка не удалена.',
  restored: (orderId: number) => `♻️ Заявка #${orderId} восстановлена из удалённых.`,

  editClosedStart: (orderId: number, old: MoneyView) =>
    [`💰 Исправление сумм заявки #${orderId}.`, 'Сейчас:', ...moneyLines(old)].join('\n'),
  askTotal: 'Введите новую общую сумму заказа в рублях (например: 5 000):',
  askMaterials: 'Введите сумму расходных материалов в рублях (0, если материалов не было):',
  materialsOverTotal: (total: string) =>
    `❌ Материалы не могут стоить больше общей суммы (${total}).`,
  askReview: '❓ Взят ли отзыв у клиента?',
  askOutOfCity: '🚗 Был ли выезд за город?',
  answerYesNo: 'Ответьте кнопкой «✅ Да» или «❌ Нет» (или напишите «да» / «нет»).',
  confirmEditClosed: (
    orderId: number,
    figures: { total: number; materials: number; review: boolean; outOfCity: boolean },
  ) =>
    [
      `📋 Новые данные заявки #${orderId}:`,
      `💰 Общая сумма: ${formatRubles(figures.total)}`,
      `🧰 Материалы: ${formatRubles(figures.materials)}`,
      `💵 Чистыми: ${formatRubles(figures.total - figures.materials)}`,
      `⭐ Отзыв: ${figures.review ? 'да' : 'нет'}`,
      `🚗 Выезд за город: ${figures.outOfCity ? 'да' : 'нет'}`,
      '',
      'Доли мастера и компании будут пересчитаны по тем же правилам. Сохранить?',
    ].join('\n'),
  editClosedDone: (orderId: number, before: MoneyView, after: MoneyView) =>
    [
      `✅ Суммы заявки #${orderId} исправлены.`,
      '',
      'Было:',
      ...moneyLines(before),
      '',
      'Стало:',
      ...moneyLines(after),
    ].join('\n'),
} as const;

/** Money figures of a closed order as an admin sees them. */
export interface MoneyView {
  total: number;
  materials: number;
  net: number;
  masterShare: number;
  companyShare: number;
  review: boolean;
  outOfCity: boolean;
}

function moneyLines(m: MoneyView): string[] {
  return [
    `💰 Сумма: ${formatRubles(m.total)} · 🧰 Материалы: ${formatRubles(m.materials)} · 💵 Чистыми: ${formatRubles(m.net)}`,
    `👨‍🔧 Мастеру: ${formatRubles(m.masterShare)} · 🏢 Компании: ${formatRubles(m.companyShare)}`,
    `⭐ Отзыв: ${m.review ? 'да' : 'нет'} · 🚗 За город: ${m.outOfCity ? 'да' : 'нет'}`,
  ];
}

/** docs/product.md §2.3: what a master sees instead of the phone before arriving. */
const masterMenuPhoneHidden = '📞 Телефон: будет доступен после прибытия на объект';

/** A long list of refusals would push the rest of the statistics off the screen. */
const REFUSALS_SHOWN = 10;

/** The master's own menu: «📋 Мои заявки», «📊 Моя статистика», «⚙️ Настройки» (docs/product.md §4.3). */
export const masterMenuTexts = {
  myOrdersTitle: (count: number) => `📋 Ваши активные заявки (${count}):`,
  noActiveOrders: '📋 У вас нет активных заявок.',
  statusGroup: (label: string, total: number, lines: string[]) =>
    [`${label} (${total}):`, ...lines].join('\n'),
  orderLine: (o: { id: number; equipmentType: string; address: string; arrival: string | null }) =>
    `   #${o.id} — ${o.equipmentType}, ${o.address}${o.arrival ? ` · 🕐 ${o.arrival}` : ''}`,
  openHint: 'Нажмите на заявку, чтобы открыть её карточку с кнопками.',
  orderButton: (o: { id: number; equipmentType: string }) => `#${o.id} — ${o.equipmentType}`,
  toMyOrders: '◀️ К моим заявкам',
  cardButtons: {
    accept: '✅ Принять заявку',
    mcancel: '❌ Отмена',
    resched: '📅 Перенести визит',
    onsite: '🏠 Я на объекте',
    complete: '💰 Завершить',
    completeRepair: '💰 Завершить ремонт',
    dr: '⏳ ДР',
    crefused: '❌ Отказ клиента',
    backonsite: '🏠 Снова на объекте',
  },
  notYourOrder: '⛔ Эта заявка больше не назначена вам. Откройте «📋 Мои заявки» заново.',
  card: (o: {
    id: number;
    statusLabel: string;
    equipmentType: string;
    problem: string;
    address: string;
    clientName: string;
    phone: string | null;
    arrival: string | null;
    notes: string | null;
    drExpectedDate: string | null;
    drPreliminaryKopecks: number | null;
    drPrepaymentKopecks: number | null;
  }) =>
    [
      `📋 Заявка #${o.id} — ${o.statusLabel}`,
      `🔧 ${o.equipmentType}`,
      `📝 ${o.problem}`,
      `📍 ${o.address}`,
      `👤 ${o.clientName}`,
      o.phone ? `📞 Телефон: ${o.phone}` : masterMenuPhoneHidden,
      `🕐 Прибытие: ${o.arrival ?? '—'}`,
      ...(o.notes ? [`🗒 ${o.notes}`] : []),
      ...(o.drExpectedDate ? [`⏳ Ремонт до: ${o.drExpectedDate}`] : []),
      ...(o.drPreliminaryKopecks !== null
        ? [`💰 Предварительно: ${formatRubles(o.drPreliminaryKopecks)}`]
        : []),
      ...(o.drPrepaymentKopecks !== null
        ? [`💳 Предоплата: ${formatRubles(o.drPrepaymentKopecks)}`]
        : []),
    ].join('\n'),

  statsTitle: (month: string) => `📊 Ваша статистика за ${month}:`,
  stats: (s: MasterStatistics) =>
    [
      `📋 Активных заявок: ${s.active}`,
      `⏳ Длительный ремонт: ${s.longRepairs}`,
      `💰 Завершено всего: ${s.closedTotal}`,
      `✅ Завершено в этом месяце: ${s.closedInPeriod}`,
      `💵 Заработок в этом месяце: ${formatRubles(s.earningsInPeriodKopecks)}`,
      `📈 Процент выполнения: ${s.completionRate === null ? '—' : `${s.completionRate}%`}`,
      s.refusals.length
        ? [
            `❌ Отказы и отмены (${s.refusals.length}):`,
            ...s.refusals
              .slice(0, REFUSALS_SHOWN)
              .map(
                (r) =>
                  `   • #${r.orderId} — ${r.action === 'client_refused' ? 'отказ клиента' : 'отмена мастером'}: ${r.reason ?? '—'}`,
              ),
            ...(s.refusals.length > REFUSALS_SHOWN
              ? [`   … и ещё ${s.refusals.length - REFUSALS_SHOWN}`]
              : []),
          ].join('\n')
        : '❌ Отказов и отмен нет',
    ].join('\n'),

  settingsTitle: '⚙️ Настройки',
  settingsPerson: (p: { name: string; telegramId: number; roles: Role[] }) =>
    [
      `👤 ${p.name}`,
      `🆔 Telegram ID: ${p.telegramId}`,
      `🎭 Роли: ${p.roles.length ? p.roles.map((r) => ROLE_NAMES[r]).join(', ') : 'нет'}`,
    ].join('\n'),
  settingsMaster: (m: {
    phone: string;
    specialization: string;
    workChatTitle: string | null;
    hasWorkGroup: boolean;
    isActive: boolean;
    isSenior: boolean;
  }) =>
    [
      '',
      '👨‍🔧 Профиль мастера:',
      `📞 Телефон: ${m.phone}`,
      `🔧 Специализация: ${m.specialization}`,
      m.hasWorkGroup
        ? `💬 Рабочая группа: ${m.workChatTitle ?? 'установлена'}`
        : '💬 Рабочая группа: ⚠️ не установлена — попросите администратора её установить',
      `📌 Статус: ${m.isActive ? '✅ Активен' : '🚫 Деактивирован'}${m.isSenior ? ' · ⭐ Старший мастер' : ''}`,
      '',
      'Изменить данные может администратор.',
    ].join('\n'),
} as const;
