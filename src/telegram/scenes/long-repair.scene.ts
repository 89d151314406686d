import { BotHandlers } from '../bot-handlers.decorator';
import { ConfigService } from '@nestjs/config';
import { Action, Ctx, On, Scene, SceneEnter } from 'nestjs-telegraf';
import type { Environment } from '../../config/environment';
import { parseLongRepairDate } from '../../orders/long-repair-date';
import { formatRubles, parseOptionalRubles } from '../../orders/money';
import { OrdersService } from '../../orders/orders.service';
import { masterTexts as t } from '../../texts/ru/master';
import { actorOf, BotContext } from '../bot-context';
import { buttons } from '../buttons';
import { confirmKeyboard, skipKeyboard, textOf } from '../replies';
import { askInDialog } from './ask-in-dialog';
import { takeChoice } from './dialog-choice';
import { sceneState, SceneState } from './scene-registry';

export interface LongRepairState {
  step: 'date' | 'parts' | 'sum' | 'prepayment' | 'confirm';
  date?: string;
  shownDate?: string;
  parts?: string | null;
  sum?: number | null;
  prepayment?: number | null;
}

const NOTHING = /^(нет|-|0)$/i;

/**
 * «⏳ ДР»: expected completion date (with warnings), parts, preliminary sum, the prepayment
 * taken (optional: «⏭️ Пропустить», "нет" or 0), confirm.
 */
@Scene('long-repair')
@BotHandlers()
export class LongRepairScene {
  constructor(
    private readonly orders: OrdersService,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  @SceneEnter()
  async onEnter(@Ctx() ctx: BotContext) {
    sceneState(ctx, 'long-repair').step = 'date';
    await askInDialog(ctx, t.askDrDate(sceneState(ctx, 'long-repair').orderId));
  }

  @On('text')
  async onText(@Ctx() ctx: BotContext) {
    const state = sceneState(ctx, 'long-repair');
    const text = (textOf(ctx) ?? '').trim();
    switch (state.step) {
      case 'date': {
        const date = parseLongRepairDate(text, new Date(), this.config.get('TZ', { infer: true }));
        if (!date.ok) return askInDialog(ctx, `${date.message}\n\n${t.askDrDate(state.orderId)}`);
        state.date = date.isoDate;
        state.shownDate = text;
        state.step = 'parts';
        const warnings = date.warnings.map((w) => t.drWarnings[w]);
        return askInDialog(ctx, [...warnings, t.askDrParts].join('\n'));
      }
      case 'parts':
        state.parts = NOTHING.test(text) ? null : text;
        state.step = 'sum';
        return askInDialog(ctx, t.askDrSum);
      case 'sum': {
        const amount = parseOptionalRubles(text);
        if (!amount.ok) return askInDialog(ctx, `${amount.message}\n\n${t.askDrSum}`);
        state.sum = amount.kopecks;
        state.step = 'prepayment';
        return askInDialog(ctx, t.askDrPrepayment, skipKeyboard());
      }
      case 'prepayment': {
        const amount = parseOptionalRubles(text);
        if (!amount.ok)
          return askInDialog(ctx, `${amount.message}\n\n${t.askDrPrepayment}`, skipKeyboard());
        return this.askConfirm(ctx, state, amount.kopecks);
      }
      default:
        return ctx.reply(t.answerWithButtons);
    }
  }

  @Action(buttons.choice.pattern)
  async onChoice(@Ctx() ctx: BotContext) {
    const state = sceneState(ctx, 'long-repair');
    const choice = await takeChoice(ctx);
    if (choice === null) return;
    if (state.step === 'prepayment' && choice === 'skip') return this.askConfirm(ctx, state, null);
    if (state.step !== 'confirm' || choice !== 'confirm') return undefined;
    const outcome = await this.orders.longRepair(
      { id: state.orderId, version: state.version },
      {
        expectedDate: state.date ?? '',
        parts: state.parts ?? null,
        preliminaryKopecks: state.sum ?? null,
        prepaymentKopecks: state.prepayment ?? null,
      },
      actorOf(ctx),
    );
    await ctx.scene.leave();
    return ctx.reply(outcome.ok ? t.drSaved(state.orderId) : outcome.message);
  }

  private askConfirm(ctx: BotContext, state: SceneState<'long-repair'>, prepayment: number | null) {
    state.prepayment = prepayment;
    state.step = 'confirm';
    const rubles = (kopecks: number | null | undefined) =>
      kopecks === null || kopecks === undefined ? t.none : formatRubles(kopecks);
    return ctx.reply(
      t.confirmDr({
        orderId: state.orderId,
        date: state.shownDate ?? '',
        parts: state.parts ?? t.none,
        sum: rubles(state.sum),
        prepayment: rubles(prepayment),
      }),
      confirmKeyboard(),
    );
  }
}
