import { MESSAGE_LIMIT, messageSize } from '../telegram/pagination/pages';
import { ReminderOrderLine, unassignedReminder } from '../texts/ru/scheduler';
import { unassignedReminderParts } from './reminder-parts';

const waiting = (count: number): ReminderOrderLine[] =>
  Array.from({ length: count }, (_, i) => ({
    orderId: 1000 + i,
    equipmentType: 'Стиральные машины',
    clientAddress: `ул. Большая Покровская & Ко, д. ${i}, кв. ${i * 3}, подъезд 2, этаж 5`,
    minutes: 15 + i,
  }));

describe('unassignedReminderParts', () => {
  it('keeps a short list in one message with the payload it always had', () => {
    const orders = waiting(3);
    expect(unassignedReminderParts(orders)).toEqual([{ orders }]);
  });

  it('sends 120 waiting orders in parts that each fit, every order once, in order', () => {
    const orders = waiting(120);
    const parts = unassignedReminderParts(orders);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.flatMap((part) => part.orders)).toEqual(orders);
    parts.forEach((part, i) => {
      const text = unassignedReminder(part);
      expect(messageSize(text)).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(text).toContain(`(120) — часть ${i + 1}/${parts.length}:`);
      expect(text.endsWith('Назначьте мастера.')).toBe(true);
    });
  });
});
