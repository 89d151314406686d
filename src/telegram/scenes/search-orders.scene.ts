import { BotHandlers } from '../bot-handlers.decorator';
import { Action, Ctx, On, Scene, SceneEnter } from 'nestjs-telegraf';
import { OrderSearchService } from '../../orders/order-search.service';
import { botTexts } from '../../texts/ru/bot';
import { dispatcherTexts as t } from '../../texts/ru/dispatcher';
import type { BotContext } from '../bot-context';
import { buttons } from '../buttons';
import { orderPageKeyboard } from '../keyboards/order-list.keyboard';
import { showPage, withPageIndicator } from '../pagination/pager';
import { textOf } from '../replies';
import { askInDialog } from './ask-in-dialog';
import { sceneState } from './scene-registry';

/** Characters of a search query. */
const SEARCH_QUERY_MAX = 100;

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
    const state = sceneState(ctx, 'search-orders');
    const query = textOf(ctx) ?? '';
    // A phone, a number or a part of an address: anything longer is a paste by mistake.
    if ([...query].length > SEARCH_QUERY_MAX) {
      return askInDialog(ctx, `${t.searchTooLong(SEARCH_QUERY_MAX)}\n\n${t.askSearch}`);
    }
    state.query = query;
    await this.showResults(ctx, state.query, 0, 'reply');
  }

  @Action(buttons.searchPage.pattern)
  async onPage(@Ctx() ctx: BotContext) {
    const button = buttons.searchPage.parse(ctx);
    if (!button) return ctx.answerCbQuery(botTexts.staleButton, { show_alert: true });
    await ctx.answerCbQuery();
    // The query stays in the dialog state, so ◀️/▶️ page the same search.
    await this.showResults(ctx, sceneState(ctx, 'search-orders').query ?? '', button.page, 'edit');
  }

  private async showResults(ctx: BotContext, query: string, page: number, how: 'reply' | 'edit') {
    const found = await this.search.search(query, page);
    if (!found.total) return ctx.reply(t.searchNothing);
    const text = withPageIndicator(t.searchFound(found.total), {
      index: found.page,
      count: found.pageCount,
    });
    const keyboard = orderPageKeyboard(found.orders, found, (p) =>
      buttons.searchPage.build({ page: p }),
    );
    return showPage(ctx, how, text, keyboard);
  }
}
