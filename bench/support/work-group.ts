// A master with a work group and orders assigned to them, for the statement bench's button
// presses: seeded through the use cases, as an admin and a dispatcher would do it in the bot.
import type { INestApplicationContext } from '@nestjs/common';
import type { Outcome } from '../../src/common/outcome';
import { OrdersService } from '../../src/orders/orders.service';
import { AnyReason, reasonText } from '../../src/texts/ru/reasons';
import { MastersService } from '../../src/users/masters.service';
import { UsersService } from '../../src/users/users.service';
import { senderOf } from './load';

export const BENCH_ADMIN = 4_001;
export const BENCH_MASTER = 6_001;
export const BENCH_WORK_GROUP = -100_000_006_001;

const ORDER = {
  equipmentType: 'Холодильники',
  problem: 'Не морозит',
  clientName: 'Анна',
  clientAddress: 'ул. Ленина, д. 5',
  clientPhone: '+7 900 111-22-33',
  notes: null,
  arrivalText: 'Уточнить время у клиента',
};

function valueOf<T>(outcome: Outcome<T, AnyReason>): T {
  if (!outcome.ok) throw new Error(reasonText(outcome));
  return outcome.value;
}

/** `count` orders assigned to the bench master (bound to BENCH_WORK_GROUP); their ids. */
export async function assignedOrders(
  app: INestApplicationContext,
  dispatcherId: number,
  count: number,
): Promise<number[]> {
  const users = app.get(UsersService);
  const masters = app.get(MastersService);
  const orders = app.get(OrdersService);
  // The names the bench's updates carry, so pressing a button does not rewrite them.
  const admin = await users.upsertFromTelegram(senderOf(BENCH_ADMIN));
  const dispatcher = await users.upsertFromTelegram(senderOf(dispatcherId));
  await users.upsertFromTelegram(senderOf(BENCH_MASTER));
  const master = valueOf(
    await masters.add(
      { telegramId: BENCH_MASTER, phone: '+79000006001', specialization: 'Холодильники' },
      admin,
    ),
  );
  valueOf(
    await masters.bindWorkGroup(
      master.id,
      { id: BENCH_WORK_GROUP, title: 'Группа мастера', type: 'supergroup' },
      admin,
    ),
  );
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const order = valueOf(await orders.create(ORDER, dispatcher));
    valueOf(await orders.assign({ id: order.id, version: order.version }, master.id, dispatcher));
    ids.push(order.id);
  }
  return ids;
}
