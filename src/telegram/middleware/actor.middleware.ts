import { Injectable } from '@nestjs/common';
import type { MiddlewareFn } from 'telegraf';
import { UsersService } from '../../users/users.service';
import type { BotContext } from '../bot-context';

/** Records who wrote (names refresh, a returning user is unblocked) and who they are now. */
@Injectable()
export class ActorMiddleware {
  constructor(private readonly users: UsersService) {}

  readonly middleware: MiddlewareFn<BotContext> = async (ctx, next) => {
    if (ctx.from && !ctx.from.is_bot)
      ctx.state.actor = await this.users.upsertFromTelegram(ctx.from);
    return next();
  };
}
