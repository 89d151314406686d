import { BotHandlers } from '../bot-handlers.decorator';
import { Ctx, On, Scene, SceneEnter } from 'nestjs-telegraf';
import type { OrderChange, OrderRef } from '../../orders/orders.service';
import { OrdersService } from '../../orders/orders.service';
import type { Actor } from '../../users/actor';
import { dispatcherTexts } from '../../texts/ru/dispatcher';
import { masterTexts as t } from '../../texts/ru/master';
import { actorOf, BotContext } from '../bot-context';
import { textOf } from '../replies';
import { askInDialog } from './ask-in-dialog';
import { sceneState } from './scene-registry';

/** A dialog that asks one reason, then runs a use case with it; a bad reason asks again. */
abstract class ReasonScene {
  protected abstract scene: 'master-cancel' | 'client-refused' | 'cancel-order';
  protected abstract ask(orderId: number): string;
  protected abstract done(orderId: number): string;
  protected abstract act(ref: OrderRef, reason: string, actor: Actor): Promise<OrderChange>;

  @SceneEnter()
  async onEnter(@Ctx() ctx: BotContext) {
    await askInDialog(ctx, this.ask(sceneState(ctx, this.scene).orderId));
  }

  @On('text')
  async onReason(@Ctx() ctx: BotContext) {
    const { orderId, version } = sceneState(ctx, this.scene);
    const outcome = await this.act({ id: orderId, version }, textOf(ctx) ?? '', actorOf(ctx));
    if (!outcome.ok && outcome.code === 'invalid')
      return askInDialog(ctx, `${outcome.message}\n\n${this.ask(orderId)}`);
    await ctx.scene.leave();
    return ctx.reply(outcome.ok ? this.done(orderId) : outcome.message);
  }
}

/** «❌ Отмена» on the card: the master gives the order back, with a reason. */
@Scene('master-cancel')
@BotHandlers()
export class MasterCancelScene extends ReasonScene {
  constructor(private readonly orders: OrdersService) {
    super();
  }
  protected scene = 'master-cancel' as const;
  protected ask = t.askCancelReason;
  protected done = t.cancelledByMaster;
  protected act = (ref: OrderRef, reason: string, actor: Actor) =>
    this.orders.masterCancel(ref, reason, actor);
}

/** «❌ Отказ клиента»: the client refused on site, with a reason. */
@Scene('client-refused')
@BotHandlers()
export class ClientRefusedScene extends ReasonScene {
  constructor(private readonly orders: OrdersService) {
    super();
  }
  protected scene = 'client-refused' as const;
  protected ask = t.askRefusalReason;
  protected done = t.refused;
  protected act = (ref: OrderRef, reason: string, actor: Actor) =>
    this.orders.clientRefused(ref, reason, actor);
}

/** «❌ Отменить заявку» on the staff card: the order is refused, with a reason (≥ 3 characters). */
@Scene('cancel-order')
@BotHandlers()
export class CancelOrderScene extends ReasonScene {
  constructor(private readonly orders: OrdersService) {
    super();
  }
  protected scene = 'cancel-order' as const;
  protected ask = dispatcherTexts.askCancelReason;
  protected done = dispatcherTexts.orderCancelled;
  protected act = (ref: OrderRef, reason: string, actor: Actor) =>
    this.orders.cancel(ref, reason, actor);
}
