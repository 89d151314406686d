import type { DraftField } from '../../intake/intake.service';

const LABELS: Record<DraftField, string> = {
  equipmentType: 'Тип техники',
  problem: 'Описание проблемы',
  clientName: 'Имя клиента',
  clientAddress: 'Адрес',
  clientPhone: 'Телефон',
  arrivalText: 'Время прибытия',
  notes: 'Примечание',
};

const ICONS: Record<DraftField, string> = {
  equipmentType: '🔧',
  problem: '📝',
  clientName: '👤',
  clientAddress: '🏠',
  clientPhone: '📞',
  arrivalText: '🕐',
  notes: '📌',
};

export interface DraftCardView {
  draftId: number;
  /** Values already HTML-escaped; `null` when the post did not say. */
  fields: Record<DraftField, string | null>;
  required: readonly DraftField[];
  duplicateOrderId: number | null;
  status: 'open' | 'created' | 'rejected' | 'expired';
  orderId: number | null;
  decidedBy: string | null;
}

/** Russian texts of order intake from a group (docs/product.md §11, docs/intake.md). */
export const intakeTexts = {
  fieldLabel: (field: DraftField) => LABELS[field],

  /** HTML. */
  card: (v: DraftCardView) => {
    const lines = [`📥 <b>Черновик заявки</b> (№${v.draftId})`, ''];
    for (const field of Object.keys(LABELS) as DraftField[]) {
      const value = v.fields[field];
      if (value) lines.push(`${ICONS[field]} ${LABELS[field]}: ${value}`);
      else if (v.required.includes(field)) lines.push(`❓ ${LABELS[field]}: не указано`);
    }
    if (v.duplicateOrderId !== null && v.status === 'open') {
      lines.push('', `⚠️ Похоже на заявку #${v.duplicateOrderId}: тот же телефон и адрес.`);
    }
    const missing = v.required.filter((field) => !v.fields[field]);
    if (v.status === 'open' && missing.length) {
      lines.push(
        '',
        `Не хватает: ${missing.map((f) => LABELS[f].toLowerCase()).join(', ')} — спрошу при создании.`,
      );
    }
    if (v.status === 'created')
      lines.push('', `✅ Заявка #${v.orderId} создана${by(v.decidedBy)}.`);
    if (v.status === 'rejected') lines.push('', `❌ Отклонено${by(v.decidedBy)}.`);
    if (v.status === 'expired') lines.push('', '⌛ Черновик устарел: заявка не создана.');
    return lines.join('\n');
  },
  buttons: {
    create: '✅ Создать заявку',
    fix: '✏️ Исправить поле',
    reject: '❌ Отклонить',
    openDuplicate: (orderId: number) => `🔎 Открыть заявку #${orderId}`,
    back: '◀️ Назад',
  },
  ask: (field: DraftField, draftId: number) => {
    switch (field) {
      case 'equipmentType':
        return `Черновик №${draftId}. Какой тип техники? Например: стиральная машина, холодильник, ПММ.`;
      case 'problem':
        return `Черновик №${draftId}. Опишите проблему (от 4 символов).`;
      case 'clientName':
        return `Черновик №${draftId}. Как зовут клиента?`;
      case 'clientAddress':
        return `Черновик №${draftId}. Адрес клиента с номером дома?`;
      case 'clientPhone':
        return `Черновик №${draftId}. Телефон клиента? Например: +7 900 123-45-67.`;
      case 'arrivalText':
        return `Черновик №${draftId}. Время прибытия? Например: «завтра с 10 до 12», «16:00».`;
      case 'notes':
        return `Черновик №${draftId}. Примечание? «-» — без примечания.`;
    }
  },
  pickField: 'Какое поле исправить?',
  created: (orderId: number) => `✅ Заявка #${orderId} создана.`,
  fieldSaved: '✅ Сохранено.',
  rejected: '❌ Черновик отклонён.',
  expiredNotice: (draftId: number) =>
    `⌛ Черновик №${draftId} устарел и закрыт: заявка не создана. Если она ещё нужна, отправьте её снова.`,
  notAGroup: '⚠️ Выберите группу, а не канал или личный чат.',
  onlyAdmins: '⛔ Группы приёма заявок привязывает только администратор.',
  onlyStaff: '⛔ Черновики заявок подтверждают только диспетчеры и администраторы.',
  draftGone: '⚠️ Черновик не найден.',
  alreadyDecided: '⚠️ По этому черновику уже принято решение.',
  closedDraft: (status: string) =>
    status === 'created'
      ? '⚠️ Заявка по этому черновику уже создана.'
      : status === 'rejected'
        ? '⚠️ Этот черновик отклонён.'
        : '⚠️ Этот черновик устарел.',
  groupsTitle: (titles: string[]) =>
    titles.length
      ? `📥 Группы приёма заявок (${titles.length}):\n${titles.map((t) => `• ${t}`).join('\n')}\n\nЧтобы добавить ещё одну, выберите её кнопкой ниже.`
      : '📥 Групп приёма заявок пока нет. Выберите группу кнопкой ниже: сообщения с заявками в ней станут черновиками.',
  pickGroup: '📥 Выбрать группу',
  groupBound: (title: string) =>
    `✅ Группа «${title}» — группа приёма заявок. Заявки, которые там публикуют, станут черновиками с кнопками.`,
  groupBotNotMember:
    '⚠️ Бота нет в этой группе. Добавьте его туда (лучше администратором) и выберите группу снова.',
  privacyOn: (title: string) =>
    `⚠️ Бот не видит обычные сообщения в «${title}»: включён режим приватности, а бот не администратор группы. Сделайте бота администратором группы или отключите приватность в @BotFather (/setprivacy → Disable) и добавьте бота в группу заново.`,
} as const;

function by(name: string | null): string {
  return name ? ` — ${name}` : '';
}
