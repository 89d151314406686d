import { formatRubles } from '../../orders/money';

const orders = (count: number) => `${count} ${plural(count, 'заявка', 'заявки', 'заявок')}`;

/** "41,7 %": Russian decimal comma, the share of `part` in `whole`. */
const percent = (part: number, whole: number) =>
  `${whole ? ((part / whole) * 100).toFixed(1).replace('.', ',') : '0'} %`;

/** Reports (docs/product.md §10): why a period is refused, the texts instead of and beside each file. */
export const reportTexts = {
  periodErrors: {
    format:
      '❌ Не удалось понять период. Напишите две даты через дефис, например: 01.10.2025-31.10.2025.',
    invalidDate: (typed: string) => `❌ Даты ${typed} не существует. Проверьте число и месяц.`,
    reversed: '❌ Начало периода позже конца. Напишите сначала раннюю дату, потом позднюю.',
  },

  empty: {
    activeOrders: '📋 Активных заявок нет.',
    summary: (label: string) => `📊 За ${label} завершённых заявок нет.`,
    masterStatistics: (label: string) => `👨‍🔧 За ${label} у мастеров не было заявок.`,
    masterReport: (master: string, label: string) =>
      `📊 У мастера ${master} за ${label} завершённых заявок нет.`,
    masterNotFound: '❌ Мастер не найден.',
  },

  /** The message beside each file; `more` ends a list cut to Telegram's 4096-character limit. */
  summary: {
    more: (count: number) => `…и ещё ${count}`,
    summaryTitle: (label: string) => `📊 Сводка за ${label}`,
    masterReportTitle: (master: string, label: string) => `📊 ${master}: отчёт за ${label}`,
    masterStatisticsTitle: (label: string) => `👨‍🔧 Статистика мастеров за ${label}`,
    activeOrdersTitle: (count: number) => `📋 Активные заявки: ${count}`,
    /** The 21:30 evening summary: the day's new orders (docs/product.md §8). */
    eveningTitle: (label: string, count: number) =>
      `🌙 Итоги дня ${label}: новых заявок — ${count}`,
    eveningNone: (label: string) => `🌙 Итоги дня ${label}: новых заявок не было.`,
    totals: (t: {
      orders: number;
      refused?: number;
      totalKopecks: number;
      materialsKopecks: number;
      netKopecks: number;
      masterShareKopecks: number;
      companyShareKopecks: number;
    }) =>
      [
        `✅ Завершено: ${orders(t.orders)}` + (t.refused ? ` · ❌ отказов: ${t.refused}` : ''),
        `💰 Сумма: ${formatRubles(t.totalKopecks)}`,
        `🧰 Материалы: ${formatRubles(t.materialsKopecks)}`,
        `💵 Чистыми: ${formatRubles(t.netKopecks)}`,
        `👨‍🔧 Мастерам: ${formatRubles(t.masterShareKopecks)}`,
        `🏢 Сдать компании: ${formatRubles(t.companyShareKopecks)}`,
      ].join('\n'),
    byMaster: '👨‍🔧 По мастерам:',
    byEquipmentType: '🔧 По типам техники:',
    byStatus: '📌 По статусам:',
    masterLine: (name: string, count: number, netKopecks: number, companyKopecks: number) =>
      `• ${name} — ${orders(count)}, чистыми ${formatRubles(netKopecks)}, сдать ${formatRubles(companyKopecks)}`,
    typeLine: (type: string, count: number, allOrders: number, netKopecks: number) =>
      `• ${type} — ${orders(count)} (${percent(count, allOrders)}), чистыми ${formatRubles(netKopecks)}`,
    countLine: (name: string, count: number) => `• ${name} — ${count}`,
    masterStatisticsLine: (
      name: string,
      s: { closed: number; netKopecks: number; completionRate: number | null },
    ) =>
      `• ${name} — завершено ${s.closed}, чистыми ${formatRubles(s.netKopecks)}` +
      (s.completionRate === null ? '' : `, выполнение ${s.completionRate} %`),
  },
};

function plural(count: number, one: string, few: string, many: string): string {
  const mod10 = count % 10;
  const mod100 = count % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}
