import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource, EntityManager, EntityNotFoundError, In, IsNull } from 'typeorm';
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
import { ActorRecord, UserRepository } from './user.repository';
import { displayName } from './display-name';

// Where the adapters have always imported it from.
export { displayName };

/** What Telegram tells us about a person on every update. */
export interface TelegramContact {
  id: number;
  first_name?: string;
  last_name?: string;
  username?: string;
}

const STORED_ROLES: readonly Role[] = ['ADMIN', 'DISPATCHER'];

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

/** The domain's view of a person read with their rights. */
const actorOf = ({ user, roles, activeMasterId }: ActorRecord): ActorWithRights => ({
  userId: user.id,
  telegramId: user.telegramId,
  name: displayName(user),
  roles,
  activeMasterId,
});

/**
 * People and their roles. ADMIN and DISPATCHER are stored rows (from the environment or
 * granted by an admin); MASTER and SENIOR_MASTER follow the master record, so a fired or
 * deactivated master loses master rights at once.
 */
@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly db: TransactionRunner,
    private readonly audit: AuditService,
    private readonly config: ConfigService<Environment, true>,
    private readonly dataSource: DataSource,
    private readonly repository: UserRepository,
  ) {}

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
    const known = await this.repository.actorByTelegramId(this.dataSource.manager, contact.id);
    if (known && !known.user.blockedBot && !namesChanged(known.user, contact)) {
      return actorOf(known);
    }
    return this.db.run(async (tx) => {
      const user = await this.ensureUser(tx, contact);
      return this.rightsById(tx, user.id);
    });
  }

  /** Who a Telegram user is, with their current rights; null for someone never seen. */
  async actorByTelegramId(telegramId: number): Promise<ActorWithRights | null> {
    const found = await this.db.run((tx) => this.repository.actorByTelegramId(tx, telegramId));
    return found && actorOf(found);
  }

  /**
   * Re-reads an actor's rights inside a use case's transaction, in one statement: what the
   * adapter read before the transaction may have changed since (a master fired meanwhile).
   */
  rightsOf(tx: EntityManager, actor: Actor): Promise<ActorWithRights> {
    return this.rightsById(tx, actor.userId);
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

  private async rightsById(tx: EntityManager, userId: number): Promise<ActorWithRights> {
    const found = await this.repository.actorById(tx, userId);
    if (!found) throw new EntityNotFoundError(User, { id: userId });
    return actorOf(found);
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
