import { callback, orderCallback, parseCallback, parseOrderCallback } from './callback-data';

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
    expect(() => callback('a', 'b', 'x'.repeat(70))).toThrow('64 bytes');
    expect(
      Buffer.byteLength(orderCallback('backonsite', 2_147_483_647, 2_147_483_647)),
    ).toBeLessThanOrEqual(64);
  });

  it('splits other buttons into area, action and arguments', () => {
    expect(parseCallback(callback('m', 'pick', 12, 5))).toEqual({
      area: 'm',
      action: 'pick',
      args: ['12', '5'],
    });
    expect(parseCallback('nothing')).toBeNull();
  });
});
