import { Injectable } from '@nestjs/common';
import type { MiddlewareFn } from 'telegraf';
import { BotApiGateway } from '../outbox/bot-api.gateway';
import type { BotContext } from '../bot-context';

/**
 * First in the chain: telegraf gives each update its own Telegram client, and every reply,
 * edit or callback answer of the update goes through that client — routed here through the
 * gateway, so no handler can bypass the budget and the retries, and none needs to know them.
 */
@Injectable()
export class BotApiMiddleware {
  constructor(private readonly gateway: BotApiGateway) {}

  readonly middleware: MiddlewareFn<BotContext> = (ctx, next) => {
    this.gateway.install(ctx.telegram, 'interactive');
    return next();
  };
}
