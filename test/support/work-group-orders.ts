import { Order } from '../../src/orders/order.entity';
import { OrdersService } from '../../src/orders/orders.service';
import type { ActorWithRights } from '../../src/users/actor';
import type { BotApp } from './bot-app';
import { ORDER_DRAFT } from './domain-app';
import { reasonText } from '../../src/texts/ru/reasons';

/** An order created by `creator` and assigned to `masterId`; resolves once its card is in `group`. */
export async function assignedOrder(
  bot: BotApp,
  group: number,
  masterId: number,
  creator: ActorWithRights,
): Promise<Order> {
  const service = bot.app.get(OrdersService);
  const created = await service.create({ ...ORDER_DRAFT, arrivalText: null }, creator);
  if (!created.ok) throw new Error(reasonText(created));
  const assigned = await service.assign({ id: created.value.id }, masterId, creator);
  if (!assigned.ok) throw new Error(reasonText(assigned));
  await bot.api.waitForMessage(group, `Заявка #${created.value.id}`, 10_000);
  return assigned.value;
}

/** The order's card in `group` once it shows the button `label`. */
export const cardButton = (bot: BotApp, group: number, orderId: number, label: string) =>
  bot.api.waitFor(
    () =>
      bot.api
        .messages(group)
        .find(
          (m) =>
            !m.deleted &&
            m.visibleText?.includes(`Заявка #${orderId}`) &&
            JSON.stringify(m.reply_markup ?? {}).includes(label),
        ),
    15_000,
  );
