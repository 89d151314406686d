/** Russian texts about money: how amounts are shown, what a master may type, why an amount is refused. */
export const moneyTexts = {
  currencySign: '₽',
  decimalSeparator: ',',
  /** Words a master may write after an amount ("5 000 руб", "5000 рублей", "5 000 р."). */
  rubleSuffixes: ['₽', 'рублей', 'рубля', 'рубль', 'руб', 'р'],
  errors: {
    empty: 'Напишите сумму цифрами, например: 5 000 или 5000,50.',
    notANumber:
      'Не удалось понять сумму. Напишите её цифрами, тысячи — через пробел, например: 5 000, 5000₽ или 5000,50.',
    negative: 'Сумма не может быть отрицательной. Напишите её без минуса, например: 5 000.',
    tooManyDecimals:
      'После запятой — только копейки, не больше двух цифр, например: 5000,50. Тысячи отделяйте пробелом: 5 000.',
    tooLarge: (max: string) =>
      `Сумма больше ${max} — похоже на опечатку. Проверьте число, например: 5 000.`,
  },
} as const;
