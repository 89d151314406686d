import { Ctx, On, Update } from 'nestjs-telegraf';
import { botTexts } from '../../texts/ru/bot';
import { BotHandlers } from '../bot-handlers.decorator';
import type { BotContext } from '../bot-context';
import { mainMenu } from '../keyboards/main-menu.keyboard';
import { askAgain } from '../scenes/ask-in-dialog';

/** Messages no dialog takes as an answer: every dialog waits for text or a button. */
export const NOT_TEXT = [
  'photo',
  'sticker',
  'voice',
  'video',
  'video_note',
  'audio',
  'document',
  'animation',
  'location',
  'venue',
  'contact',
  'dice',
  'poll',
  'story',
] as const;

/**
 * Registered last: whatever no other handler took still gets an answer — a button from an
 * old message stops spinning with an alert, a stray text gets the menu, a photo or a sticker
 * in a dialog gets «Пожалуйста, отправьте текст» and the question again.
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

  @On([...NOT_TEXT])
  async onNotText(@Ctx() ctx: BotContext) {
    if (!ctx.scene?.current || !addressedToBot(ctx)) return;
    await askAgain(ctx, botTexts.sendText);
  }
}

// In a group only a reply to the bot's question is meant for it (force_reply); anything else
// there is the members talking among themselves, even while one of them is in a dialog.
function addressedToBot(ctx: BotContext): boolean {
  if (ctx.chat?.type === 'private') return true;
  const message = ctx.message;
  return Boolean(
    message && 'reply_to_message' in message && message.reply_to_message?.from?.is_bot,
  );
}
