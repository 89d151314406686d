import { BotHandlers } from '../bot-handlers.decorator';
import { Action, Ctx, Scene } from 'nestjs-telegraf';
import { OrderSearchService } from '../../orders/order-search.service';
import { botTexts } from '../../texts/ru/bot';
import { dispatcherTexts as t } from '../../texts/ru/dispatcher';
import type { BotContext } from '../bot-context';
import { buttons } from '../buttons';
import { orderPageKeyboard } from '../keyboards/order-list.keyboard';
import { showPage, withPageIndicator } from '../pagination/pager';
import { askInDialog } from './ask-in-dialog';
import { sceneState } from './scene-registry';
import { END, StepDialog, withLead } from './step-dialog';

/** Characters of a search query. */
const SEARCH_QUERY_MAX = 100;

/** «🔍 Поиск заказов»: one input, its type detected; 5 results a page with paging that works. */
@Scene('search-orders')
@BotHandlers()
export class SearchOrdersScene extends StepDialog<'search-orders', 'query'> {
  constructor(private readonly search: OrderSearchService) {
    super();
  }

  protected scene = 'search-orders' as const;
  protected first = 'query' as const;
  protected steps = {
    query: this.step({
      ask: (ctx, _state, lead) => askInDialog(ctx, withLead(lead, t.askSearch)),
      // A phone, a number or a part of an address: anything longer is a paste by mistake.
      parse: (query: string) =>
        [...query].length > SEARCH_QUERY_MAX
          ? { ok: false, problem: t.searchTooLong(SEARCH_QUERY_MAX) }
          : { ok: true, value: query },
      // The results, and the dialog stays: another query can be typed.
      next: async (ctx, state, query) => {
        state.query = query;
        await this.showResults(ctx, query, 0, 'reply');
        return END;
      },
    }),
  };

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
