import {
  button,
  count,
  flag,
  id,
  optional,
  orderCallback,
  parseOrderCallback,
} from './callback-data';

describe('callback data', () => {
  it('round-trips an order button with the version the card showed', () => {
    expect(parseOrderCallback(orderCallback('accept', 15, 3))).toEqual({
      action: 'accept',
      orderId: 15,
      version: 3,
    });
    expect(parseOrderCallback(orderCallback('card', 2_147_483_647))).toEqual({
      action: 'card',
      orderId: 2_147_483_647,
    });
  });

  it.each([
    undefined,
    '',
    'o:accept',
    'o:accept:abc',
    'o:launch:1',
    'o:accept:0',
    'o:accept:1:2:3',
    'o:accept:-1',
    'x'.repeat(65),
  ])('refuses forged or malformed data %p', (data) => {
    expect(parseOrderCallback(data)).toBeNull();
  });

  it('never builds data over 64 bytes', () => {
    const long = button('a', { text: { ...count, encode: () => 'x'.repeat(70) } });
    expect(() => long.build({ text: 1 })).toThrow('64 bytes');
    expect(
      Buffer.byteLength(orderCallback('backonsite', 2_147_483_647, 2_147_483_647)),
    ).toBeLessThanOrEqual(64);
  });

  it('writes the fields in order, an optional last one only when given', () => {
    const toggle = button('am', { masterId: id, on: flag, page: optional(count) });
    expect(toggle.build({ masterId: 12, on: true })).toBe('am:12:1');
    expect(toggle.build({ masterId: 12, on: false, page: 0 })).toBe('am:12:0:0');
    expect(toggle.pattern.test('am:12:1')).toBe(true);
    expect(toggle.decode('am:12:0:3')).toEqual({ masterId: 12, on: false, page: 3 });
    expect(toggle.decode('am:0:1')).toBeNull();
    expect(button('l:menu').build()).toBe('l:menu');
  });
});
