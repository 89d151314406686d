import type { Order } from '../../orders/order.entity';
import type { OrderStatus } from '../../orders/order-status';
import { parseOrderCallback } from '../callback-data';
import { withdrawnCard, workGroupCard } from './work-group-card';

const ZONE = 'Europe/Moscow';

function order(status: OrderStatus, overrides: Partial<Order> = {}): Order {
  return {
    id: 42,
    version: 7,
    status,
    equipmentType: 'Холодильники',
    problem: 'Не морозит <морозилка> & течёт',
    clientName: 'Анна',
    clientAddress: 'ул. Ленина, д. 5, кв. 12',
    clientPhone: '+79001112233',
    notes: null,
    arrivalText: 'завтра в 15:00',
    arrivalFrom: new Date('2025-10-21T12:00:00Z'),
    arrivalTo: null,
    refusalReason: null,
    drExpectedDate: null,
    drParts: null,
    drPreliminaryKopecks: null,
    drPrepaymentKopecks: null,
    ...overrides,
  } as Order;
}

const card = (o: Order, extra: { actedOnBehalfBy?: string } = {}) =>
  workGroupCard({ order: o, assignedAt: new Date('2025-10-20T09:30:00Z'), zone: ZONE, ...extra });

const labels = (o: Order) =>
  card(o)
    .reply_markup?.inline_keyboard.flat()
    .map((button) => button.text) ?? [];

describe('workGroupCard', () => {
  it('announces a new assignment with every field and the phone hidden', () => {
    const { text } = card(order('ASSIGNED', { notes: 'Домофон 12' }));
    expect(text.split('\n')).toEqual([
      '🔔 <b>Новая заявка назначена!</b>',
      '<b>Заявка #42</b> — 👨‍🔧 Назначена',
      '🔧 Тип: Холодильники',
      '📝 Проблема: Не морозит &lt;морозилка&gt; &amp; течёт',
      '📍 Адрес: ул. Ленина, д. 5, кв. 12',
      '👤 Клиент: Анна',
      '📞 Телефон: будет доступен после прибытия на объект',
      '🕐 Время прибытия: 21.10.2025 15:00 («завтра в 15:00»)',
      '🗒 Заметки: Домофон 12',
      '📌 Назначена: 20.10.2025 12:30',
    ]);
    expect(text).not.toContain('+7900');
  });

  it.each<[OrderStatus, string[]]>([
    ['ASSIGNED', ['✅ Принять заявку', '❌ Отмена', '📅 Перенести визит']],
    ['ACCEPTED', ['🏠 Я на объекте', '📅 Перенести визит', '❌ Отмена']],
    ['ONSITE', ['💰 Завершить', '⏳ ДР', '❌ Отказ клиента']],
    ['DR', ['💰 Завершить ремонт', '🏠 Снова на объекте']],
    ['CLOSED', []],
    ['REFUSED', []],
  ])('shows the buttons of %s', (status, expected) => {
    expect(labels(order(status))).toEqual(expected);
  });

  it('builds button data the bot handlers parse, with the order version', () => {
    const data = card(order('ONSITE'))
      .reply_markup!.inline_keyboard.flat()
      .map((button) =>
        'callback_data' in button ? parseOrderCallback(button.callback_data) : null,
      );
    expect(data).toEqual([
      { action: 'complete', orderId: 42, version: 7 },
      { action: 'dr', orderId: 42, version: 7 },
      { action: 'crefused', orderId: 42, version: 7 },
    ]);
  });

  it.each<OrderStatus>(['ONSITE', 'DR', 'CLOSED'])('shows the phone once %s', (status) => {
    expect(card(order(status)).text).toContain('📞 Телефон: +79001112233');
  });

  it.each<OrderStatus>(['ASSIGNED', 'ACCEPTED', 'REFUSED'])(
    'hides the phone while %s',
    (status) => {
      expect(card(order(status)).text).not.toContain('+79001112233');
    },
  );

  it('shows the long-repair terms', () => {
    const { text } = card(
      order('DR', {
        drExpectedDate: '2025-11-03',
        drParts: 'Компрессор',
        drPreliminaryKopecks: 1_250_000,
        drPrepaymentKopecks: 300_000,
      }),
    );
    expect(text).toContain('⏳ Ремонт до: 03.11.2025');
    expect(text).toContain('🔩 Запчасти: Компрессор');
    expect(text).toContain('💰 Предварительно: 12 500 ₽');
    expect(text).toContain('💳 Предоплата: 3 000 ₽');
  });

  it('shows the money of a closed order', () => {
    const { text } = card(
      order('CLOSED', {
        totalKopecks: 1_000_000,
        materialsKopecks: 300_000,
        netKopecks: 700_000,
        masterShareKopecks: 350_000,
        companyShareKopecks: 350_000,
      }),
    );
    expect(text).toContain('💰 Сумма: 10 000 ₽');
    expect(text).toContain('💵 Чистыми: 7 000 ₽');
    expect(text).toContain('👨‍🔧 Мастеру: 3 500 ₽ · 🏢 Компании: 3 500 ₽');
  });

  it('shows why an order was refused, escaped', () => {
    expect(card(order('REFUSED', { refusalReason: 'Дорого <очень>' })).text).toContain(
      '❌ <b>Отказ</b>: Дорого &lt;очень&gt;',
    );
  });

  it('shows an interval of arrival on one day', () => {
    const { text } = card(
      order('ACCEPTED', {
        arrivalText: 'с 10 до 16',
        arrivalFrom: new Date('2025-10-21T07:00:00Z'),
        arrivalTo: new Date('2025-10-21T13:00:00Z'),
      }),
    );
    expect(text).toContain('🕐 Время прибытия: 21.10.2025 10:00–16:00 («с 10 до 16»)');
  });

  it('keeps an instruction instead of a time as typed', () => {
    const { text } = card(
      order('ASSIGNED', { arrivalText: 'Позвонить заранее', arrivalFrom: null }),
    );
    expect(text).toContain('🕐 Время прибытия: Позвонить заранее');
  });

  it('says when an admin acted for the master', () => {
    expect(card(order('ACCEPTED'), { actedOnBehalfBy: 'Ольга' }).text).toContain(
      '✍️ Изменено администратором Ольга от имени мастера',
    );
  });

  it('withdraws a card without buttons', () => {
    expect(withdrawnCard(42)).toEqual({
      text: '🚫 <b>Заявка #42 снята</b>\nОна больше не назначена на эту группу.',
    });
  });
});
