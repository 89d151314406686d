import { BotHandlers } from '../bot-handlers.decorator';
import { Scene } from 'nestjs-telegraf';
import { formatRubles } from '../../orders/money';
import { OrdersService } from '../../orders/orders.service';
import { masterTexts as t } from '../../texts/ru/master';
import { actorOf, BotContext } from '../bot-context';
import { confirmKeyboard, yesNoKeyboard } from '../replies';
import { askInDialog } from './ask-in-dialog';
import { SceneState } from './scene-registry';
import { rubles } from './money-answers';
import { ButtonStepDialog, END, replyOnly, withLead } from './step-dialog';
import { reasonText } from '../../texts/ru/reasons';
import { settleDialog } from './use-case-answer';

/** At or below this total the master is asked whether it is really a refusal (docs/product.md §4.2). */
const REFUSAL_CHECK_KOPECKS = 100_000;

/** «✅ Да» / «❌ Нет»; any other dialog button (a stale one) counts as «Нет». */
const YES_NO = ['yes', 'no', 'confirm', 'skip'] as const;

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
  total?: number;
  materials?: number;
  review?: boolean;
  outOfCity?: boolean;
}

/** A question answered with «✅ Да» / «❌ Нет». */
const askYesNo = (ctx: BotContext, question: string) => ctx.reply(question, yesNoKeyboard());

/** «💰 Завершить»: total, the ≤ 1 000 ₽ refusal question, materials, review, out of city, confirm. */
@Scene('complete-order')
@BotHandlers()
export class CompleteOrderScene extends ButtonStepDialog<'complete-order', Step> {
  constructor(private readonly orders: OrdersService) {
    super();
  }

  protected scene = 'complete-order' as const;
  protected first = 'total' as const;
  protected steps = {
    total: this.step({
      ask: (ctx, state, lead) => askInDialog(ctx, withLead(lead, t.askTotal(state.orderId))),
      parse: rubles,
      next: (_ctx, state, total) => {
        state.total = total;
        return total <= REFUSAL_CHECK_KOPECKS ? 'isRefusal' : 'materials';
      },
    }),
    isRefusal: this.step({
      ask: (ctx, state) => askYesNo(ctx, t.askIsRefusal(formatRubles(state.total ?? 0))),
      choices: YES_NO,
      onError: replyOnly,
      next: (_ctx, _state, answer) => (answer === 'yes' ? 'refusalReason' : 'materials'),
    }),
    refusalReason: this.step({
      ask: (ctx, state, lead) =>
        askInDialog(ctx, withLead(lead, t.askRefusalReason(state.orderId))),
      parse: (text: string) => ({ ok: true, value: text }),
      next: async (ctx, state, reason) => {
        const outcome = await this.orders.clientRefused(
          { id: state.orderId, version: state.version },
          reason,
          actorOf(ctx),
        );
        const settled = await settleDialog(ctx, outcome);
        if ('go' in settled) return settled.go;
        await ctx.reply(t.refused(state.orderId));
        return END;
      },
    }),
    materials: this.step({
      ask: (ctx) => askInDialog(ctx, t.askMaterials),
      // The problem here is the whole question: "materials over the total" is asked as it is.
      parse: (text: string, state) => {
        const amount = rubles(text);
        if (!amount.ok) return { ok: false, problem: withLead(amount.problem, t.askMaterials) };
        if (amount.value > (state.total ?? 0)) {
          return { ok: false, problem: t.materialsOverTotal(formatRubles(state.total ?? 0)) };
        }
        return amount;
      },
      onError: (ctx, _state, question) => askInDialog(ctx, question),
      next: (_ctx, state, materials) => {
        state.materials = materials;
        return 'confirmMaterials';
      },
    }),
    confirmMaterials: this.step({
      ask: (ctx, state) => askYesNo(ctx, t.confirmMaterials(formatRubles(state.materials ?? 0))),
      choices: YES_NO,
      onError: replyOnly,
      next: (_ctx, _state, answer) => (answer === 'yes' ? 'review' : 'materials'),
    }),
    review: this.step({
      ask: (ctx) => askYesNo(ctx, t.askReview),
      choices: YES_NO,
      onError: replyOnly,
      next: (_ctx, state, answer) => {
        state.review = answer === 'yes';
        return 'outOfCity';
      },
    }),
    outOfCity: this.step({
      ask: (ctx) => askYesNo(ctx, t.askOutOfCity),
      choices: YES_NO,
      onError: replyOnly,
      next: (_ctx, state, answer) => {
        state.outOfCity = answer === 'yes';
        return 'confirm';
      },
    }),
    confirm: this.step({
      ask: (ctx, state) =>
        ctx.reply(
          t.summary({
            orderId: state.orderId,
            total: state.total ?? 0,
            materials: state.materials ?? 0,
            review: Boolean(state.review),
            outOfCity: Boolean(state.outOfCity),
          }),
          confirmKeyboard(),
        ),
      choices: ['confirm'],
      onError: replyOnly,
      next: async (ctx, state) => {
        await this.complete(ctx, state);
        return END;
      },
    }),
  };

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
    if (!outcome.ok) return ctx.reply(reasonText(outcome));
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
