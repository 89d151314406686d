import { BotHandlers } from '../bot-handlers.decorator';
import { Action, Ctx, On, Scene, SceneEnter } from 'nestjs-telegraf';
import { formatRubles, parseRubles } from '../../orders/money';
import { OrdersService } from '../../orders/orders.service';
import { masterTexts as t } from '../../texts/ru/master';
import { actorOf, BotContext } from '../bot-context';
import { buttons } from '../buttons';
import { confirmKeyboard, textOf, yesNoKeyboard } from '../replies';
import { askInDialog } from './ask-in-dialog';
import { takeChoice } from './dialog-choice';
import { sceneState, SceneState } from './scene-registry';

/** At or below this total the master is asked whether it is really a refusal (docs/product.md §4.2). */
const REFUSAL_CHECK_KOPECKS = 100_000;

type Step =
  | 'total'
  | 'isRefusal'
  | 'refusalReason'
  | 'materials'
  | 'confirmMaterials'
  | 'review'
  | 'outOfCity'
  | 'confirm';
export interface CompleteState {
  step: Step;
  total?: number;
  materials?: number;
  review?: boolean;
  outOfCity?: boolean;
}

/** «💰 Завершить»: total, the ≤ 1 000 ₽ refusal question, materials, review, out of city, confirm. */
@Scene('complete-order')
@BotHandlers()
export class CompleteOrderScene {
  constructor(private readonly orders: OrdersService) {}

  @SceneEnter()
  async onEnter(@Ctx() ctx: BotContext) {
    sceneState(ctx, 'complete-order').step = 'total';
    await askInDialog(ctx, t.askTotal(sceneState(ctx, 'complete-order').orderId));
  }

  @On('text')
  async onText(@Ctx() ctx: BotContext) {
    const state = sceneState(ctx, 'complete-order');
    const text = textOf(ctx) ?? '';
    switch (state.step) {
      case 'total': {
        const amount = parseRubles(text);
        if (!amount.ok)
          return askInDialog(ctx, `${amount.message}\n\n${t.askTotal(state.orderId)}`);
        state.total = amount.kopecks;
        if (amount.kopecks <= REFUSAL_CHECK_KOPECKS) {
          state.step = 'isRefusal';
          return ctx.reply(t.askIsRefusal(formatRubles(amount.kopecks)), yesNoKeyboard());
        }
        return this.askMaterials(ctx, state);
      }
      case 'refusalReason': {
        const outcome = await this.orders.clientRefused(
          { id: state.orderId, version: state.version },
          text,
          actorOf(ctx),
        );
        if (!outcome.ok && outcome.code === 'invalid')
          return askInDialog(ctx, `${outcome.message}\n\n${t.askRefusalReason(state.orderId)}`);
        await ctx.scene.leave();
        return ctx.reply(outcome.ok ? t.refused(state.orderId) : outcome.message);
      }
      case 'materials': {
        const amount = parseRubles(text);
        if (!amount.ok) return askInDialog(ctx, `${amount.message}\n\n${t.askMaterials}`);
        if (amount.kopecks > (state.total ?? 0))
          return askInDialog(ctx, t.materialsOverTotal(formatRubles(state.total ?? 0)));
        state.materials = amount.kopecks;
        state.step = 'confirmMaterials';
        return ctx.reply(t.confirmMaterials(formatRubles(amount.kopecks)), yesNoKeyboard());
      }
      default:
        return ctx.reply(t.answerWithButtons);
    }
  }

  @Action(buttons.choice.pattern)
  async onChoice(@Ctx() ctx: BotContext) {
    const state = sceneState(ctx, 'complete-order');
    const choice = await takeChoice(ctx);
    if (choice === null) return;
    const yes = choice === 'yes';
    switch (state.step) {
      case 'isRefusal':
        if (!yes) return this.askMaterials(ctx, state);
        state.step = 'refusalReason';
        return askInDialog(ctx, t.askRefusalReason(state.orderId));
      case 'confirmMaterials':
        if (!yes) return this.askMaterials(ctx, state);
        state.step = 'review';
        return ctx.reply(t.askReview, yesNoKeyboard());
      case 'review':
        state.review = yes;
        state.step = 'outOfCity';
        return ctx.reply(t.askOutOfCity, yesNoKeyboard());
      case 'outOfCity':
        state.outOfCity = yes;
        state.step = 'confirm';
        return ctx.reply(
          t.summary({
            orderId: state.orderId,
            total: state.total ?? 0,
            materials: state.materials ?? 0,
            review: Boolean(state.review),
            outOfCity: yes,
          }),
          confirmKeyboard(),
        );
      case 'confirm':
        if (choice === 'confirm') return this.complete(ctx, state);
        return undefined;
      default:
        return ctx.reply(t.askTotal(state.orderId));
    }
  }

  private askMaterials(ctx: BotContext, state: SceneState<'complete-order'>) {
    state.step = 'materials';
    return askInDialog(ctx, t.askMaterials);
  }

  private async complete(ctx: BotContext, state: SceneState<'complete-order'>) {
    // The version the card showed: a change made meanwhile is refused, not overwritten.
    const outcome = await this.orders.complete(
      { id: state.orderId, version: state.version },
      {
        totalKopecks: state.total ?? 0,
        materialsKopecks: state.materials ?? 0,
        reviewTaken: Boolean(state.review),
        outOfCity: Boolean(state.outOfCity),
      },
      actorOf(ctx),
    );
    await ctx.scene.leave();
    if (!outcome.ok) return ctx.reply(outcome.message);
    const order = outcome.value;
    return ctx.reply(
      t.completed({
        orderId: order.id,
        total: order.totalKopecks ?? 0,
        materials: order.materialsKopecks ?? 0,
        net: order.netKopecks ?? 0,
        masterShare: order.masterShareKopecks ?? 0,
        companyShare: order.companyShareKopecks ?? 0,
      }),
    );
  }
}
