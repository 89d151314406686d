import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { TelegrafArgumentsHost, TelegrafException } from 'nestjs-telegraf';
import { TelegramError } from 'telegraf';
import { botTexts } from '../../texts/ru/bot';
import type { BotContext } from '../bot-context';
import { reportError } from '../../common/error-reporting';

/** Alerts may hold at most 200 characters. */
const ALERT_LIMIT = 200;

/**
 * No update crashes the process: a refusal (`TelegrafException`) is shown to the user as it
 * is; anything else gets a polite answer, a log line and a Sentry event.
 */
@Catch()
export class BotExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(BotExceptionFilter.name);

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const ctx = TelegrafArgumentsHost.create(host).getContext<BotContext>();
    if (exception instanceof TelegramError && exception.code === 403) {
      // The gateway has marked the chat; an apology would meet the same 403.
      this.logger.log(
        `update ${ctx.update?.update_id}: the chat is unreachable (${exception.description})`,
      );
      return;
    }
    const expected = exception instanceof TelegrafException;
    const message = expected ? exception.message : botTexts.somethingWentWrong;
    if (!expected) {
      ctx.state.outcome = 'error';
      this.logger.error(
        `update ${ctx.update?.update_id} failed: ${(exception as Error)?.stack ?? String(exception)}`,
      );
      reportError(exception);
    }
    try {
      if (ctx.callbackQuery)
        await ctx.answerCbQuery(message.slice(0, ALERT_LIMIT), { show_alert: true });
      else await ctx.reply(message);
    } catch (replyError) {
      this.logger.warn(
        `could not answer update ${ctx.update?.update_id}: ${(replyError as Error).message}`,
      );
    }
  }
}
