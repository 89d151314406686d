import {
  CanActivate,
  ExecutionContext,
  Injectable,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Role } from '../../users/role';
import { ApiKeysService, KeyActor } from '../keys/api-keys.service';
import { fail } from './problem';

export type ApiRequest = Request & { apiKey?: KeyActor };

const ROLES_KEY = 'api:roles';

/** Reads that only these key roles may make (writes are decided by the domain itself). */
export const KeyRoles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The key of a request: `Authorization: Bearer <key>` or `X-Api-Key: <key>`. */
function presentedKey(request: Request): string | null {
  const authorization = request.header('authorization');
  if (authorization?.toLowerCase().startsWith('bearer ')) return authorization.slice(7).trim();
  return request.header('x-api-key')?.trim() || null;
}

/** Every API call needs a valid, unrevoked key; the key's role gates the reads marked for it. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly keys: ApiKeysService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ApiRequest>();
    const key = presentedKey(request);
    const apiKey = key ? await this.keys.authenticate(key) : null;
    if (!apiKey) {
      context.switchToHttp().getResponse().setHeader('WWW-Authenticate', 'Bearer');
      throw fail(401, 'unauthorized', 'A valid API key is required (docs/api.md).');
    }
    request.apiKey = apiKey;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles && !roles.includes(apiKey.role)) {
      throw fail(403, 'forbidden', `This needs a key with the role ${roles.join(' or ')}.`);
    }
    return true;
  }
}

/** The key the guard accepted (the guard runs first, so there always is one). */
export function keyOf(request: ApiRequest): KeyActor {
  if (!request.apiKey) throw new UnauthorizedException();
  return request.apiKey;
}
