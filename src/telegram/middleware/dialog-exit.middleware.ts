import { Injectable } from '@nestjs/common';
import type { MiddlewareFn } from 'telegraf';
import { botTexts } from '../../texts/ru/bot';
import type { BotContext } from '../bot-context';

const CANCEL_WORDS = new Set(['/cancel', botTexts.buttons.cancel]);
/** Main-menu buttons are never an answer either: they leave the dialog and do what they say. */
const MENU_BUTTONS = new Set<string>(
  Object.values(botTexts.buttons).filter((label) => label !== botTexts.buttons.cancel),
);

/**
 * `/cancel`, «❌ Отмена» and `/start` leave any dialog from any step and are never taken as an
 * answer (an earlier bot stored "/cancel" as a refusal reason). Runs before the scenes.
 */
@Injectable()
export class DialogExitMiddleware {
  readonly middleware: MiddlewareFn<BotContext> = async (ctx, next) => {
    const text = ctx.message && 'text' in ctx.message ? ctx.message.text.trim() : undefined;
    const command = text?.split(/[\s@]/)[0];
    if (!text || !command) return next();
    const cancels = CANCEL_WORDS.has(text) || command === '/cancel';
    const passesThrough = command === '/start' || MENU_BUTTONS.has(text);
    if (!cancels && !passesThrough) return next();
    const inDialog = Boolean(ctx.session?.__scenes?.current);
    if (ctx.session) delete ctx.session.__scenes;
    if (passesThrough) return next();
    await ctx.reply(inDialog ? botTexts.cancelled : botTexts.nothingToCancel);
  };
}
