import { formatPhone, looksLikePhone, maskPhone, normalizePhone } from './phone';

describe('normalizePhone', () => {
  it.each([
    ['+79001234567'],
    ['+7 900 123 45 67'],
    ['+7 (900) 123-45-67'],
    ['89001234567'],
    ['8 (900) 123-45-67'],
    ['8-900-123-45-67'],
    ['8.900.123.45.67'],
    ['79001234567'],
    ['7-900-123-4567'],
    ['7 (900) 1234567'],
    ['9001234567'],
    ['900 123-45-67'],
    ['  8 900 123 45 67  '],
    ['8\u00a0900\u00a0123\u00a045\u00a067'],
  ])('reads %j as +79001234567', (input) => {
    expect(normalizePhone(input)).toBe('+79001234567');
  });

  it('accepts a landline with a city code', () => {
    expect(normalizePhone('8 (495) 123-45-67')).toBe('+74951234567');
  });

  it.each([
    ['', 'empty'],
    ['8 900 123 45 6', 'ten digits after the trunk prefix 8'],
    ['8 900 123 45 678', 'twelve digits'],
    ['+7 900 123 45 6', 'too few digits after +7'],
    ['4951234567', 'ten digits not starting with 9'],
    ['123-45-67', 'a local number without a code'],
    ['8 900 123 45 6x', 'a letter'],
    ['тел. 89001234567', 'words around the number'],
    ['+1 900 123 45 67', 'another country code'],
    ['+380 44 123 45 67', 'a Ukrainian number'],
    ['+8 900 123 45 67', '"+" followed by the trunk prefix'],
    ['+9001234567', '"+" followed by a bare mobile number'],
    ['8 900 +123 45 67', '"+" in the middle'],
    ['69001234567', 'eleven digits starting with neither 7 nor 8'],
  ])('refuses %j (%s)', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });
});

describe('looksLikePhone', () => {
  it.each([['8 (900) 123-45-67'], ['+7 900 123 45 67'], ['9001234567'], ['1234567890']])(
    'takes %j for a phone: phone characters and 10–11 digits',
    (input) => {
      expect(looksLikePhone(input)).toBe(true);
    },
  );

  it.each([['15'], ['#15'], ['123-45-67'], ['ленина 5'], ['8 900 123 45 678'], ['']])(
    'does not take %j for a phone',
    (input) => {
      expect(looksLikePhone(input)).toBe(false);
    },
  );
});

describe('maskPhone', () => {
  it('hides all but the last four digits', () => {
    expect(maskPhone('+79001234567')).toBe('+7******4567');
  });

  it('gives the same shape for a phone in another format', () => {
    expect(maskPhone('8 (900) 123-45-67')).toBe('+7******4567');
  });
});

describe('formatPhone', () => {
  it('writes a stored phone the way people read it', () => {
    expect(formatPhone('+79001234567')).toBe('+7 900 123-45-67');
  });

  it('leaves anything that is not a stored phone as it is', () => {
    expect(formatPhone('12345')).toBe('12345');
  });
});
