import { BotHandlers } from '../bot-handlers.decorator';
import { ConfigService } from '@nestjs/config';
import { Action, Ctx, Scene } from 'nestjs-telegraf';
import { Markup } from 'telegraf';
import type { Environment } from '../../config/environment';
import { parseArrivalTime } from '../../orders/arrival-time.parser';
import { EditableField, editableFields, OrdersService } from '../../orders/orders.service';
import { botTexts } from '../../texts/ru/bot';
import { dispatcherTexts as t, EDIT_FIELD_LABELS } from '../../texts/ru/dispatcher';
import { actorOf, BotContext } from '../bot-context';
import { buttons } from '../buttons';
import { patternOf } from '../callback-data';
import { arrivalEcho, dialogChoice } from '../replies';
import { askInDialog } from './ask-in-dialog';
import { END, replyOnly, StepDialog, withLead } from './step-dialog';
import { settleDialog } from './use-case-answer';

export interface EditState {
  field?: EditableField;
}

/** The field being edited: the value step is reached only through a field button. */
function fieldOf(state: EditState): EditableField {
  if (!state.field) throw new Error('edit-order: a value asked before its field');
  return state.field;
}

/** «✏️ Редактировать»: pick a field, type the value; the same validation as creation. */
@Scene('edit-order')
@BotHandlers()
export class EditOrderScene extends StepDialog<'edit-order', 'field' | 'value'> {
  constructor(
    private readonly orders: OrdersService,
    private readonly config: ConfigService<Environment, true>,
  ) {
    super();
  }

  protected scene = 'edit-order' as const;
  protected first = 'field' as const;
  protected steps = {
    // Answered by the field buttons (`onField`); typed text gets "answer with the buttons".
    field: this.step({
      ask: (ctx, state) =>
        ctx.reply(
          t.editWhich(state.orderId),
          Markup.inlineKeyboard([
            ...editableFields(state.status).map((field) => [
              Markup.button.callback(EDIT_FIELD_LABELS[field], buttons.editField.build({ field })),
            ]),
            [Markup.button.callback(botTexts.buttons.cancel, dialogChoice('cancel'))],
          ]),
        ),
      onError: replyOnly,
    }),
    value: this.step({
      ask: (ctx, state, lead) =>
        askInDialog(ctx, withLead(lead, t.askNewValue(EDIT_FIELD_LABELS[fieldOf(state)]))),
      parse: (text: string) => ({ ok: true, value: text }),
      next: async (ctx, state, value) => {
        const field = fieldOf(state);
        const outcome = await this.orders.edit(
          { id: state.orderId, version: state.version },
          field,
          value,
          actorOf(ctx),
        );
        const settled = await settleDialog(ctx, outcome);
        if ('go' in settled) return settled.go;
        if (field === 'arrival') await this.echoArrival(ctx, value);
        await ctx.reply(t.edited(state.orderId));
        return END;
      },
    }),
  };

  @Action(patternOf(buttons.editField, buttons.choice))
  async onField(@Ctx() ctx: BotContext) {
    const state = this.state(ctx);
    const field = buttons.editField.parse(ctx)?.field;
    await ctx.answerCbQuery();
    await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
    // «❌ Отмена», or a DR field after the order left DR.
    if (!field || !editableFields(state.status).includes(field)) {
      await ctx.scene.leave();
      return ctx.reply(botTexts.cancelled);
    }
    state.field = field;
    return this.go(ctx, state, 'value');
  }

  /** docs/product.md §2.4: the new time is echoed, with the warning when it is under 30 minutes. */
  private async echoArrival(ctx: BotContext, typed: string) {
    const parsed = parseArrivalTime(typed, new Date(), this.config.get('TZ', { infer: true }));
    if (parsed.kind === 'time') await ctx.reply(arrivalEcho(parsed));
  }
}
