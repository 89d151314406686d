import { Command, Ctx, Update } from 'nestjs-telegraf';
import { actorOf, BotContext } from '../../telegram/bot-context';
import { BotHandlers } from '../../telegram/bot-handlers.decorator';
import { Roles } from '../../telegram/guards/roles.decorator';
import { webTexts } from '../../texts/ru/web';
import { LINK_LIFETIME_MS, WebAuthService } from './web-auth.service';

/** `/web`: a one-time sign-in link to the console, sent only in the private chat. */
@Update()
@BotHandlers()
export class WebLoginUpdate {
  constructor(private readonly auth: WebAuthService) {}

  @Command('web')
  @Roles('ADMIN', 'DISPATCHER')
  async onWeb(@Ctx() ctx: BotContext) {
    // A link posted in a group would let every member in.
    if (ctx.chat?.type !== 'private') return ctx.reply(webTexts.bot.privateOnly);
    const link = await this.auth.issueLink(actorOf(ctx));
    if (!link.ok) return ctx.reply(link.message);
    await ctx.reply(webTexts.bot.link(link.value, LINK_LIFETIME_MS / 60_000), {
      link_preview_options: { is_disabled: true },
    });
  }
}
