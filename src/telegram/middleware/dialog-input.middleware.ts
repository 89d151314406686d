import { Injectable } from '@nestjs/common';
import type { MiddlewareFn } from 'telegraf';
import { normalizeInput } from '../../common/normalize-input';
import type { BotContext } from '../bot-context';

/**
 * A typed answer in a dialog is normalized before any step sees it: NFC, zero-width and control
 * characters removed, ends trimmed — so five zero-width spaces are an empty answer, not a
 * description, whichever dialog asked. Runs after the session, before `DialogExitMiddleware`.
 */
@Injectable()
export class DialogInputMiddleware {
  readonly middleware: MiddlewareFn<BotContext> = async (ctx, next) => {
    const message = ctx.message;
    if (ctx.session?.__scenes?.current && message && 'text' in message) {
      // Entities point into the text as sent; nothing in a dialog reads them, so they go.
      Object.assign(message, { text: normalizeInput(message.text), entities: undefined });
    }
    return next();
  };
}
