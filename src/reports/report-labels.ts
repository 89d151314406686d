/**
 * The words of the report documents themselves (docs/product.md §10): file names, sheet names,
 * titles, column headers, cell words and period names. They are the xlsx format the reports
 * module writes, read in Excel by whoever gets the file, not a reply of one adapter; so they
 * live here, beside the sheets that use them, and the adapters reuse `periodLabel`.
 */
import type { OrderStatus } from '../orders/order-status';
import type { PeriodName } from './report-period';

const MONTHS = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
];

/** How people read a period after "за": all months are masculine, so "за октябрь 2025" reads right. */
export function periodLabel(name: PeriodName): string {
  switch (name.kind) {
    case 'day':
      return name.day;
    case 'week':
      return `неделю ${name.first} – ${name.last}`;
    case 'month':
      return `${MONTHS[name.month - 1]} ${name.year}`;
    case 'range':
      return `${name.first} – ${name.last}`;
  }
}

export const reportLabels = {
  /**
   * The product's one set of status names (docs/product.md §2.2): the files write them, and
   * the Russian catalog shows the same (`texts/ru/orders.ts` reads them from here).
   */
  statuses: {
    NEW: '🆕 Новая',
    ASSIGNED: '👨‍🔧 Назначена',
    ACCEPTED: '✅ Принята',
    ONSITE: '🏠 На объекте',
    DR: '⏳ Длительный ремонт',
    CLOSED: '💰 Завершена',
    REFUSED: '❌ Отказ',
  } satisfies Record<OrderStatus, string>,

  fileNames: {
    activeOrders: (date: string) => `Активные_заявки_${date}.xlsx`,
    summary: (tag: string) => `Сводка_${tag}.xlsx`,
    masterStatistics: (tag: string) => `Статистика_мастеров_${tag}.xlsx`,
    masterReport: (master: string, tag: string) => `Отчет_${master}_${tag}.xlsx`,
  },
  sheets: {
    summary: 'Сводка',
    activeOrders: 'Активные заявки',
    masters: 'Мастера',
    orders: 'Заявки',
    /** A sheet needs a name even when the master's name has nothing Excel allows. */
    fallback: 'Лист',
  },
  titles: {
    summary: (label: string) => `Сводка за ${label}`,
    masterStatistics: (label: string) => `Статистика мастеров за ${label}`,
    masterReport: (master: string, label: string) => `Отчет мастера ${master} за ${label}`,
    byEquipmentType: 'По типам техники',
  },
  columns: {
    master: 'Мастер',
    orders: 'Заявок',
    total: 'Сумма',
    materials: 'Материалы',
    net: 'Чистая сумма',
    masterShare: 'Мастеру',
    companyShare: 'Сдать компании',
    averageCheck: 'Средний чек',
    equipmentType: 'Тип техники',
    ordersShare: 'Доля заявок',
    netShare: 'Доля суммы',
    number: '№ заявки',
    closedAt: 'Дата завершения',
    outOfCity: 'Выезд за город',
    review: 'Отзыв',
    status: 'Статус',
    client: 'Клиент',
    address: 'Адрес',
    phone: 'Телефон',
    dispatcher: 'Диспетчер',
    arrival: 'Время прибытия',
    arrivalAsTyped: 'Время (как записано)',
    createdAt: 'Создана',
    masterState: 'Состояние',
    active: 'В работе',
    longRepairs: 'Длительный ремонт',
    closed: 'Завершено',
    clientRefusals: 'Отказы клиентов',
    masterCancels: 'Отмены мастером',
    completionRate: 'Выполнение',
  },
  cells: {
    totals: 'Итого',
    yes: 'Да',
    no: 'Нет',
    /** No master or dispatcher on an order. */
    nobody: '—',
    withoutMaster: 'Без мастера',
    masterState: { active: 'Активен', inactive: 'Деактивирован', fired: 'Уволен' },
  },
};
