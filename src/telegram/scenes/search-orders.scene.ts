import { BotHandlers } from '../bot-handlers.decorator';
import { Action, Ctx, On, Scene, SceneEnter } from 'nestjs-telegraf';
import { OrderSearchService } from '../../orders/order-search.service';
import { dispatcherTexts as t } from '../../texts/ru/dispatcher';
import type { BotContext } from '../bot-context';
import { callback, parseCallback } from '../callback-data';
import { orderPageKeyboard } from '../keyboards/order-list.keyboard';
import { textOf } from '../replies';
import { askInDialog } from './ask-in-dialog';
import { dialogState } from './dialog-state';

interface SearchState {
  query?: string;
}

/** «🔍 Поиск заказов»: one input, its type detected; 5 results a page with paging that works. */
@Scene('search-orders')
@BotHandlers()
export class SearchOrdersScene {
  constructor(private readonly search: OrderSearchService) {}

  @SceneEnter()
  async onEnter(@Ctx() ctx: BotContext) {
    await askInDialog(ctx, t.askSearch);
  }

  @On('text')
  async onQuery(@Ctx() ctx: BotContext) {
    const state = dialogState<SearchState>(ctx);
    state.query = textOf(ctx) ?? '';
    await this.showPage(ctx, state.query, 0, false);
  }

  @Action(/^sr:p:/)
  async onPage(@Ctx() ctx: BotContext) {
    const page = Number(
      parseCallback(ctx.callbackQuery && 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : '')
        ?.args[0],
    );
    await ctx.answerCbQuery();
    // The query stays in the dialog state, so ◀️/▶️ page the same search.
    await this.showPage(
      ctx,
      dialogState<SearchState>(ctx).query ?? '',
      Number.isFinite(page) ? page : 0,
      true,
    );
  }

  private async showPage(ctx: BotContext, query: string, page: number, edit: boolean) {
    const found = await this.search.search(query, page);
    if (!found.total) return ctx.reply(t.searchNothing);
    const text = `${t.searchFound(found.total)}\n${t.pageOf(found.page + 1, found.pageCount)}`;
    const keyboard = orderPageKeyboard(found.orders, found, (p) => callback('sr', 'p', p));
    return edit ? ctx.editMessageText(text, keyboard) : ctx.reply(text, keyboard);
  }
}
