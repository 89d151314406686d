import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { IsNull, LessThan, MoreThan } from 'typeorm';
import { failure, Outcome, success } from '../../common/outcome';
import type { Environment } from '../../config/environment';
import { TransactionRunner } from '../../database/transaction-runner';
import type { Actor, ActorWithRights } from '../../users/actor';
import type { Role } from '../../users/role';
import { UsersService } from '../../users/users.service';
import { hashOf, LinkSigner, randomSecret } from './secrets';
import { WebLoginToken } from './web-login-token.entity';
import { WebSession } from './web-session.entity';
import { NoConsoleAccess, SignInLinks } from '../../users/sign-in-links';

/** FEATURES-level rule of the console: who may open it at all. */
export const CONSOLE_ROLES: readonly Role[] = ['ADMIN', 'DISPATCHER'];

export const LINK_LIFETIME_MS = 10 * 60_000;

export const mayUseConsole = (roles: ReadonlySet<Role>) =>
  CONSOLE_ROLES.some((role) => roles.has(role));

/** A signed-in browser: the session row and the person with the rights they hold right now. */
export interface WebVisitor {
  session: WebSession;
  actor: ActorWithRights;
}

/** Why a sign-in link opens no session: used, expired or forged, or not staff. */
export type LoginRefusal = { reason: 'bad_login_link' } | NoConsoleAccess;

export interface OpenedSession {
  cookie: string;
  expiresAt: Date;
}

/**
 * Sign-in without passwords: `/web` in the bot issues a one-time link, the link opens a
 * session. Rights are never cached in the session: every request re-reads them, so a role
 * revoked in the bot closes the console at once.
 */
@Injectable()
export class WebAuthService implements SignInLinks {
  readonly lifetimeMs = LINK_LIFETIME_MS;

  private readonly signer: LinkSigner;
  private readonly baseUrl: string;
  private readonly sessionMs: number;

  constructor(
    private readonly db: TransactionRunner,
    private readonly users: UsersService,
    config: ConfigService<Environment, true>,
  ) {
    this.signer = new LinkSigner(config.get('BOT_TOKEN', { infer: true }));
    const configured = config.get('WEB_PUBLIC_URL', { infer: true });
    this.baseUrl = (
      configured || `http://localhost:${config.get('HTTP_PORT', { infer: true })}`
    ).replace(/\/+$/, '');
    this.sessionMs = config.get('WEB_SESSION_HOURS', { infer: true }) * 3_600_000;
  }

  /** Whether cookies must be marked Secure: the console is published over HTTPS. */
  get publishedOverHttps(): boolean {
    return this.baseUrl.startsWith('https://');
  }

  /** A link for `actor`, valid for ten minutes and one use; refused to anyone but staff. */
  issueLink(actor: Actor, now = new Date()): Promise<Outcome<string, NoConsoleAccess>> {
    return this.db.run(async (tx) => {
      const rights = await this.users.rightsOf(tx, actor);
      if (!mayUseConsole(rights.roles))
        return failure('forbidden', { reason: 'no_console_access' });
      // Spent and stale links are of no use to anyone; each new one sweeps the person's own.
      await tx.delete(WebLoginToken, { userId: rights.userId, expiresAt: LessThan(now) });
      const secret = randomSecret();
      await tx.insert(WebLoginToken, {
        userId: rights.userId,
        secretHash: hashOf(secret),
        expiresAt: new Date(now.getTime() + LINK_LIFETIME_MS),
        usedAt: null,
      });
      return success(`${this.baseUrl}/web/login?token=${this.signer.sign(secret)}`);
    });
  }

  /** Spends a link and opens a session; a used, expired or forged link opens nothing. */
  redeem(signed: string, userAgent: string | undefined, now = new Date()) {
    const secret = this.signer.open(signed);
    if (!secret) {
      return Promise.resolve(failure('invalid', { reason: 'bad_login_link' } as LoginRefusal));
    }
    return this.db.run(async (tx): Promise<Outcome<OpenedSession, LoginRefusal>> => {
      const token = await tx.findOneBy(WebLoginToken, { secretHash: hashOf(secret) });
      if (!token || token.expiresAt <= now) return failure('invalid', { reason: 'bad_login_link' });
      // Conditional: of two browsers racing with one link only one gets a session.
      const spent = await tx.update(
        WebLoginToken,
        { id: token.id, usedAt: IsNull() },
        { usedAt: now },
      );
      if (!spent.affected) return failure('invalid', { reason: 'bad_login_link' });
      const rights = await this.users.rightsOf(tx, {
        userId: token.userId,
        telegramId: 0,
        name: '',
      });
      if (!mayUseConsole(rights.roles))
        return failure('forbidden', { reason: 'no_console_access' });
      const cookie = randomSecret();
      const expiresAt = new Date(now.getTime() + this.sessionMs);
      await tx.insert(WebSession, {
        userId: token.userId,
        secretHash: hashOf(cookie),
        csrfToken: randomSecret(24),
        userAgent: userAgent?.slice(0, 200) ?? null,
        expiresAt,
        endedAt: null,
      });
      return success({ cookie, expiresAt });
    });
  }

  /** The visitor behind a session cookie, if the session is live and they are still staff. */
  visitor(cookie: string | undefined, now = new Date()): Promise<WebVisitor | null> {
    if (!cookie) return Promise.resolve(null);
    return this.db.run(async (tx) => {
      const session = await tx.findOneBy(WebSession, {
        secretHash: hashOf(cookie),
        endedAt: IsNull(),
        expiresAt: MoreThan(now),
      });
      if (!session) return null;
      const actor = await this.users.rightsOf(tx, {
        userId: session.userId,
        telegramId: 0,
        name: '',
      });
      return mayUseConsole(actor.roles) ? { session, actor } : null;
    });
  }

  /** The person's live sessions, newest first (the sessions page). */
  liveSessions(userId: number, now = new Date()): Promise<WebSession[]> {
    return this.db.run((tx) =>
      tx.find(WebSession, {
        where: { userId, endedAt: IsNull(), expiresAt: MoreThan(now) },
        order: { id: 'DESC' },
      }),
    );
  }

  /** Ends one of the person's own sessions (this browser's «Выйти» or another one's). */
  async end(sessionId: number, userId: number, now = new Date()): Promise<boolean> {
    const result = await this.db.run((tx) =>
      tx.update(WebSession, { id: sessionId, userId, endedAt: IsNull() }, { endedAt: now }),
    );
    return Boolean(result.affected);
  }
}
