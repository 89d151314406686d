import {
  applyDecorators,
  CallHandler,
  Injectable,
  NestInterceptor,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { map, Observable } from 'rxjs';
import { BotExceptionFilter } from './filters/bot-exception.filter';
import { RolesGuard } from './guards/roles.guard';

/**
 * nestjs-telegraf replies with whatever a handler returns (`String(result)`); our handlers
 * answer through the context themselves, so a returned message object would be sent as
 * "[object Object]".
 */
@Injectable()
export class NoAutoReplyInterceptor implements NestInterceptor {
  intercept(_context: unknown, next: CallHandler): Observable<undefined> {
    return next.handle().pipe(map(() => undefined));
  }
}

/** Every update and scene class: roles checked, errors answered politely, no auto-reply. */
export const BotHandlers = () =>
  applyDecorators(
    UseGuards(RolesGuard),
    UseFilters(BotExceptionFilter),
    UseInterceptors(NoAutoReplyInterceptor),
  );
