import { BotHandlers } from '../bot-handlers.decorator';
import { ConfigService } from '@nestjs/config';
import { Scene } from 'nestjs-telegraf';
import type { Environment } from '../../config/environment';
import { parseArrivalTime } from '../../orders/arrival-time.parser';
import { OrdersService } from '../../orders/orders.service';
import { masterTexts as t } from '../../texts/ru/master';
import { actorOf } from '../bot-context';
import { arrivalEcho, confirmKeyboard, skipKeyboard } from '../replies';
import { askInDialog } from './ask-in-dialog';
import { ButtonStepDialog, END, replyOnly, withLead } from './step-dialog';
import { reasonText } from '../../texts/ru/reasons';

type Step = 'time' | 'reason' | 'confirm';

export interface RescheduleState {
  arrivalText?: string;
  echo?: string;
  reason?: string | null;
}

/** «📅 Перенести визит»: new time (§2.4) → optional reason → confirm. */
@Scene('reschedule')
@BotHandlers()
export class RescheduleScene extends ButtonStepDialog<'reschedule', Step> {
  constructor(
    private readonly orders: OrdersService,
    private readonly config: ConfigService<Environment, true>,
  ) {
    super();
  }

  protected scene = 'reschedule' as const;
  protected first = 'time' as const;
  protected steps = {
    time: this.step({
      ask: (ctx, state, lead) => askInDialog(ctx, withLead(lead, t.askNewTime(state.orderId))),
      parse: (text: string) => {
        const typed = text.trim();
        const parsed = parseArrivalTime(typed, new Date(), this.config.get('TZ', { infer: true }));
        if (parsed.kind === 'time')
          return { ok: true, value: { typed, echo: arrivalEcho(parsed) } };
        // Not a time at all (an instruction): the question alone again.
        return { ok: false, problem: parsed.kind === 'invalid' ? reasonText(parsed) : '' };
      },
      next: (_ctx, state, time) => {
        state.arrivalText = time.typed;
        state.echo = time.echo;
        return 'reason';
      },
    }),
    reason: this.step({
      ask: (ctx) => askInDialog(ctx, t.askRescheduleReason, skipKeyboard()),
      parse: (text: string) => ({ ok: true, value: { reason: text.trim() } }),
      choices: ['skip'],
      next: (_ctx, state, answer) => {
        state.reason = answer === 'skip' ? null : answer.reason;
        return 'confirm';
      },
    }),
    confirm: this.step({
      ask: (ctx, state) => ctx.reply(t.confirmReschedule(state.echo ?? ''), confirmKeyboard()),
      choices: ['confirm'],
      onError: replyOnly,
      next: async (ctx, state) => {
        const outcome = await this.orders.reschedule(
          { id: state.orderId, version: state.version },
          state.arrivalText ?? '',
          state.reason ?? null,
          actorOf(ctx),
        );
        await ctx.scene.leave();
        await ctx.reply(
          outcome.ok ? t.rescheduled(state.orderId, state.arrivalText ?? '') : reasonText(outcome),
        );
        return END;
      },
    }),
  };
}
