import { BotHandlers } from '../bot-handlers.decorator';
import { ConfigService } from '@nestjs/config';
import { Scene } from 'nestjs-telegraf';
import type { Environment } from '../../config/environment';
import { parseLongRepairDate } from '../../orders/long-repair-date';
import { formatRubles } from '../../orders/money';
import { OrdersService } from '../../orders/orders.service';
import { masterTexts as t } from '../../texts/ru/master';
import { actorOf } from '../bot-context';
import { confirmKeyboard, skipKeyboard } from '../replies';
import { askInDialog } from './ask-in-dialog';
import { optionalRubles } from './money-answers';
import { ButtonStepDialog, END, replyOnly, withLead } from './step-dialog';
import { reasonText } from '../../texts/ru/reasons';

type Step = 'date' | 'parts' | 'sum' | 'prepayment' | 'confirm';

export interface LongRepairState {
  date?: string;
  shownDate?: string;
  parts?: string | null;
  sum?: number | null;
  prepayment?: number | null;
}

const NOTHING = /^(нет|-|0)$/i;

const rubles = (kopecks: number | null | undefined) =>
  kopecks === null || kopecks === undefined ? t.none : formatRubles(kopecks);

/**
 * «⏳ ДР»: expected completion date (with warnings), parts, preliminary sum, the prepayment
 * taken (optional: «⏭️ Пропустить», "нет" or 0), confirm.
 */
@Scene('long-repair')
@BotHandlers()
export class LongRepairScene extends ButtonStepDialog<'long-repair', Step> {
  constructor(
    private readonly orders: OrdersService,
    private readonly config: ConfigService<Environment, true>,
  ) {
    super();
  }

  protected scene = 'long-repair' as const;
  protected first = 'date' as const;
  protected steps = {
    date: this.step({
      ask: (ctx, state, lead) => askInDialog(ctx, withLead(lead, t.askDrDate(state.orderId))),
      parse: (text: string) => {
        const typed = text.trim();
        const date = parseLongRepairDate(typed, new Date(), this.config.get('TZ', { infer: true }));
        return date.ok
          ? { ok: true, value: { typed, date } }
          : { ok: false, problem: reasonText(date) };
      },
      next: (_ctx, state, { typed, date }) => {
        state.date = date.isoDate;
        state.shownDate = typed;
        // The date is kept; its warnings come with the next question.
        return { to: 'parts', lead: date.warnings.map((w) => t.drWarnings[w]).join('\n') };
      },
    }),
    parts: this.step({
      ask: (ctx, _state, warnings) =>
        askInDialog(ctx, [...(warnings ? [warnings] : []), t.askDrParts].join('\n')),
      parse: (text: string) => ({ ok: true, value: text.trim() }),
      next: (_ctx, state, parts) => {
        state.parts = NOTHING.test(parts) ? null : parts;
        return 'sum';
      },
    }),
    sum: this.step({
      ask: (ctx, _state, lead) => askInDialog(ctx, withLead(lead, t.askDrSum)),
      parse: optionalRubles,
      next: (_ctx, state, sum) => {
        state.sum = sum;
        return 'prepayment';
      },
    }),
    prepayment: this.step({
      ask: (ctx, _state, lead) =>
        askInDialog(ctx, withLead(lead, t.askDrPrepayment), skipKeyboard()),
      parse: optionalRubles,
      choices: ['skip'],
      next: (_ctx, state, prepayment) => {
        state.prepayment = prepayment === 'skip' ? null : prepayment;
        return 'confirm';
      },
    }),
    confirm: this.step({
      ask: (ctx, state) =>
        ctx.reply(
          t.confirmDr({
            orderId: state.orderId,
            date: state.shownDate ?? '',
            parts: state.parts ?? t.none,
            sum: rubles(state.sum),
            prepayment: rubles(state.prepayment),
          }),
          confirmKeyboard(),
        ),
      choices: ['confirm'],
      onError: replyOnly,
      next: async (ctx, state) => {
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
        await ctx.reply(outcome.ok ? t.drSaved(state.orderId) : reasonText(outcome));
        return END;
      },
    }),
  };
}
