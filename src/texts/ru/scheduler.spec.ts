import { unacceptedReminder, unassignedReminder } from './scheduler';

const line = (orderId: number, minutes: number) => ({
  orderId,
  equipmentType: 'Холодильники',
  clientAddress: 'ул. <Ленина> 5',
  minutes,
});

describe('waiting-order reminders', () => {
  it('list the reminders and, in the morning, the orders still waiting, in one message', () => {
    expect(
      unassignedReminder({ orders: [line(7, 15)], stillWaiting: [line(3, 1265), line(4, 1320)] }),
    ).toBe(
      [
        '⏰ <b>Заявки без мастера</b> (1):',
        '• #7 Холодильники, ул. &lt;Ленина&gt; 5 — ждёт 15 мин',
        '🌅 <b>Утренняя сводка: всё ещё без мастера</b> (2):',
        '• #3 Холодильники, ул. &lt;Ленина&gt; 5 — ждёт 21 ч 5 мин',
        '• #4 Холодильники, ул. &lt;Ленина&gt; 5 — ждёт 22 ч',
        'Назначьте мастера.',
      ].join('\n'),
    );
  });

  it('ask the master to accept several orders in the plural', () => {
    expect(unacceptedReminder({ orders: [line(5, 60)], stillWaiting: [line(2, 900)] })).toMatch(
      /назначена 15 ч назад\nПримите заявки или откажитесь от них\.$/,
    );
  });

  it('leave out an empty section', () => {
    expect(unacceptedReminder({ orders: [line(5, 60)], stillWaiting: [] })).toBe(
      [
        '⏰ <b>Заявки не приняты мастером</b> (1):',
        '• #5 Холодильники, ул. &lt;Ленина&gt; 5 — назначена 1 ч назад',
        'Примите заявку или откажитесь от неё.',
      ].join('\n'),
    );
  });
});
