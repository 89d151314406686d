import { formatRubles } from '../../orders/money';

/** The master's dialogs (docs/product.md §4.2). */
export const masterTexts = {
  accepted: (orderId: number) => `✅ Заявка #${orderId} принята.`,
  onSite: (orderId: number) =>
    `🏠 Вы на объекте по заявке #${orderId}. Телефон клиента открыт в карточке.`,
  backOnSite: (orderId: number) => `🏠 Снова на объекте по заявке #${orderId}.`,
  askTotal: (orderId: number) =>
    `💰 Завершение заявки #${orderId}.\nВведите общую сумму заказа в рублях (например: 5 000):`,
  askIsRefusal: (amount: string) => `Сумма ${amount} — это меньше 1 000 ₽.\nЭто отказ от заявки?`,
  askMaterials: 'Введите сумму расходных материалов в рублях (0, если материалов не было):',
  materialsOverTotal: (total: string) =>
    `❌ Материалы не могут стоить больше общей суммы (${total}). Введите сумму материалов ещё раз:`,
  confirmMaterials: (amount: string) => `Расходные материалы: ${amount}. Верно?`,
  askReview: '❓ Взяли ли вы отзыв у клиента?',
  askOutOfCity: '🚗 Был ли выезд за город?',
  summary: (s: {
    orderId: number;
    total: number;
    materials: number;
    review: boolean;
    outOfCity: boolean;
  }) =>
    [
      `📋 Проверьте данные по заявке #${s.orderId}:`,
      `💰 Общая сумма: ${formatRubles(s.total)}`,
      `🧰 Материалы: ${formatRubles(s.materials)}`,
      `💵 Чистыми: ${formatRubles(s.total - s.materials)}`,
      `⭐ Отзыв: ${s.review ? 'да' : 'нет'}`,
      `🚗 Выезд за город: ${s.outOfCity ? 'да' : 'нет'}`,
    ].join('\n'),
  completed: (o: {
    orderId: number;
    total: number;
    materials: number;
    net: number;
    masterShare: number;
    companyShare: number;
  }) =>
    [
      `✅ Заявка #${o.orderId} завершена!`,
      `💰 Сумма: ${formatRubles(o.total)}`,
      `🧰 Материалы: ${formatRubles(o.materials)}`,
      `💵 Чистыми: ${formatRubles(o.net)}`,
      `👨‍🔧 Мастеру: ${formatRubles(o.masterShare)} · 🏢 Компании: ${formatRubles(o.companyShare)}`,
    ].join('\n'),
  askCancelReason: (orderId: number) =>
    `❌ Отмена заявки #${orderId}.\nНапишите причину (не короче 3 символов):`,
  cancelledByMaster: (orderId: number) => `Заявка #${orderId} возвращена диспетчеру.`,
  askRefusalReason: (orderId: number) =>
    `❌ Отказ клиента по заявке #${orderId}.\nНапишите причину:`,
  refused: (orderId: number) => `❌ Заявка #${orderId} закрыта как отказ.`,
  askNewTime: (orderId: number) =>
    `📅 Перенос визита по заявке #${orderId}.\nНапишите новое время (например: «завтра в 15:00», «с 10 до 16»):`,
  askRescheduleReason: 'Укажите причину переноса или нажмите «⏭️ Пропустить»:',
  confirmReschedule: (echo: string) => `${echo}\nПодтвердить перенос?`,
  rescheduled: (orderId: number, when: string) =>
    `📅 Визит по заявке #${orderId} перенесён: ${when}.`,
  askDrDate: (orderId: number) =>
    `⏳ Длительный ремонт по заявке #${orderId}.\nВведите дату окончания ремонта (ДД.ММ.ГГГГ):`,
  drWarnings: {
    soon: '⚠️ Это меньше чем через 3 дня.',
    far: '⚠️ Это больше чем через 90 дней.',
    weekend: '⚠️ Это выходной день.',
  },
  askDrParts: 'Какие запчасти нужны? (напишите «нет», если не нужны)',
  askDrSum: 'Предварительная сумма в рублях («нет» или 0, если неизвестна):',
  askDrPrepayment:
    'Предоплата клиента в рублях (необязательно: «нет» или 0, если не брали, или «⏭️ Пропустить»):',
  confirmDr: (s: {
    orderId: number;
    date: string;
    parts: string;
    sum: string;
    prepayment: string;
  }) =>
    `⏳ Заявка #${s.orderId}: длительный ремонт до ${s.date}.\n🔧 Запчасти: ${s.parts}\n💰 Предварительно: ${s.sum}\n💳 Предоплата: ${s.prepayment}\nПодтвердить?`,
  drSaved: (orderId: number) => `⏳ Заявка #${orderId} переведена в длительный ремонт.`,
  none: 'нет',
  yes: '✅ Да',
  no: '❌ Нет',
  confirm: '✅ Подтвердить',
  skip: '⏭️ Пропустить',
  answerWithButtons: 'Пожалуйста, ответьте кнопками под сообщением.',
} as const;
