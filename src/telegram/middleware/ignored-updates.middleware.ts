import { Injectable, Logger } from '@nestjs/common';
import type { MiddlewareFn } from 'telegraf';
import type { Update } from 'telegraf/types';
import { botTexts } from '../../texts/ru/bot';
import type { BotContext } from '../bot-context';

/** "Telegram": the sender of a linked channel's automatic forwards into its discussion group. */
const TELEGRAM_SERVICE_USER_ID = 777_000;

/** Service messages about the chat itself are followed whoever triggered them. */
const CHAT_SERVICE_FIELDS = ['migrate_to_chat_id', 'migrate_from_chat_id'];

/**
 * Updates nobody can be answered for, dropped before they reach the flood guard or a handler:
 * messages not written by a person (anonymous group admins post as GroupAnonymousBot with
 * `sender_chat`, a linked channel's forwards come from 777000, other bots), channel posts and
 * inline mode (off for this bot). A button under an inline message has no chat to act in: its
 * spinner is stopped with the stale-button alert. Deliberate silences, so a debug line only.
 */
@Injectable()
export class IgnoredUpdatesMiddleware {
  private readonly logger = new Logger(IgnoredUpdatesMiddleware.name);

  readonly middleware: MiddlewareFn<BotContext> = async (ctx, next) => {
    const reason = whyIgnored(ctx.update);
    if (!reason) return next();
    ctx.state.outcome = 'ignored';
    this.logger.debug(`update ${ctx.update.update_id} ignored: ${reason}`);
    if (ctx.callbackQuery) {
      await ctx.answerCbQuery(botTexts.staleButton, { show_alert: true }).catch(() => undefined);
    }
  };
}

export function whyIgnored(update: Update): string | undefined {
  if ('inline_query' in update || 'chosen_inline_result' in update) return 'inline mode';
  if ('channel_post' in update || 'edited_channel_post' in update) return 'a channel post';
  if ('callback_query' in update && !update.callback_query.message) {
    return 'a button without a chat (inline message)';
  }
  const message =
    'message' in update
      ? update.message
      : 'edited_message' in update
        ? update.edited_message
        : undefined;
  if (!message || CHAT_SERVICE_FIELDS.some((field) => field in message)) return undefined;
  if ('sender_chat' in message && message.sender_chat) return 'sent on behalf of a chat';
  if (message.from?.id === TELEGRAM_SERVICE_USER_ID) return 'a linked channel forward';
  if (message.from?.is_bot) return 'sent by a bot';
  return undefined;
}
