import type { OrderHistoryEntry } from '../../orders/order-queries.service';
import type { OrderStatus } from '../../orders/order-status';
import type { Order } from '../../orders/order.entity';
import { staffOrderCard } from './staff-order-card';

const ZONE = 'Europe/Moscow';

function order(status: OrderStatus, overrides: Partial<Order> = {}): Order {
  return {
    id: 42,
    version: 3,
    status,
    equipmentType: 'Холодильники',
    problem: 'Не морозит',
    clientName: 'Анна',
    clientAddress: 'ул. Ленина, д. 5',
    clientPhone: '+79001112233',
    notes: null,
    arrivalText: null,
    refusalReason: null,
    createdAt: new Date('2026-01-15T07:00:00Z'),
    drExpectedDate: null,
    drParts: null,
    drPreliminaryKopecks: null,
    drPrepaymentKopecks: null,
    ...overrides,
  } as Order;
}

/** A step at `hhmm` Moscow time on 15 January 2026. */
const step = (hhmm: string, action: string, extra: Partial<OrderHistoryEntry> = {}) => ({
  at: new Date(`2026-01-15T${hhmm}:00+03:00`),
  action,
  toStatus: 'NEW' as OrderStatus,
  actorName: 'Дарья',
  reason: null,
  ...extra,
});

const textOf = (o: Order, history: OrderHistoryEntry[]) =>
  staffOrderCard(o, ZONE, { isAdmin: false, history }).text;

describe('staffOrderCard', () => {
  it('summarises the history: when, what, why and who, in the business time zone', () => {
    const text = textOf(order('NEW'), [
      step('10:00', 'create'),
      step('10:05', 'assign'),
      step('10:40', 'master_cancel', { actorName: 'Пётр <Мастер>', reason: 'Нет <запчасти>' }),
    ]);
    expect(text.split('\n').slice(-4)).toEqual([
      '📜 <b>История</b> (3):',
      '• 15.01 10:00 создана — Дарья',
      '• 15.01 10:05 назначен мастер — Дарья',
      '• 15.01 10:40 мастер отказался: Нет &lt;запчасти&gt; — Пётр &lt;Мастер&gt;',
    ]);
  });

  it('shows the latest steps of a long history and counts the earlier ones', () => {
    const history = Array.from({ length: 11 }, (_, i) =>
      step(`1${i % 10}:00`, i % 2 ? 'reschedule' : 'edit', { actorName: null }),
    );
    const lines = textOf(order('ASSIGNED'), history).split('\n');
    const start = lines.indexOf('📜 <b>История</b> (11):');
    expect(lines[start + 1]).toBe('… и ещё 3 раньше');
    expect(lines.slice(start + 2)).toHaveLength(8);
    expect(lines.at(-1)).toBe('• 15.01 10:00 изменены данные — система');
  });

  it('cuts a long reason short', () => {
    const text = textOf(order('NEW'), [step('10:00', 'cancel', { reason: 'я'.repeat(300) })]);
    expect(text).toContain(`отменена: ${'я'.repeat(80)}… — Дарья`);
  });

  it('has no history section without history', () => {
    expect(textOf(order('NEW'), [])).not.toContain('История');
  });

  it("shows a long repair's date, parts, preliminary sum and prepayment", () => {
    const text = textOf(
      order('DR', {
        drExpectedDate: '2026-02-03',
        drParts: 'Компрессор',
        drPreliminaryKopecks: 1_250_000,
        drPrepaymentKopecks: 300_000,
      }),
      [],
    );
    expect(text).toContain('⏳ Ремонт до: 03.02.2026');
    expect(text).toContain('🔩 Запчасти: Компрессор');
    expect(text).toContain('💰 Предварительно: 12 500 ₽');
    expect(text).toContain('💳 Предоплата: 3 000 ₽');
  });
});
