import { Ctx, On, Update } from 'nestjs-telegraf';
import { botTexts } from '../../texts/ru/bot';
import { BotHandlers } from '../bot-handlers.decorator';
import type { BotContext } from '../bot-context';
import { mainMenu } from '../keyboards/main-menu.keyboard';

/**
 * Registered last: whatever no other handler took still gets an answer — a button from an
 * old message stops spinning with an alert, a stray text gets the menu.
 */
@Update()
@BotHandlers()
export class FallbackUpdate {
  @On('callback_query')
  async onStaleButton(@Ctx() ctx: BotContext) {
    await ctx.answerCbQuery(botTexts.staleButton, { show_alert: true });
  }

  @On('text')
  async onStrayText(@Ctx() ctx: BotContext) {
    if (ctx.chat?.type !== 'private') return;
    const roles = ctx.state.actor?.roles ?? new Set();
    await ctx.reply(roles.size ? botTexts.menuHint : botTexts.unknownUser, mainMenu(roles));
  }
}
