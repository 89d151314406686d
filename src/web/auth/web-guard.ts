import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { webTexts } from '../../texts/ru/web';
import type { Role } from '../../users/role';
import { readCookie, SESSION_COOKIE } from './cookies';
import { sameSecret } from './secrets';
import { WebAuthService, WebVisitor } from './web-auth.service';

const WEB_ROLES = 'web:roles';

/** Pages for these roles only (on top of the console's own ADMIN/DISPATCHER rule). */
export const WebRoles = (...roles: Role[]) => SetMetadata(WEB_ROLES, roles);

export type WebRequest = Request & { visitor?: WebVisitor };

/** The signed-in person of this request, set by `WebGuard`. */
export const Visitor = createParamDecorator(
  (_: unknown, context: ExecutionContext) =>
    context.switchToHttp().getRequest<WebRequest>().visitor as WebVisitor,
);

/** Thrown for a refused CSRF token, so the page can say why. */
export class CsrfRefusedException extends ForbiddenException {
  constructor() {
    super(webTexts.errors.csrf);
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every console request: a live session of someone who is staff *now* (rights re-read on each
 * request), the page's roles, and on every state change the session's CSRF token, sent back
 * by the page as a form field or the `X-CSRF-Token` header (htmx).
 */
@Injectable()
export class WebGuard implements CanActivate {
  constructor(
    private readonly auth: WebAuthService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<WebRequest>();
    const visitor = await this.auth.visitor(readCookie(request, SESSION_COOKIE));
    if (!visitor) throw new UnauthorizedException(webTexts.login.needed);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(WEB_ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles?.length && !roles.some((role) => visitor.actor.roles.has(role))) {
      throw new ForbiddenException(webTexts.errors.forbiddenText);
    }
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.get('x-csrf-token') ?? (request.body as { _csrf?: unknown })?._csrf;
      if (typeof sent !== 'string' || !sameSecret(sent, visitor.session.csrfToken)) {
        throw new CsrfRefusedException();
      }
    }
    request.visitor = visitor;
    return true;
  }
}
