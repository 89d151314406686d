/** The creation dialog's questions; numbered «Шаг N/7» when the dialog asks them all. */
const QUESTIONS = {
  type: 'Выберите тип техники:',
  problem: 'Опишите проблему',
  address: 'Введите адрес клиента',
  name: 'Введите имя клиента',
  phone: 'Введите телефон клиента (+7XXXXXXXXXX)',
  notes: 'Дополнительные заметки (необязательно)',
  arrival: 'Время прибытия к клиенту (например: «завтра в 15:00», «с 10 до 16»)',
} as const;

/** The dispatcher's screens and dialogs (docs/product.md §3). */
export const dispatcherTexts = {
  step1: `Шаг 1/7: ${QUESTIONS.type}`,
  step2: `Шаг 2/7: ${QUESTIONS.problem}`,
  step3: `Шаг 3/7: ${QUESTIONS.address}`,
  step4: `Шаг 4/7: ${QUESTIONS.name}`,
  step5: `Шаг 5/7: ${QUESTIONS.phone}`,
  step6: `Шаг 6/7: ${QUESTIONS.notes}`,
  step7: `Шаг 7/7: ${QUESTIONS.arrival}`,
  /** After a pasted message only what it lacked is asked, without the step numbers. */
  questions: QUESTIONS,
  pickTypeWithButtons: 'Выберите тип техники кнопкой под сообщением.',
  knownClient: (c: { name: string; address: string; count: number; last: string }) =>
    `👤 Клиент уже обращался (${c.count}):\nИмя: ${c.name}\nАдрес: ${c.address}\nПоследняя заявка: ${c.last}\n\nИспользовать сохранённые имя и адрес?`,
  useClient: '✅ Да, использовать',
  keepTyped: '❌ Нет, ввести заново',
  checkOrder: '📋 Проверьте данные заявки:',
  created: (orderId: number) => `✅ Заявка #${orderId} успешно создана!`,
  // One paste, one tap (docs/intake.md): a client's message pasted or forwarded to the bot.
  /** The fields read from a pasted message, already HTML-escaped, joined with « · ». */
  pasteUnderstood: (parts: string[]) => `📥 Из сообщения: ${parts.join(' · ')}`,
  forwardedFrom: (who: string, when: string) => `↪️ Переслано от ${who}, ${when}`,
  hiddenSender: 'скрытого отправителя',
  duplicate: (orderId: number) =>
    `⚠️ Похоже на заявку #${orderId}: тот же телефон и адрес, заявка ещё в работе.\nСоздать новую заявку всё равно?`,
  createAnyway: '➕ Создать новую',
  openOrder: (orderId: number) => `🔎 Открыть заявку #${orderId}`,
  fixField: '✏️ Исправить поле',
  pickField: '✏️ Какое поле исправить?',
  fieldButtons: {
    type: '🔧 Тип техники',
    problem: '📝 Проблема',
    address: '📍 Адрес',
    name: '👤 Имя клиента',
    phone: '📞 Телефон',
    notes: '🗒 Заметки',
    arrival: '🕐 Время прибытия',
  },
  assignMaster: '👨‍🔧 Назначить мастера',
  viewOrder: '📋 Просмотреть заявку',
  allOrders: '📋 Заявки по статусам:',
  noOrders: 'Заявок с этим статусом нет.',
  pickMaster: (orderId: number) => `👨‍🔧 Выберите мастера для заявки #${orderId}:`,
  noMasters: 'Нет активных мастеров.',
  noGroupAlert:
    '⚠️ У этого мастера нет рабочей группы — назначить его нельзя. Администратор может установить группу в карточке мастера.',
  assigned: (orderId: number, master: string) => `✅ Заявка #${orderId} назначена: ${master}.`,
  unassigned: (orderId: number) => `🚫 Мастер снят с заявки #${orderId}.`,
  clientWaitingSent: (orderId: number) =>
    `📞 Мастеру отправлено срочное сообщение по заявке #${orderId}.`,
  restored: (orderId: number) => `♻️ Заявка #${orderId} восстановлена.`,
  askCancelReason: (orderId: number) =>
    `❌ Отмена заявки #${orderId}.\nНапишите причину (не короче 3 символов):`,
  orderCancelled: (orderId: number) => `❌ Заявка #${orderId} отменена.`,
  editWhich: (orderId: number) => `✏️ Что изменить в заявке #${orderId}?`,
  askNewValue: (field: string) =>
    `Введите новое значение поля «${field}» («-» очищает необязательное поле):`,
  edited: (orderId: number) => `✅ Заявка #${orderId} изменена.`,
  askSearch: '🔍 Введите телефон, номер заявки (#123) или адрес:',
  searchTooLong: (max: number) =>
    `Слишком длинный запрос: можно не больше ${max} символов. Введите телефон, номер заявки или часть адреса.`,
  searchNothing: '🔍 Ничего не найдено. Попробуйте другой запрос или /cancel.',
  searchFound: (total: number) => `🔍 Найдено: ${total}`,
  mastersList: '👥 Мастера:',
  noGroup: '⚠️ НЕТ ГРУППЫ',
} as const;

/** Field names as the edit menu shows them. */
export const EDIT_FIELD_LABELS = {
  equipmentType: 'Тип техники',
  problem: 'Проблема',
  clientAddress: 'Адрес',
  clientName: 'Имя клиента',
  clientPhone: 'Телефон',
  notes: 'Заметки',
  arrival: 'Время прибытия',
  drExpectedDate: 'Дата окончания ремонта',
  drPrepayment: 'Предоплата',
} as const;
