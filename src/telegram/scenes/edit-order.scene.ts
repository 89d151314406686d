import { BotHandlers } from '../bot-handlers.decorator';
import { Action, Ctx, On, Scene, SceneEnter } from 'nestjs-telegraf';
import { Markup } from 'telegraf';
import { EditableField, OrdersService } from '../../orders/orders.service';
import { botTexts } from '../../texts/ru/bot';
import { dispatcherTexts as t, EDIT_FIELD_LABELS } from '../../texts/ru/dispatcher';
import { masterTexts } from '../../texts/ru/master';
import { actorOf, BotContext } from '../bot-context';
import { callback } from '../callback-data';
import { textOf } from '../replies';
import { askInDialog } from './ask-in-dialog';
import { dialogState } from './dialog-state';

interface EditState {
  step: 'field' | 'value';
  field?: EditableField;
}

const FIELDS = Object.keys(EDIT_FIELD_LABELS) as EditableField[];

/** «✏️ Редактировать»: pick a field, type the value; the same validation as creation. */
@Scene('edit-order')
@BotHandlers()
export class EditOrderScene {
  constructor(private readonly orders: OrdersService) {}

  @SceneEnter()
  async onEnter(@Ctx() ctx: BotContext) {
    const state = dialogState<EditState>(ctx);
    state.step = 'field';
    await ctx.reply(
      t.editWhich(state.orderId),
      Markup.inlineKeyboard([
        ...FIELDS.map((field) => [
          Markup.button.callback(EDIT_FIELD_LABELS[field], callback('ef', field)),
        ]),
        [Markup.button.callback(botTexts.buttons.cancel, callback('d', 'cancel'))],
      ]),
    );
  }

  @Action(/^(ef|d):/)
  async onField(@Ctx() ctx: BotContext) {
    const state = dialogState<EditState>(ctx);
    const data = ctx.callbackQuery && 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : '';
    await ctx.answerCbQuery();
    await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
    const field = data.slice(3) as EditableField;
    if (data === 'd:cancel' || !FIELDS.includes(field)) {
      await ctx.scene.leave();
      return ctx.reply(botTexts.cancelled);
    }
    state.field = field;
    state.step = 'value';
    return askInDialog(ctx, t.askNewValue(EDIT_FIELD_LABELS[field]));
  }

  @On('text')
  async onValue(@Ctx() ctx: BotContext) {
    const state = dialogState<EditState>(ctx);
    if (state.step !== 'value' || !state.field) return ctx.reply(masterTexts.answerWithButtons);
    const outcome = await this.orders.edit(
      { id: state.orderId },
      state.field,
      textOf(ctx) ?? '',
      actorOf(ctx),
    );
    if (!outcome.ok && outcome.code === 'invalid') {
      return askInDialog(
        ctx,
        `${outcome.message}\n\n${t.askNewValue(EDIT_FIELD_LABELS[state.field])}`,
      );
    }
    await ctx.scene.leave();
    return ctx.reply(outcome.ok ? t.edited(state.orderId) : outcome.message);
  }
}
