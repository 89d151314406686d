import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { failure, Outcome, success } from '../../common/outcome';
import { TransactionRunner } from '../../database/transaction-runner';
import type { Actor } from '../../users/actor';
import type { Role } from '../../users/role';
import type { AdminsOnly } from '../../users/user-reasons';
import { UserRepository } from '../../users/user.repository';
import { UsersService } from '../../users/users.service';
import { ApiKey } from './api-key.entity';

/** Roles a key may carry: other systems create and follow orders; masters work in Telegram. */
export const KEY_ROLES: readonly Role[] = ['ADMIN', 'DISPATCHER'];

/** Why a key is not created or revoked. */
export type ApiKeyReason =
  | { reason: 'bad_key_name' }
  | { reason: 'bad_key_role'; role: string }
  | { reason: 'key_name_taken'; name: string }
  | { reason: 'key_not_found'; name: string };

const KEY_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const KEY_PREFIX = 'rd_';
/** Writing the last-used time on every call would make each read a write; once a minute is enough. */
const TOUCH_EVERY_MS = 60_000;
/**
 * Service users get negative Telegram ids, which no Telegram user has (user ids are positive),
 * below the range of group chat ids; they are also marked as blocking the bot, so no
 * notification is ever queued for them.
 */
const SERVICE_ID_BASE = 8_000_000_000_000_000;

export interface KeyActor {
  keyId: number;
  keyName: string;
  role: Role;
  actor: Actor;
}

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/**
 * API keys (docs/api.md). Each key acts as a service user of its own that holds exactly the
 * key's role, so every use case re-reads the key's rights like a person's, and every audit
 * row of a write made with the key names that user. Revoking removes the role as well.
 */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly people: UserRepository,
  ) {}

  /** Returns the key itself once; only its hash is stored. */
  create(
    name: string,
    role: string,
    actor: Actor,
  ): Promise<Outcome<{ key: string; apiKey: ApiKey }, ApiKeyReason | AdminsOnly>> {
    if (!KEY_NAME.test(name))
      return Promise.resolve(failure('invalid', { reason: 'bad_key_name' }, 'name'));
    if (!KEY_ROLES.includes(role as Role)) {
      return Promise.resolve(failure('invalid', { reason: 'bad_key_role', role }, 'role'));
    }
    return this.users.asAdmin(actor, async (tx) => {
      if (await tx.existsBy(ApiKey, { name }))
        return failure('invalid', { reason: 'key_name_taken', name });
      const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
      const user = await this.people.addServiceUser(tx, {
        telegramId: -(SERVICE_ID_BASE + randomInt(2 ** 40)),
        firstName: `API ${name}`,
        role: role as Role,
        grantedByUserId: actor.userId,
      });
      const apiKey = await tx.save(
        tx.create(ApiKey, {
          name,
          role: role as Role,
          keyHash: hashKey(key),
          prefix: key.slice(0, 10),
          userId: user.id,
          createdByUserId: actor.userId,
        }),
      );
      await this.audit.record(tx, {
        actorUserId: actor.userId,
        action: 'api_key.create',
        entityType: 'api_key',
        entityId: apiKey.id,
        details: { name, role },
      });
      return success({ key, apiKey });
    });
  }

  list(actor: Actor): Promise<Outcome<ApiKey[], AdminsOnly>> {
    return this.users.asAdmin<ApiKey[]>(actor, async (tx) =>
      success(await tx.find(ApiKey, { order: { id: 'ASC' } })),
    );
  }

  /** The key stops working at once; its service user keeps its name for the audit log. */
  revoke(name: string, actor: Actor): Promise<Outcome<ApiKey, ApiKeyReason | AdminsOnly>> {
    return this.users.asAdmin(actor, async (tx) => {
      const apiKey = await tx.findOneBy(ApiKey, { name, revokedAt: IsNull() });
      if (!apiKey) return failure('not_found', { reason: 'key_not_found', name });
      await tx.update(ApiKey, { id: apiKey.id }, { revokedAt: new Date() });
      await this.people.removeRoles(tx, apiKey.userId);
      await this.audit.record(tx, {
        actorUserId: actor.userId,
        action: 'api_key.revoke',
        entityType: 'api_key',
        entityId: apiKey.id,
        details: { name },
      });
      return success(apiKey);
    });
  }

  /**
   * Who a presented key is, or null for an unknown or revoked key. One read outside any
   * transaction (every call makes it; on SQLite a transaction would wait for the writer).
   */
  async authenticate(key: string): Promise<KeyActor | null> {
    if (!key.startsWith(KEY_PREFIX)) return null;
    const apiKey = await this.dataSource
      .getRepository(ApiKey)
      .findOneBy({ keyHash: hashKey(key), revokedAt: IsNull() });
    if (!apiKey) return null;
    const user = await this.people.findById(this.dataSource.manager, apiKey.userId);
    const now = new Date();
    // The last use is written at most once a minute per key.
    if (!apiKey.lastUsedAt || now.getTime() - apiKey.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
      await this.db.run((tx) => tx.update(ApiKey, { id: apiKey.id }, { lastUsedAt: now }));
    }
    return {
      keyId: apiKey.id,
      keyName: apiKey.name,
      role: apiKey.role,
      actor: { userId: user.id, telegramId: user.telegramId, name: apiKey.name },
    };
  }
}
