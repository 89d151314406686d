import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { failure, Outcome, Reason, success } from '../common/outcome';
import { Environment, parseIdList } from '../config/environment';
import { TransactionRunner } from '../database/transaction-runner';
import type { Actor, ActorWithRights } from './actor';
import { Master } from './master.entity';
import { Role } from './role';
import type { AdminsOnly, UserReason } from './user-reasons';
import { UserRole } from './user-role.entity';
import { User } from './user.entity';
import { onlyParameter } from '../database/dialect';

/** What Telegram tells us about a person on every update. */
export interface TelegramContact {
  id: number;
  first_name?: string;
  last_name?: string;
  username?: string;
}

const STORED_ROLES: readonly Role[] = ['ADMIN', 'DISPATCHER'];

interface ActorRow {
  id: number | string;
  telegram_id: number | string;
  first_name: string | null;
  last_name: string | null;
  username: string | null;
  blocked_bot: boolean | number;
  role: Role | null;
  master_id: number | string | null;
  is_senior: boolean | number | null;
}

/** Whether an update's names differ from the stored ones (a name Telegram omits is kept). */
function namesChanged(
  user: Pick<User, 'firstName' | 'lastName' | 'username'>,
  contact: TelegramContact,
): boolean {
  return (
    (contact.first_name ?? user.firstName) !== user.firstName ||
    (contact.last_name ?? user.lastName) !== user.lastName ||
    (contact.username ?? user.username) !== user.username
  );
}

/** A person's roles: the stored ones, and MASTER (and SENIOR_MASTER) while an active master. */
function rolesOf(stored: UserRole[], master: Master | null): Set<Role> {
  const roles = new Set<Role>(stored.map((row) => row.role));
  if (master) roles.add('MASTER');
  if (master?.isSenior) roles.add('SENIOR_MASTER');
  return roles;
}

export const displayName = (
  user: Pick<User, 'firstName' | 'lastName' | 'username' | 'telegramId'>,
) =>
  [user.firstName, user.lastName].filter(Boolean).join(' ') ||
  (user.username ? `@${user.username}` : `ID ${user.telegramId}`);

/**
 * People and their roles. ADMIN and DISPATCHER are stored rows (from the environment or
 * granted by an admin); MASTER and SENIOR_MASTER follow the master record, so a fired or
 * deactivated master loses master rights at once.
 */
