import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TelegrafException, TelegrafExecutionContext } from 'nestjs-telegraf';
import { botTexts } from '../../texts/ru/bot';
import type { Role } from '../../users/role';
import type { BotContext } from '../bot-context';
import { ROLES_KEY } from './roles.decorator';

/** Refuses a handler to anyone without one of its `@Roles`, with a clear message. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles?.length) return true;
    const ctx = TelegrafExecutionContext.create(context).getContext<BotContext>();
    const actor = ctx.state.actor;
    if (actor && roles.some((role) => actor.roles.has(role))) return true;
    throw new TelegrafException(actor?.roles.size ? botTexts.forbidden : botTexts.unknownUser);
  }
}
