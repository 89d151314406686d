import { addressTokens, classifySearchQuery } from './search-query';

describe('classifySearchQuery', () => {
  it.each([['8 (900) 123-45-67'], ['+7 900 123 45 67'], ['79001234567'], ['9001234567']])(
    'takes %j for the phone +79001234567',
    (input) => {
      expect(classifySearchQuery(input)).toEqual({ kind: 'phone', phone: '+79001234567' });
    },
  );

  it.each([
    ['#15', 15],
    ['# 15', 15],
    ['№15', 15],
    [' #007 ', 7],
  ])('takes %j for order %d', (input, orderId) => {
    expect(classifySearchQuery(input)).toEqual({ kind: 'order', orderId });
  });

  it('takes a bare number for an order if one exists, else for an address', () => {
    expect(classifySearchQuery('15')).toEqual({
      kind: 'orderOrAddress',
      orderId: 15,
      address: { tokens: ['15'] },
    });
  });

  it('takes a 10-digit number that is not a Russian phone for an order or an address', () => {
    expect(classifySearchQuery('1234567890')).toMatchObject({
      kind: 'orderOrAddress',
      orderId: 1234567890,
    });
  });

  it('searches addresses for numbers no order id can reach', () => {
    expect(classifySearchQuery('99999999999')).toEqual({
      kind: 'address',
      address: { tokens: ['99999999999'] },
    });
    expect(classifySearchQuery('#0')).toEqual({ kind: 'address', address: { tokens: ['0'] } });
  });

  it('searches addresses for everything else', () => {
    expect(classifySearchQuery('ленина 5')).toEqual({
      kind: 'address',
      address: { tokens: ['ленина', '5'] },
    });
  });

  it('gives the same tokens for "ул. Ленина, д. 5" and "Ленина ул 5"', () => {
    expect(classifySearchQuery('ул. Ленина, д. 5')).toEqual(classifySearchQuery('Ленина ул 5'));
  });

  it('searches "#abc" as the address word "abc": "#" alone does not make an order', () => {
    expect(classifySearchQuery('#abc')).toEqual({ kind: 'address', address: { tokens: ['abc'] } });
  });

  it.each([[''], ['   '], ['#'], ['ул. д.'], ['—']])(
    'finds nothing to search for in %j',
    (input) => {
      expect(classifySearchQuery(input)).toEqual({ kind: 'empty' });
    },
  );
});

describe('addressTokens', () => {
  it.each([
    ['ул. Ленина, д. 5', ['ленина', '5']],
    ['ленина 5', ['ленина', '5']],
    ['Ленина улица дом 5 кв 12', ['ленина', '5', '12']],
    ['ул.Ленина,д.5,кв.12', ['ленина', '5', '12']],
    ['Ленина д5 кв12', ['ленина', '5', '12']],
  ])('reads %j as %j', (text, tokens) => {
    expect(addressTokens(text)).toEqual(tokens);
  });

  it.each([
    ['пр-т Мира 10', 'проспект Мира, 10'],
    ['пр. Мира 10', 'Мира просп. 10'],
    ['пер. Лесной 3', 'Лесной переулок 3'],
    ['г. Москва, Ленина 5 корп. 2 стр. 1', 'город Москва улица Ленина дом 5 корпус 2 строение 1'],
    ['Ленина 5к2', 'Ленина д. 5, к. 2'],
  ])('drops street-type words: %j and %j give the same tokens', (short, long) => {
    expect(addressTokens(short)).toEqual(addressTokens(long));
  });

  it('lowers the case and reads ё as е', () => {
    expect(addressTokens('ФЁДОРОВА 7')).toEqual(['федорова', '7']);
  });

  it.each([['12а'], ['12 а'], ['12-а'], ['12А'], ['д. 12 А']])(
    'joins the house letter to its number in %j',
    (text) => {
      expect(addressTokens(text)).toEqual(['12а']);
    },
  );

  it('splits hyphenated street names so either half matches', () => {
    expect(addressTokens('ул. Римского-Корсакова 4')).toEqual(['римского', 'корсакова', '4']);
  });

  it('keeps the order of appearance and drops repeats', () => {
    expect(addressTokens('Ленина 5, кв. 5, Ленина')).toEqual(['ленина', '5']);
  });

  it('returns no tokens for punctuation and street-type words alone', () => {
    expect(addressTokens(' ул., д. — ')).toEqual([]);
  });
});
