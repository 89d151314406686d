import { BotHandlers } from '../bot-handlers.decorator';
import { ConfigService } from '@nestjs/config';
import { Action, Ctx, On, Scene, SceneEnter } from 'nestjs-telegraf';
import type { Environment } from '../../config/environment';
import { parseArrivalTime } from '../../orders/arrival-time.parser';
import { OrdersService } from '../../orders/orders.service';
import { masterTexts as t } from '../../texts/ru/master';
import { actorOf, BotContext } from '../bot-context';
import { buttons } from '../buttons';
import { arrivalEcho, confirmKeyboard, skipKeyboard, textOf } from '../replies';
import { askInDialog } from './ask-in-dialog';
import { takeChoice } from './dialog-choice';
import { sceneState, SceneState } from './scene-registry';

export interface RescheduleState {
  step: 'time' | 'reason' | 'confirm';
  arrivalText?: string;
  echo?: string;
  reason?: string | null;
}

/** «📅 Перенести визит»: new time (§2.4) → optional reason → confirm. */
@Scene('reschedule')
@BotHandlers()
export class RescheduleScene {
  constructor(
    private readonly orders: OrdersService,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  @SceneEnter()
  async onEnter(@Ctx() ctx: BotContext) {
    sceneState(ctx, 'reschedule').step = 'time';
    await askInDialog(ctx, t.askNewTime(sceneState(ctx, 'reschedule').orderId));
  }

  @On('text')
  async onText(@Ctx() ctx: BotContext) {
    const state = sceneState(ctx, 'reschedule');
    const text = (textOf(ctx) ?? '').trim();
    if (state.step === 'time') {
      const parsed = parseArrivalTime(text, new Date(), this.config.get('TZ', { infer: true }));
      if (parsed.kind !== 'time') {
        const problem = parsed.kind === 'invalid' ? parsed.message : t.askNewTime(state.orderId);
        return askInDialog(
          ctx,
          parsed.kind === 'invalid' ? `${problem}\n\n${t.askNewTime(state.orderId)}` : problem,
        );
      }
      state.arrivalText = text;
      state.echo = arrivalEcho(parsed);
      state.step = 'reason';
      return askInDialog(ctx, t.askRescheduleReason, skipKeyboard());
    }
    if (state.step === 'reason') return this.askConfirm(ctx, state, text);
    return ctx.reply(t.answerWithButtons);
  }

  @Action(buttons.choice.pattern)
  async onChoice(@Ctx() ctx: BotContext) {
    const state = sceneState(ctx, 'reschedule');
    const choice = await takeChoice(ctx);
    if (choice === null) return;
    if (state.step === 'reason' && choice === 'skip') return this.askConfirm(ctx, state, null);
    if (state.step !== 'confirm' || choice !== 'confirm') return undefined;
    const outcome = await this.orders.reschedule(
      { id: state.orderId, version: state.version },
      state.arrivalText ?? '',
      state.reason ?? null,
      actorOf(ctx),
    );
    await ctx.scene.leave();
    return ctx.reply(
      outcome.ok ? t.rescheduled(state.orderId, state.arrivalText ?? '') : outcome.message,
    );
  }

  private askConfirm(ctx: BotContext, state: SceneState<'reschedule'>, reason: string | null) {
    state.reason = reason;
    state.step = 'confirm';
    return ctx.reply(t.confirmReschedule(state.echo ?? ''), confirmKeyboard());
  }
}
