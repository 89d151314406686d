import { worded } from '../../test/support/worded';
import { moneyTexts } from '../texts/ru/money';
import {
  formatRubles,
  InvalidMoneyError,
  MAX_AMOUNT_KOPECKS,
  parseOptionalRubles,
  parseRubles,
} from './money';

describe('parseRubles', () => {
  it.each([
    ['5000', 500_000],
    ['5 000', 500_000],
    ['5000₽', 500_000],
    ['5 000 ₽', 500_000],
    ['5 000 руб', 500_000],
    ['5 000 руб.', 500_000],
    ['5000 рублей', 500_000],
    ['1 рубль', 100],
    ['2 рубля', 200],
    ['5 000 р.', 500_000],
    ['5000р', 500_000],
    ['5000 РУБ', 500_000],
    ['5000,50', 500_050],
    ['5000.5', 500_050],
    ['5 000,05 ₽', 500_005],
    ['1 234 567', 123_456_700],
    ['5\u00a0000', 500_000],
    ['5\u2009000\u202f₽', 500_000],
    ['  4200  ', 420_000],
    ['0', 0],
    ['10 000 000', MAX_AMOUNT_KOPECKS],
  ])('reads %j as %d kopecks', (input, kopecks) => {
    expect(parseRubles(input)).toEqual({ ok: true, kopecks });
  });

  it.each(['', '   ', 'руб', '₽'])('asks for an amount when %j has no number', (input) => {
    expect(worded(parseRubles(input))).toEqual({
      ok: false,
      reason: 'amount_empty',
      message: moneyTexts.errors.empty,
    });
  });

  it.each(['-5000', '−5 000 ₽', '- 100'])('refuses the negative amount %j', (input) => {
    expect(worded(parseRubles(input))).toEqual({
      ok: false,
      reason: 'amount_negative',
      message: moneyTexts.errors.negative,
    });
  });

  it.each([
    'пять тысяч',
    'abc',
    '5к',
    '5000$',
    '5,000.50',
    '500 50',
    '50 00',
    '5000,',
    ',50',
    '+5000',
  ])('refuses %j as not a number', (input) => {
    expect(worded(parseRubles(input))).toEqual({
      ok: false,
      reason: 'amount_not_a_number',
      message: moneyTexts.errors.notANumber,
    });
  });

  it.each(['5000,505', '5.000', '0.001'])('refuses %j for more than two decimals', (input) => {
    expect(worded(parseRubles(input))).toEqual({
      ok: false,
      reason: 'amount_too_many_decimals',
      message: moneyTexts.errors.tooManyDecimals,
    });
  });

  it.each(['10 000 000,01', '10000001', '99999999999999999999999'])(
    'refuses the absurd amount %j and names the limit',
    (input) => {
      expect(worded(parseRubles(input))).toEqual({
        ok: false,
        reason: 'amount_too_large',
        maxKopecks: 1_000_000_000,
        message: moneyTexts.errors.tooLarge('10 000 000 ₽'),
      });
    },
  );

  it('shows an example in every refusal', () => {
    const messages = [
      moneyTexts.errors.empty,
      moneyTexts.errors.notANumber,
      moneyTexts.errors.negative,
      moneyTexts.errors.tooManyDecimals,
      moneyTexts.errors.tooLarge('10 000 000 ₽'),
    ];
    for (const message of messages) expect(message).toContain('например: 5');
  });
});

describe('parseOptionalRubles', () => {
  it.each(['нет', 'Нет', '-', '0', ' 0 '])('reads %p as no amount', (input) => {
    expect(parseOptionalRubles(input)).toEqual({ ok: true, kopecks: null });
  });

  it('reads an amount as parseRubles does, and refuses what it refuses', () => {
    expect(parseOptionalRubles('3 000 руб')).toEqual({ ok: true, kopecks: 300_000 });
    expect(worded(parseOptionalRubles('много'))).toEqual({
      ok: false,
      reason: 'amount_not_a_number',
      message: moneyTexts.errors.notANumber,
    });
  });
});

describe('formatRubles', () => {
  it.each([
    [0, '0 ₽'],
    [5, '0,05 ₽'],
    [99_900, '999 ₽'],
    [420_000, '4 200 ₽'],
    [500_050, '5 000,50 ₽'],
    [123_456_789, '1 234 567,89 ₽'],
    [-30_000, '-300 ₽'],
    [-500_050, '-5 000,50 ₽'],
  ])('formats %d kopecks as %j', (kopecks, text) => {
    expect(formatRubles(kopecks)).toBe(text);
  });

  it('reads back what it formats', () => {
    expect(parseRubles(formatRubles(123_456_789))).toEqual({ ok: true, kopecks: 123_456_789 });
  });

  it.each([0.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])(
    'refuses to format %d, which is not whole kopecks',
    (value) => {
      expect(() => formatRubles(value)).toThrow(InvalidMoneyError);
    },
  );
});
