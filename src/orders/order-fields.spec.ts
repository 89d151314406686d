import { orderFieldTexts as texts } from '../texts/ru/order-fields';
import { reasonText } from '../texts/ru/reasons';
import {
  FieldResult,
  validateClientAddress,
  validateClientName,
  validateClientPhone,
  validateEquipmentType,
  validateNewOrder,
  validateNotes,
  validateProblem,
  validateReason,
} from './order-fields';

const TYPES = ['Стиральные машины', 'Холодильники', 'ДШ/ВП'] as const;

function refusal<T>(result: FieldResult<T>): string {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return reasonText(result);
}

describe('validateEquipmentType', () => {
  it('accepts a configured type', () => {
    expect(validateEquipmentType('Холодильники', TYPES)).toEqual({
      ok: true,
      value: 'Холодильники',
    });
  });

  it('matches regardless of case and spaces and returns the configured spelling', () => {
    expect(validateEquipmentType('  дш/вп ', TYPES)).toEqual({ ok: true, value: 'ДШ/ВП' });
  });

  it('refuses a type that is not configured and lists the ones that are', () => {
    expect(refusal(validateEquipmentType('Пылесосы', TYPES))).toBe(
      'Такого типа техники нет. Выберите один из: Стиральные машины, Холодильники, ДШ/ВП.',
    );
  });
});

describe('validateProblem', () => {
  it('says a 3-character description is too short and how long it must be', () => {
    expect(refusal(validateProblem('шум'))).toBe('Описание слишком короткое: минимум 4 символа.');
  });

  it('accepts 4 characters', () => {
    expect(validateProblem('течь')).toEqual({ ok: true, value: 'течь' });
  });

  it('counts characters after trimming', () => {
    expect(refusal(validateProblem('   шум   '))).toBe(texts.problem.tooShort(4));
  });

  it('accepts 500 characters', () => {
    expect(validateProblem('а'.repeat(500))).toEqual({ ok: true, value: 'а'.repeat(500) });
  });

  it('says a 501-character description is too long, with its length and the limit', () => {
    expect(refusal(validateProblem('а'.repeat(501)))).toBe(
      'Описание слишком длинное: 501 символ, а можно не больше 500. Сократите его.',
    );
  });

  it('keeps line breaks inside the description', () => {
    expect(validateProblem(' не сливает\nшумит ')).toEqual({
      ok: true,
      value: 'не сливает\nшумит',
    });
  });

  it('counts an emoji as one character', () => {
    expect(validateProblem('💧💧💧💧')).toEqual({ ok: true, value: '💧💧💧💧' });
  });
});

describe('validateClientName', () => {
  it('says a 1-character name is too short', () => {
    expect(refusal(validateClientName('И'))).toBe('Имя слишком короткое: минимум 2 символа.');
  });

  it('accepts 2 characters', () => {
    expect(validateClientName('Ян')).toEqual({ ok: true, value: 'Ян' });
  });

  it('accepts 200 characters and refuses 201', () => {
    expect(validateClientName('я'.repeat(200)).ok).toBe(true);
    expect(refusal(validateClientName('я'.repeat(201)))).toBe(texts.clientName.tooLong(201, 200));
  });

  it('refuses a name without a letter', () => {
    expect(refusal(validateClientName('12345'))).toBe(texts.clientName.noLetter);
  });

  it('puts a pasted multi-line name on one line', () => {
    expect(validateClientName(' Анна\n  Петровна ')).toEqual({ ok: true, value: 'Анна Петровна' });
  });
});

describe('validateClientAddress', () => {
  it('accepts an address with a house number', () => {
    expect(validateClientAddress('ул. Ленина, д. 5')).toEqual({
      ok: true,
      value: 'ул. Ленина, д. 5',
    });
  });

  it('refuses an address without a digit and asks for the house number', () => {
    expect(refusal(validateClientAddress('ул. Ленина'))).toBe(
      'В адресе нет номера дома. Укажите улицу и дом, например: ул. Ленина, д. 5, кв. 12.',
    );
  });

  it('refuses 3 characters and accepts 4', () => {
    expect(refusal(validateClientAddress('Л 5'))).toBe(texts.clientAddress.tooShort(4));
    expect(validateClientAddress('Л 55').ok).toBe(true);
  });

  it('accepts 500 characters and refuses 501', () => {
    expect(validateClientAddress('5'.repeat(500)).ok).toBe(true);
    expect(refusal(validateClientAddress('5'.repeat(501)))).toBe(
      texts.clientAddress.tooLong(501, 500),
    );
  });
});

