import { BotHandlers } from '../bot-handlers.decorator';
import { Ctx, Hears, Start, Update } from 'nestjs-telegraf';
import { botTexts } from '../../texts/ru/bot';
import { actorOf, BotContext } from '../bot-context';
import { mainMenu } from '../keyboards/main-menu.keyboard';

/** What everyone can do: the main menu, info, and their Telegram id for registration. */
@Update()
@BotHandlers()
export class CommonUpdate {
  @Start()
  async onStart(@Ctx() ctx: BotContext) {
    const actor = actorOf(ctx);
    const greeting = actor.roles.size
      ? botTexts.welcome(actor.name)
      : botTexts.welcomeUnknown(actor.name);
    await ctx.reply(`${greeting}\n\n${botTexts.menuHint}`, mainMenu(actor.roles));
  }

  @Hears(botTexts.buttons.info)
  async onInfo(@Ctx() ctx: BotContext) {
    await ctx.reply(botTexts.info, mainMenu(actorOf(ctx).roles));
  }

  @Hears(botTexts.buttons.contact)
  async onContact(@Ctx() ctx: BotContext) {
    await ctx.reply(botTexts.contact(actorOf(ctx).telegramId), { parse_mode: 'HTML' });
  }
}
