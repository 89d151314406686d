import { BotHandlers } from '../bot-handlers.decorator';
import { ConfigService } from '@nestjs/config';
import { Action, Ctx, On, Scene, SceneEnter } from 'nestjs-telegraf';
import { Markup } from 'telegraf';
import type { Environment } from '../../config/environment';
import { parseArrivalTime } from '../../orders/arrival-time.parser';
import { EditableField, editableFields, OrdersService } from '../../orders/orders.service';
import { botTexts } from '../../texts/ru/bot';
import { dispatcherTexts as t, EDIT_FIELD_LABELS } from '../../texts/ru/dispatcher';
import { masterTexts } from '../../texts/ru/master';
import { actorOf, BotContext } from '../bot-context';
import { buttons } from '../buttons';
import { patternOf } from '../callback-data';
import { arrivalEcho, dialogChoice, textOf } from '../replies';
import { askInDialog } from './ask-in-dialog';
import { sceneState } from './scene-registry';

export interface EditState {
  step: 'field' | 'value';
  field?: EditableField;
}

/** «✏️ Редактировать»: pick a field, type the value; the same validation as creation. */
@Scene('edit-order')
@BotHandlers()
export class EditOrderScene {
  constructor(
    private readonly orders: OrdersService,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  @SceneEnter()
  async onEnter(@Ctx() ctx: BotContext) {
    const state = sceneState(ctx, 'edit-order');
    state.step = 'field';
    await ctx.reply(
      t.editWhich(state.orderId),
      Markup.inlineKeyboard([
        ...editableFields(state.status).map((field) => [
          Markup.button.callback(EDIT_FIELD_LABELS[field], buttons.editField.build({ field })),
        ]),
        [Markup.button.callback(botTexts.buttons.cancel, dialogChoice('cancel'))],
      ]),
    );
  }

  @Action(patternOf(buttons.editField, buttons.choice))
  async onField(@Ctx() ctx: BotContext) {
    const state = sceneState(ctx, 'edit-order');
    const field = buttons.editField.parse(ctx)?.field;
    await ctx.answerCbQuery();
    await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
    // «❌ Отмена», or a DR field after the order left DR.
    if (!field || !editableFields(state.status).includes(field)) {
      await ctx.scene.leave();
      return ctx.reply(botTexts.cancelled);
    }
    state.field = field;
    state.step = 'value';
    return askInDialog(ctx, t.askNewValue(EDIT_FIELD_LABELS[field]));
  }

  @On('text')
  async onValue(@Ctx() ctx: BotContext) {
    const state = sceneState(ctx, 'edit-order');
    if (state.step !== 'value' || !state.field) return ctx.reply(masterTexts.answerWithButtons);
    const value = textOf(ctx) ?? '';
    const outcome = await this.orders.edit(
      { id: state.orderId, version: state.version },
      state.field,
      value,
      actorOf(ctx),
    );
    if (!outcome.ok && outcome.code === 'invalid') {
      return askInDialog(
        ctx,
        `${outcome.message}\n\n${t.askNewValue(EDIT_FIELD_LABELS[state.field])}`,
      );
    }
    await ctx.scene.leave();
    if (!outcome.ok) return ctx.reply(outcome.message);
    if (state.field === 'arrival') await this.echoArrival(ctx, value);
    return ctx.reply(t.edited(state.orderId));
  }

  /** docs/product.md §2.4: the new time is echoed, with the warning when it is under 30 minutes. */
  private async echoArrival(ctx: BotContext, typed: string) {
    const parsed = parseArrivalTime(typed, new Date(), this.config.get('TZ', { infer: true }));
    if (parsed.kind === 'time') await ctx.reply(arrivalEcho(parsed));
  }
}
