import {
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request, Response } from 'express';
import type { Environment } from '../../config/environment';
import { webTexts } from '../../texts/ru/web';
import { messagePage } from '../views/layout';
import { sessionsPage } from '../views/sessions.view';
import { WebExceptionFilter } from '../web-exception.filter';
import { AttemptLimiter } from './attempt-limiter';
import { clearSessionCookie, setSessionCookie } from './cookies';
import { WebAuthService, WebVisitor } from './web-auth.service';
import { Visitor, WebGuard } from './web-guard';

@Controller('web')
@UseFilters(WebExceptionFilter)
export class AuthController {
  /** 10 bad links per address in 5 minutes: plenty for people, little for guessing. */
  private readonly failures = new AttemptLimiter(10, 5 * 60_000);

  constructor(
    private readonly auth: WebAuthService,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** The link from `/web`: spends it, sets the session cookie, opens the board. */
  @Get('login')
  async login(
    @Query('token') token: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const address = request.ip ?? 'unknown';
    if (this.failures.blocked(address)) {
      return this.refuse(response, HttpStatus.TOO_MANY_REQUESTS, webTexts.login.tooMany);
    }
    const opened = await this.auth.redeem(token ?? '', request.get('user-agent'));
    if (!opened.ok) {
      this.failures.fail(address);
      const status = opened.code === 'forbidden' ? HttpStatus.FORBIDDEN : HttpStatus.BAD_REQUEST;
      const text = opened.reason === 'no_console_access' ? webTexts.notStaff : webTexts.login.bad;
      return this.refuse(response, status, text);
    }
    setSessionCookie(response, opened.value.cookie, opened.value.expiresAt, this.secure(request));
    response.redirect(303, '/web');
  }

  @Post('logout')
  @HttpCode(HttpStatus.OK)
  @UseGuards(WebGuard)
  async logout(@Visitor() visitor: WebVisitor, @Req() request: Request, @Res() response: Response) {
    await this.auth.end(visitor.session.id, visitor.actor.userId);
    clearSessionCookie(response, this.secure(request));
    response.type('html').send(messagePage(webTexts.nav.logout, webTexts.login.loggedOut).value);
  }

  @Get('sessions')
  @UseGuards(WebGuard)
  async sessions(@Visitor() visitor: WebVisitor) {
    const sessions = await this.auth.liveSessions(visitor.actor.userId);
    return sessionsPage(visitor, sessions, this.config.get('TZ', { infer: true })).value;
  }

  @Post('sessions/:id/end')
  @UseGuards(WebGuard)
  async endSession(
    @Visitor() visitor: WebVisitor,
    @Param('id', ParseIntPipe) id: number,
    @Res() response: Response,
  ) {
    await this.auth.end(id, visitor.actor.userId);
    response.redirect(303, id === visitor.session.id ? '/web' : '/web/sessions');
  }

  private refuse(response: Response, status: number, text: string) {
    response.status(status).type('html').send(messagePage(webTexts.login.needed, text).value);
  }

  private secure(request: Request): boolean {
    return this.auth.publishedOverHttps || request.secure;
  }
}
