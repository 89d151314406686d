import { Scene } from 'nestjs-telegraf';
import { formatRubles } from '../../orders/money';
import type { Order } from '../../orders/order.repository';
import { OrdersService } from '../../orders/orders.service';
import { adminCommandTexts as t, mastersAdminTexts, MoneyView } from '../../texts/ru/admin';
import { reasonText } from '../../texts/ru/reasons';
import { actorOf, BotContext } from '../bot-context';
import { BotHandlers } from '../bot-handlers.decorator';
import { confirmKeyboard, yesNoKeyboard } from '../replies';
import { askInDialog } from './ask-in-dialog';
import { rubles } from './money-answers';
import { SceneState } from './scene-registry';
import { ButtonStepDialog, END, leadApart, Parsed } from './step-dialog';

/** A closed order's money as `/admin edit_closed` shows it, before and after. */
export const moneyOf = (order: Order): MoneyView => ({
  total: order.totalKopecks ?? 0,
  materials: order.materialsKopecks ?? 0,
  net: order.netKopecks ?? 0,
  masterShare: order.masterShareKopecks ?? 0,
  companyShare: order.companyShareKopecks ?? 0,
  review: Boolean(order.reviewTaken),
  outOfCity: Boolean(order.outOfCity),
});

type EditClosedStep = 'total' | 'materials' | 'review' | 'outOfCity' | 'confirm';

const YES = /^(да|д|yes|y)$/i;
const NO = /^(нет|н|no|n)$/i;

/** «Да» / «Нет», typed or pressed. */
const yesOrNo = (text: string): Parsed<boolean> =>
  YES.test(text)
    ? { ok: true, value: true }
    : NO.test(text)
      ? { ok: true, value: false }
      : { ok: false, problem: t.answerYesNo };

const confirmCorrection = (ctx: BotContext, state: SceneState<'edit-closed'>) =>
  ctx.reply(
    t.confirmEditClosed(state.orderId, {
      total: state.total ?? 0,
      materials: state.materials ?? 0,
      review: Boolean(state.review),
      outOfCity: Boolean(state.outOfCity),
    }),
    confirmKeyboard(),
  );

/**
 * `/admin edit_closed <N>` (docs/product.md §5.3): total, materials, review, out of city, confirm;
 * the domain recomputes the shares by the same rules and audits old and new values. A wrong
 * answer is explained in a message of its own, then asked again.
 */
@Scene('edit-closed')
@BotHandlers()
export class EditClosedScene extends ButtonStepDialog<'edit-closed', EditClosedStep> {
  constructor(private readonly orders: OrdersService) {
    super();
  }

  protected scene = 'edit-closed' as const;
  protected first = 'total' as const;

  protected override async start(ctx: BotContext, state: SceneState<'edit-closed'>) {
    await ctx.reply(t.editClosedStart(state.orderId, state.before));
    return this.first;
  }

  protected steps = {
    total: this.step({
      ask: (ctx, _state, lead) => leadApart(ctx, lead, () => askInDialog(ctx, t.askTotal)),
      parse: (text: string) => rubles(text.trim()),
      next: (_ctx, state, total) => {
        state.total = total;
        return 'materials';
      },
    }),
    materials: this.step({
      ask: (ctx, _state, lead) => leadApart(ctx, lead, () => askInDialog(ctx, t.askMaterials)),
      parse: (text: string, state) => {
        const amount = rubles(text.trim());
        if (amount.ok && amount.value > (state.total ?? 0)) {
          return { ok: false, problem: t.materialsOverTotal(formatRubles(state.total ?? 0)) };
        }
        return amount;
      },
      next: (_ctx, state, materials) => {
        state.materials = materials;
        return 'review';
      },
    }),
    review: this.step({
      ask: (ctx, _state, lead) =>
        leadApart(ctx, lead, () => ctx.reply(t.askReview, yesNoKeyboard())),
      parse: (text: string) => yesOrNo(text.trim()),
      choices: ['yes', 'no'],
      next: (_ctx, state, answer) => {
        state.review = answer === true || answer === 'yes';
        return 'outOfCity';
      },
    }),
    outOfCity: this.step({
      ask: (ctx, _state, lead) =>
        leadApart(ctx, lead, () => ctx.reply(t.askOutOfCity, yesNoKeyboard())),
      parse: (text: string) => yesOrNo(text.trim()),
      choices: ['yes', 'no'],
      next: (_ctx, state, answer) => {
        state.outOfCity = answer === true || answer === 'yes';
        return 'confirm';
      },
    }),
    confirm: this.step({
      ask: (ctx, state, lead) => leadApart(ctx, lead, () => confirmCorrection(ctx, state)),
      choices: ['confirm'],
      onError: (ctx, state) =>
        leadApart(ctx, mastersAdminTexts.answerWithButtons, () => confirmCorrection(ctx, state)),
      next: async (ctx, state) => {
        await ctx.scene.leave();
        const outcome = await this.orders.correctMoney(
          { id: state.orderId, version: state.version },
          {
            totalKopecks: state.total ?? 0,
            materialsKopecks: state.materials ?? 0,
            reviewTaken: Boolean(state.review),
            outOfCity: Boolean(state.outOfCity),
          },
          actorOf(ctx),
        );
        await ctx.reply(
          outcome.ok
            ? t.editClosedDone(state.orderId, state.before, moneyOf(outcome.value))
            : reasonText(outcome),
        );
        return END;
      },
    }),
  };
}
