import { Command, Ctx, Update } from 'nestjs-telegraf';
import { actorOf, BotContext } from '../bot-context';
import { BotHandlers } from '../bot-handlers.decorator';
import { Roles } from '../guards/roles.decorator';
import { webTexts } from '../../texts/ru/web';
import { SignInLinks } from '../../users/sign-in-links';
import { reasonText } from '../../texts/ru/reasons';

/** `/web`: a one-time sign-in link to the console, sent only in the private chat. */
@Update()
@BotHandlers()
export class WebLoginUpdate {
  constructor(private readonly links: SignInLinks) {}

  @Command('web')
  @Roles('ADMIN', 'DISPATCHER')
  async onWeb(@Ctx() ctx: BotContext) {
    // A link posted in a group would let every member in.
    if (ctx.chat?.type !== 'private') return ctx.reply(webTexts.bot.privateOnly);
    const link = await this.links.issueLink(actorOf(ctx));
    if (!link.ok) return ctx.reply(reasonText(link));
    await ctx.reply(webTexts.bot.link(link.value, this.links.lifetimeMs / 60_000), {
      link_preview_options: { is_disabled: true },
    });
  }
}
