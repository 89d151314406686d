/**
 * Why an order field typed by a dispatcher or a master is refused (docs/product.md §2.1, §3.1):
 * each message says what is wrong and what is expected, and the question is then asked again.
 */
export const orderFieldTexts = {
  commandIsNotAnAnswer:
    'Команда не может быть ответом. Напишите ответ текстом или нажмите «❌ Отмена», чтобы прервать.',
  equipmentType: {
    unknown: (types: readonly string[]) =>
      `Такого типа техники нет. Выберите один из: ${types.join(', ')}.`,
  },
  problem: {
    tooShort: (min: number) => `Описание слишком короткое: минимум ${characters(min)}.`,
    tooLong: (length: number, max: number) =>
      `Описание слишком длинное: ${characters(length)}, а можно не больше ${max}. Сократите его.`,
  },
  clientName: {
    tooShort: (min: number) => `Имя слишком короткое: минимум ${characters(min)}.`,
    tooLong: (length: number, max: number) =>
      `Имя слишком длинное: ${characters(length)}, а можно не больше ${max}.`,
    noLetter: 'Имя должно содержать буквы, например: Иван или Анна Петровна.',
  },
  clientAddress: {
    tooShort: (min: number) => `Адрес слишком короткий: минимум ${characters(min)}.`,
    tooLong: (length: number, max: number) =>
      `Адрес слишком длинный: ${characters(length)}, а можно не больше ${max}.`,
    noHouseNumber:
      'В адресе нет номера дома. Укажите улицу и дом, например: ул. Ленина, д. 5, кв. 12.',
  },
  clientPhone: {
    invalid:
      'Не удалось распознать номер. Введите российский номер в формате +7XXXXXXXXXX, например: +7 900 123-45-67, 8 (900) 123-45-67 или 89001234567.',
  },
  notes: {
    tooLong: (length: number, max: number) =>
      `Заметки слишком длинные: ${characters(length)}, а можно не больше ${max}. Сократите их или отправьте «-», чтобы оставить поле пустым.`,
  },
  arrival: {
    tooLong: (length: number, max: number) =>
      `Слишком длинно: ${characters(length)}, а можно не больше ${max}. Укажите время или короткое указание для мастера.`,
  },
  reason: {
    tooShort: (min: number) =>
      `Причина слишком короткая: минимум ${characters(min)}. Напишите, почему так вышло.`,
    tooLong: (length: number, max: number) =>
      `Причина слишком длинная: ${characters(length)}, а можно не больше ${max}. Сократите её.`,
  },
} as const;

// "1 символ", "3 символа", "5 символов", "21 символ", "12 символов": Russian plural by the last digits.
function characters(count: number): string {
  const lastTwo = count % 100;
  const last = count % 10;
  if (last === 1 && lastTwo !== 11) return `${count} символ`;
  if (last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14)) return `${count} символа`;
  return `${count} символов`;
}