@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);

  private readonly actorSql: string;

  constructor(
    private readonly db: TransactionRunner,
    private readonly audit: AuditService,
    private readonly config: ConfigService<Environment, true>,
    private readonly dataSource: DataSource,
  ) {
    // The same rights as withRights(): stored ADMIN/DISPATCHER rows and an active, unfired master.
    this.actorSql = `SELECT u.id, u.telegram_id, u.first_name, u.last_name, u.username, u.blocked_bot,
        r.role, m.id AS master_id, m.is_senior
      FROM users u
      LEFT JOIN user_roles r ON r.user_id = u.id AND r.role IN ('ADMIN', 'DISPATCHER')
      LEFT JOIN masters m ON m.user_id = u.id AND m.is_active AND m.fired_at IS NULL
      WHERE u.telegram_id = ${onlyParameter(dataSource)}`;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.bootstrapEnvRoles(
      parseIdList(this.config.get('ADMIN_IDS', { infer: true })),
      parseIdList(this.config.get('DISPATCHER_IDS', { infer: true })),
    );
  }

  /** A listed user always holds the role; one no longer listed loses the env grant. */
  async bootstrapEnvRoles(adminIds: number[], dispatcherIds: number[]): Promise<void> {
    await this.db.run(async (tx) => {
      const wanted: [Role, number[]][] = [
        ['ADMIN', adminIds],
        ['DISPATCHER', dispatcherIds],
      ];
      for (const [role, ids] of wanted) {
        const users: User[] = [];
        for (const id of ids) users.push(await this.ensureUser(tx, { id }));
        for (const user of users) await this.upsertRole(tx, user.id, role, 'env', null);
        await tx
          .createQueryBuilder()
          .delete()
          .from(UserRole)
          .where('role = :role AND source = :source', { role, source: 'env' })
          .andWhere(users.length ? 'user_id NOT IN (:...ids)' : '1 = 1', {
            ids: users.map((u) => u.id),
          })
          .execute();
      }
    });
    this.logger.log(
      `Roles from the environment: ${adminIds.length} admin(s), ${dispatcherIds.length} dispatcher(s)`,
    );
  }

  /**
   * Creates or refreshes the person behind an update; returns who they are now. A known person
   * with the same names costs one read and no transaction; anything to write takes the
   * transactional path.
   */
  async upsertFromTelegram(contact: TelegramContact): Promise<ActorWithRights> {
    const known = await this.readActor(contact.id);
    if (known && !known.user.blockedBot && !namesChanged(known.user, contact)) return known.actor;
    return this.db.run(async (tx) => {
      const user = await this.ensureUser(tx, contact);
      return this.withRights(tx, user);
    });
  }

  /** Who a Telegram user is, with their current rights; null for someone never seen. */
  async actorByTelegramId(telegramId: number): Promise<ActorWithRights | null> {
    return this.db.run(async (tx) => {
      const user = await tx.findOneBy(User, { telegramId });
      return user ? this.withRights(tx, user) : null;
    });
  }

  /** Re-reads an actor's rights inside a use case's transaction (they may have changed). */
  async rightsOf(tx: EntityManager, actor: Actor): Promise<ActorWithRights> {
    const user = await tx.findOneByOrFail(User, { id: actor.userId });
    return this.withRights(tx, user);
  }

  /** Runs an admin-only use case in one transaction; anyone else is refused. */
  asAdmin<T, R extends Reason = never>(
    actor: Actor,
    work: (tx: EntityManager) => Promise<Outcome<T, R>>,
  ): Promise<Outcome<T, R | AdminsOnly>> {
    return this.db.run(async (tx): Promise<Outcome<T, R | AdminsOnly>> => {
      if (!(await this.rightsOf(tx, actor)).roles.has('ADMIN')) {
        return failure('forbidden', { reason: 'admins_only' });
      }
      return work(tx);
    });
  }

  /** A senior master, or one who is also an admin: the split gives them at least half (§6). */
  async isSeniorOrAdmin(tx: EntityManager, masterId: number): Promise<boolean> {
    const master = await tx.findOneBy(Master, { id: masterId });
    if (!master) return false;
    if (master.isSenior) return true;
    const user = await tx.findOneByOrFail(User, { id: master.userId });
    return (await this.withRights(tx, user)).roles.has('ADMIN');
  }

  async grantRole(
    targetTelegramId: number,
    role: Role,
    actor: Actor,
  ): Promise<Outcome<string, UserReason>> {
    return this.changeRole(targetTelegramId, role, actor, 'add');
  }

  async revokeRole(
    targetTelegramId: number,
    role: Role,
    actor: Actor,
  ): Promise<Outcome<string, UserReason>> {
    return this.changeRole(targetTelegramId, role, actor, 'remove');
  }

  /** «👤 Пользователи»: everyone grouped by role (a person may appear in several groups). */
  async listByRole(actor: Actor): Promise<Outcome<Record<Role | 'NONE', User[]>, UserReason>> {
    return this.db.run(async (tx) => {
      if (!(await this.rightsOf(tx, actor)).roles.has('ADMIN')) {
        return failure('forbidden', { reason: 'admins_only' });
      }
      // Three queries whatever the number of people: thousands of strangers may have pressed /start.
      const users = await tx.find(User, { order: { id: 'ASC' } });
      const stored = await tx.findBy(UserRole, { role: In([...STORED_ROLES]) });
      const masters = await tx.findBy(Master, { isActive: true, firedAt: IsNull() });
      const masterOf = new Map(masters.map((master) => [master.userId, master]));
      const storedOf = new Map<number, UserRole[]>();
      for (const row of stored)
        storedOf.set(row.userId, [...(storedOf.get(row.userId) ?? []), row]);
      const groups: Record<Role | 'NONE', User[]> = {
        ADMIN: [],
        DISPATCHER: [],
        MASTER: [],
        SENIOR_MASTER: [],
        NONE: [],
      };
      for (const user of users) {
        const roles = rolesOf(storedOf.get(user.id) ?? [], masterOf.get(user.id) ?? null);
        if (!roles.size) groups.NONE.push(user);
        for (const role of roles) groups[role].push(user);
      }
      return success(groups);
    });
  }

  /** Telegram ids of everyone holding one of `roles` who has not blocked the bot. */
  async chatIdsWithRole(tx: EntityManager, roles: Role[]): Promise<number[]> {
    const rows = await tx
      .createQueryBuilder(User, 'user')
      .innerJoin(UserRole, 'role', 'role.user_id = user.id')
      .where('role.role IN (:...roles)', { roles })
      .andWhere('user.blocked_bot = :blocked', { blocked: false })
      .select('DISTINCT user.telegram_id', 'telegramId')
      .getRawMany<{ telegramId: string | number }>();
    return rows.map((row) => Number(row.telegramId));
  }

  async ensureUser(tx: EntityManager, contact: TelegramContact): Promise<User> {
    const existing = await tx.findOneBy(User, { telegramId: contact.id });
    const names = {
      firstName: contact.first_name ?? existing?.firstName ?? null,
      lastName: contact.last_name ?? existing?.lastName ?? null,
      username: contact.username ?? existing?.username ?? null,
    };
    if (!existing) {
      await tx
        .createQueryBuilder()
        .insert()
        .into(User)
        .values({ telegramId: contact.id, ...names })
        .orIgnore()
        .execute();
      return tx.findOneByOrFail(User, { telegramId: contact.id });
    }
    const changed = namesChanged(existing, contact) || existing.blockedBot;
    // Writing to the bot means they no longer block it.
    if (changed) await tx.update(User, { id: existing.id }, { ...names, blockedBot: false });
    return { ...existing, ...names, blockedBot: false };
  }

  /** The user, their stored roles and active master record in one statement. */
  private async readActor(
    telegramId: number,
  ): Promise<{ user: Omit<User, 'createdAt' | 'updatedAt'>; actor: ActorWithRights } | null> {
    const rows = (await this.dataSource.query(this.actorSql, [telegramId])) as ActorRow[];
    if (!rows.length) return null;
    const [first] = rows;
    const user = {
      id: Number(first.id),
      telegramId: Number(first.telegram_id),
      firstName: first.first_name,
      lastName: first.last_name,
      username: first.username,
      blockedBot: Boolean(first.blocked_bot),
    };
    const roles = new Set<Role>(rows.flatMap((row) => (row.role ? [row.role] : [])));
    const masterId = first.master_id === null ? null : Number(first.master_id);
    if (masterId !== null) roles.add('MASTER');
    if (masterId !== null && Boolean(first.is_senior)) roles.add('SENIOR_MASTER');
    return {
      user,
      actor: {
        userId: user.id,
        telegramId: user.telegramId,
        name: displayName(user),
        roles,
        activeMasterId: masterId,
      },
    };
  }

  private async withRights(tx: EntityManager, user: User): Promise<ActorWithRights> {
    const stored = await tx.findBy(UserRole, { userId: user.id, role: In([...STORED_ROLES]) });
    const master = await tx.findOneBy(Master, {
      userId: user.id,
      isActive: true,
      firedAt: IsNull(),
    });
    const roles = rolesOf(stored, master);
    return {
      userId: user.id,
      telegramId: user.telegramId,
      name: displayName(user),
      roles,
      activeMasterId: master?.id ?? null,
    };
  }

  private async upsertRole(
    tx: EntityManager,
    userId: number,
    role: Role,
    source: 'env' | 'admin',
    grantedByUserId: number | null,
  ) {
    const existing = await tx.findOneBy(UserRole, { userId, role });
    if (!existing) await tx.insert(UserRole, { userId, role, source, grantedByUserId });
    // An env listing outranks an earlier grant, so the role cannot be removed while listed.
    else if (source === 'env' && existing.source !== 'env') {
      await tx.update(UserRole, { id: existing.id }, { source: 'env' });
    }
  }

  private changeRole(
    targetTelegramId: number,
    role: Role,
    actor: Actor,
    change: 'add' | 'remove',
  ): Promise<Outcome<string, UserReason>> {
    return this.db.run(async (tx) => {
      if (!(await this.rightsOf(tx, actor)).roles.has('ADMIN')) {
        return failure('forbidden', { reason: 'admins_only' });
      }
      const target = await tx.findOneBy(User, { telegramId: targetTelegramId });
      if (!target)
        return failure('not_found', { reason: 'user_not_found', telegramId: targetTelegramId });

      const outcome = STORED_ROLES.includes(role)
        ? await this.changeStoredRole(tx, target, role, actor, change)
        : await this.changeMasterRole(tx, target, role, change);
      if (outcome.ok) {
        await this.audit.record(tx, {
          actorUserId: actor.userId,
          action: `role.${change}`,
          entityType: 'user',
          entityId: target.id,
          details: { role, telegramId: targetTelegramId },
        });
      }
      return outcome;
    });
  }

  private async changeStoredRole(
    tx: EntityManager,
    target: User,
    role: Role,
    actor: Actor,
    change: 'add' | 'remove',
  ): Promise<Outcome<string, UserReason>> {
    const existing = await tx.findOneBy(UserRole, { userId: target.id, role });
    if (change === 'add') {
      if (existing) return failure('invalid', { reason: 'role_already_held', role });
      await this.upsertRole(tx, target.id, role, 'admin', actor.userId);
      return success(role);
    }
    if (!existing) return failure('invalid', { reason: 'role_not_held', role });
    if (existing.source === 'env') {
      return failure(
        'forbidden',
        role === 'ADMIN' ? { reason: 'env_admin_keeps_admin' } : { reason: 'env_role_kept', role },
      );
    }
    await tx.delete(UserRole, { id: existing.id });
    return success(role);
  }

  private async changeMasterRole(
    tx: EntityManager,
    target: User,
    role: Role,
    change: 'add' | 'remove',
  ): Promise<Outcome<string, UserReason>> {
    const master = await tx.findOneBy(Master, { userId: target.id, firedAt: IsNull() });
    if (!master) {
      return failure('invalid', {
        reason: role === 'MASTER' ? 'master_role_needs_master' : 'senior_needs_master',
      });
    }
    const patch =
      role === 'MASTER' ? { isActive: change === 'add' } : { isSenior: change === 'add' };
    await tx.update(Master, { id: master.id }, patch);
    return success(role);
  }
}
