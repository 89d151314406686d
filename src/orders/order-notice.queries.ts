import { EntityManager, In } from 'typeorm';
import { OrderStatusHistory } from './order-status-history.entity';
import { Order } from './order.entity';

// Reads for the channels that word notices about an order at send time (the Telegram outbox),
// in the delivering transaction: a late message never shows stale data.

/** The order as it is now, with its master's user; a deleted one too (its card is withdrawn). */
export function orderAsNow(tx: EntityManager, orderId: number): Promise<Order | null> {
  return tx.findOne(Order, {
    where: { id: orderId },
    relations: { master: { user: true } },
    withDeleted: true,
  });
}

/** When the order was last assigned (or reassigned) to a master. */
export async function assignedAt(tx: EntityManager, orderId: number): Promise<Date | null> {
  const assignment = await tx.findOne(OrderStatusHistory, {
    where: { orderId, action: In(['assign', 'reassign']) },
    order: { id: 'DESC' },
  });
  return assignment?.createdAt ?? null;
}