describe('validateClientPhone', () => {
  it('stores the phone normalized', () => {
    expect(validateClientPhone('8 (900) 123-45-67')).toEqual({ ok: true, value: '+79001234567' });
  });

  it('refuses a wrong number and shows the accepted format', () => {
    const message = refusal(validateClientPhone('8 900 123'));
    expect(message).toBe(texts.clientPhone.invalid);
    expect(message).toContain('+7XXXXXXXXXX');
  });
});

describe('validateNotes', () => {
  it.each([[''], ['   '], ['-'], [' - '], ['—']])('clears the notes for %j', (input) => {
    expect(validateNotes(input)).toEqual({ ok: true, value: null });
  });

  it('accepts 1000 characters', () => {
    expect(validateNotes('з'.repeat(1000))).toEqual({ ok: true, value: 'з'.repeat(1000) });
  });

  it('refuses 1001 characters and tells how to clear the field', () => {
    expect(refusal(validateNotes('з'.repeat(1001)))).toBe(
      'Заметки слишком длинные: 1001 символ, а можно не больше 1000. Сократите их или отправьте «-», чтобы оставить поле пустым.',
    );
  });

  it('keeps a dash that is part of the text', () => {
    expect(validateNotes('-домофон не работает')).toEqual({
      ok: true,
      value: '-домофон не работает',
    });
  });
});

describe('validateReason', () => {
  it('says a 2-character reason is too short', () => {
    expect(refusal(validateReason(' да '))).toBe(
      'Причина слишком короткая: минимум 3 символа. Напишите, почему так вышло.',
    );
  });

  it('accepts 3 characters', () => {
    expect(validateReason('дно')).toEqual({ ok: true, value: 'дно' });
  });

  it('accepts 500 characters and refuses 501', () => {
    expect(validateReason('п'.repeat(500)).ok).toBe(true);
    expect(refusal(validateReason('п'.repeat(501)))).toBe(texts.reason.tooLong(501, 500));
  });
});

describe('commands are never taken as answers', () => {
  const validators: [string, (input: string) => FieldResult<unknown>][] = [
    ['equipment type', (input) => validateEquipmentType(input, [...TYPES, '/cancel'])],
    ['problem', validateProblem],
    ['client name', validateClientName],
    ['client address', validateClientAddress],
    ['client phone', validateClientPhone],
    ['notes', validateNotes],
    ['reason', validateReason],
  ];

  describe.each(validators)('%s', (_field, validate) => {
    it.each([['/cancel'], ['/start'], [' /cancel причина 5']])('refuses %j', (input) => {
      expect(refusal(validate(input))).toBe(texts.commandIsNotAnAnswer);
    });
  });
});

describe('validateNewOrder', () => {
  const draft = {
    equipmentType: 'Холодильники',
    problem: '  Не морозит  ',
    clientName: 'Иван',
    clientAddress: 'ул. Ленина, д. 5',
    clientPhone: '8 (900) 123-45-67',
  };

  it('returns the normalized order when every field is valid', () => {
    expect(validateNewOrder(draft, TYPES)).toEqual({
      ok: true,
      value: {
        equipmentType: 'Холодильники',
        problem: 'Не морозит',
        clientName: 'Иван',
        clientAddress: 'ул. Ленина, д. 5',
        clientPhone: '+79001234567',
        notes: null,
      },
    });
  });

  it('keeps notes when given', () => {
    const result = validateNewOrder({ ...draft, notes: 'Код домофона 12' }, TYPES);
    expect(result.ok && result.value.notes).toBe('Код домофона 12');
  });

  it('reports every problem at once, each with its field', () => {
    const result = validateNewOrder(
      {
        ...draft,
        problem: 'шум',
        clientAddress: 'ул. Ленина',
        clientPhone: '123',
        notes: '/start',
      },
      TYPES,
    );
    expect(
      !result.ok &&
        result.problems.map(({ field, ...reason }) => ({ field, message: reasonText(reason) })),
    ).toEqual([
      { field: 'problem', message: texts.problem.tooShort(4) },
      { field: 'clientAddress', message: texts.clientAddress.noHouseNumber },
      { field: 'clientPhone', message: texts.clientPhone.invalid },
      { field: 'notes', message: texts.commandIsNotAnAnswer },
    ]);
  });
});
