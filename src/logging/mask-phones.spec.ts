import { maskPhones } from './mask-phones';

describe('maskPhones', () => {
  it.each([
    ['client +79001234567 waits', 'client +7******4567 waits'],
    ['phone 8 (900) 123-45-67.', 'phone +7******4567.'],
    ['7-900-123-45-67', '+7******4567'],
  ])('hides all but the last four digits of %s', (text, masked) => {
    expect(maskPhones(text)).toBe(masked);
  });

  it('leaves order numbers, ids and amounts alone', () => {
    const text = 'order #1234 by user 123456789 for 10000 ₽';
    expect(maskPhones(text)).toBe(text);
  });
});
