import { BotHandlers } from '../bot-handlers.decorator';
import { Scene } from 'nestjs-telegraf';
import type { OrderChange, OrderRef } from '../../orders/orders.service';
import { OrdersService } from '../../orders/orders.service';
import type { Actor } from '../../users/actor';
import { dispatcherTexts } from '../../texts/ru/dispatcher';
import { masterTexts as t } from '../../texts/ru/master';
import { actorOf } from '../bot-context';
import { askInDialog } from './ask-in-dialog';
import { END, StepDialog, withLead } from './step-dialog';
import { settleDialog } from './use-case-answer';

type ReasonDialog = 'master-cancel' | 'client-refused' | 'cancel-order';

/** A dialog that asks one reason, then runs a use case with it; a bad reason asks again. */
abstract class ReasonScene<K extends ReasonDialog> extends StepDialog<K, 'reason'> {
  protected abstract ask(orderId: number): string;
  protected abstract done(orderId: number): string;
  protected abstract act(ref: OrderRef, reason: string, actor: Actor): Promise<OrderChange>;

  protected first = 'reason' as const;
  protected steps = {
    reason: this.step({
      ask: (ctx, state, lead) => askInDialog(ctx, withLead(lead, this.ask(state.orderId))),
      parse: (text: string) => ({ ok: true, value: text }),
      next: async (ctx, state, reason) => {
        const { orderId, version } = state;
        const outcome = await this.act({ id: orderId, version }, reason, actorOf(ctx));
        const settled = await settleDialog(ctx, outcome);
        if ('go' in settled) return settled.go;
        await ctx.reply(this.done(orderId));
        return END;
      },
    }),
  };
}

/** «❌ Отмена» on the card: the master gives the order back, with a reason. */
@Scene('master-cancel')
@BotHandlers()
export class MasterCancelScene extends ReasonScene<'master-cancel'> {
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
export class ClientRefusedScene extends ReasonScene<'client-refused'> {
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
export class CancelOrderScene extends ReasonScene<'cancel-order'> {
  constructor(private readonly orders: OrdersService) {
    super();
  }
  protected scene = 'cancel-order' as const;
  protected ask = dispatcherTexts.askCancelReason;
  protected done = dispatcherTexts.orderCancelled;
  protected act = (ref: OrderRef, reason: string, actor: Actor) =>
    this.orders.cancel(ref, reason, actor);
}
