import { MESSAGE_LIMIT, messageSize } from '../common/message-parts';
import type { ReminderOrderLine, WaitingReminderPayload } from '../notifications/outbox-events';
import { unassignedReminder } from '../texts/ru/scheduler';
import { reminderParts } from './reminder-parts';

const waiting = (count: number, from = 1000): ReminderOrderLine[] =>
  Array.from({ length: count }, (_, i) => ({
    orderId: from + i,
    equipmentType: 'Стиральные машины',
    clientAddress: `ул. Большая Покровская & Ко, д. ${i}, кв. ${i * 3}, подъезд 2, этаж 5`,
    minutes: 15 + i,
  }));

const fitsTelegram = (payload: WaitingReminderPayload) =>
  messageSize(unassignedReminder(payload)) <= MESSAGE_LIMIT;

describe('reminderParts', () => {
  it('keeps a short list in one message with the plain payload', () => {
    const whole = { orders: waiting(3), stillWaiting: waiting(2, 2000) };
    expect(reminderParts(whole, fitsTelegram)).toEqual([whole]);
  });

  it('sends 120 reminders and 40 morning lines in parts that each fit, every order once, in order', () => {
    const whole = { orders: waiting(120), stillWaiting: waiting(40, 2000) };
    const parts = reminderParts(whole, fitsTelegram);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.flatMap((part) => part.orders)).toEqual(whole.orders);
    expect(parts.flatMap((part) => part.stillWaiting)).toEqual(whole.stillWaiting);
    parts.forEach((part, i) => {
      const text = unassignedReminder(part);
      expect(messageSize(text)).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(text).toMatch(new RegExp(`\\((120|40)\\) — часть ${i + 1}/${parts.length}:`));
      expect(text.endsWith('Назначьте мастера.')).toBe(true);
    });
  });
});
