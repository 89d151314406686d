import type { ArrivalEcho } from '../../orders/arrival-time.parser';

/**
 * Russian texts about the arrival time a dispatcher types (docs/product.md §2.4): the echo of a
 * recognised time, and why a time is refused. Each refusal says what is wrong and shows
 * phrases that work, because the question is then asked again.
 */
export const arrivalTexts = {
  recognized: (echo: ArrivalEcho) => `✅ Дата распознана: ${echo.typed} → ${when(echo)}`,
  past: 'Это время уже прошло. Укажите время в будущем, например: «16:00», «завтра в 15:00», «с 10 до 16» или «через 2 часа».',
  tooFar:
    'Это больше чем через год — похоже на опечатку. Проверьте дату: ДД.ММ.ГГГГ ЧЧ:ММ, например «завтра в 15:00», «через неделю» или «через 3 дня 15:00».',
  ambiguous:
    'Одно число непонятно: это час, день или срок? Напишите точнее, например: «15:00», «завтра в 15:00», «с 10 до 16» или «через 2 часа».',
  unrecognized:
    'Не удалось распознать время: часы — от 0 до 23, минуты — от 0 до 59, дата — ДД.ММ.ГГГГ ЧЧ:ММ. Напишите, например: «16:00», «завтра в 15:00», «послезавтра 14:30», «с 10 до 16» или «через 2 часа».',
  soonWarning: '⚠️ До прибытия меньше 30 минут — мастер может не успеть. Проверьте время.',
} as const;

function when(echo: ArrivalEcho): string {
  switch (echo.span) {
    case 'at':
      return echo.from;
    // An arrival with a start and no end ("с 12", "после 18").
    case 'from':
      return `с ${echo.from}`;
    case 'between':
      return echo.sameDay ? `${echo.from}–${echo.to}` : `${echo.from} – ${echo.to}`;
  }
}
