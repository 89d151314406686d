import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { onlyParameter } from '../database/dialect';
import { displayName } from './display-name';
import type { Role } from './role';
import { UserRole } from './user-role.entity';
import { User } from './user.entity';

// Other modules name the shape; only this module reads and writes the rows.
export type { User } from './user.entity';

/** The columns of a person the domain needs: who they are and whether the bot reaches them. */
export type PersonRow = Pick<
  User,
  'id' | 'telegramId' | 'firstName' | 'lastName' | 'username' | 'blockedBot'
>;

/** A person with the rights they hold now, from one statement. */
export interface ActorRecord {
  user: PersonRow;
  roles: Set<Role>;
  /** Their master record while it is active and not fired. */
  activeMasterId: number | null;
}

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

/**
 * The reads of `users` other modules need, each taking the caller's `EntityManager`: inside a
 * use case's transaction, or the data source's own for a read outside one.
 */
@Injectable()
export class UserRepository {
  private readonly actorByTelegramIdSql: string;
  private readonly actorByIdSql: string;

  constructor(dataSource: DataSource) {
    // Rights are stored ADMIN/DISPATCHER rows and an active, unfired master: one row per stored
    // role (or one without), so a person and all their rights are one statement.
    const actorSql = (column: 'telegram_id' | 'id') =>
      `SELECT u.id, u.telegram_id, u.first_name, u.last_name, u.username, u.blocked_bot,
        r.role, m.id AS master_id, m.is_senior
      FROM users u
      LEFT JOIN user_roles r ON r.user_id = u.id AND r.role IN ('ADMIN', 'DISPATCHER')
      LEFT JOIN masters m ON m.user_id = u.id AND m.is_active AND m.fired_at IS NULL
      WHERE u.${column} = ${onlyParameter(dataSource)}`;
    this.actorByTelegramIdSql = actorSql('telegram_id');
    this.actorByIdSql = actorSql('id');
  }

  /** A Telegram user with their rights; null for someone never seen. */
  actorByTelegramId(db: EntityManager, telegramId: number): Promise<ActorRecord | null> {
    return this.actor(db, this.actorByTelegramIdSql, telegramId);
  }

  /** A known user with their rights; null if the row is gone. */
  actorById(db: EntityManager, userId: number): Promise<ActorRecord | null> {
    return this.actor(db, this.actorByIdSql, userId);
  }

  /** Where a private message to the user goes: null when unknown or blocking the bot. */
  async reachableChatOf(db: EntityManager, userId: number): Promise<number | null> {
    const user = await db.findOneBy(User, { id: userId });
    return user && !user.blockedBot ? user.telegramId : null;
  }

  /** People's names by id, for who acted in a history or an audit trail (`null` ids skipped). */
  async namesOf(db: EntityManager, ids: (number | null)[]): Promise<Map<number, string>> {
    const wanted = [...new Set(ids)].filter((id): id is number => id !== null);
    const people = wanted.length ? await db.findBy(User, { id: In(wanted) }) : [];
    return new Map(people.map((user) => [user.id, displayName(user)]));
  }

  /** A person who must exist (a key's service user, say). */
  findById(db: EntityManager, id: number): Promise<User> {
    return db.findOneByOrFail(User, { id });
  }

  /** Everyone holding ADMIN, whatever the source of the role. */
  admins(db: EntityManager): Promise<User[]> {
    return db
      .getRepository(User)
      .createQueryBuilder('u')
      .innerJoin(UserRole, 'r', 'r.user_id = u.id AND r.role = :role', { role: 'ADMIN' })
      .getMany();
  }

  /** A person no one writes to (an API key's user) holding `role`, granted by an admin. */
  async addServiceUser(
    tx: EntityManager,
    person: { telegramId: number; firstName: string; role: Role; grantedByUserId: number },
  ): Promise<User> {
    const user = await tx.save(
      tx.create(User, {
        telegramId: person.telegramId,
        firstName: person.firstName,
        blockedBot: true,
      }),
    );
    await tx.insert(UserRole, {
      userId: user.id,
      role: person.role,
      source: 'admin',
      grantedByUserId: person.grantedByUserId,
    });
    return user;
  }

  /** Takes every stored role from the person. */
  async removeRoles(tx: EntityManager, userId: number): Promise<void> {
    await tx.delete(UserRole, { userId });
  }

  private async actor(db: EntityManager, sql: string, key: number): Promise<ActorRecord | null> {
    const rows = (await db.query(sql, [key])) as ActorRow[];
    if (!rows.length) return null;
    const [first] = rows;
    const roles = new Set<Role>(rows.flatMap((row) => (row.role ? [row.role] : [])));
    const masterId = first.master_id === null ? null : Number(first.master_id);
    if (masterId !== null) roles.add('MASTER');
    if (masterId !== null && Boolean(first.is_senior)) roles.add('SENIOR_MASTER');
    return {
      user: {
        id: Number(first.id),
        telegramId: Number(first.telegram_id),
        firstName: first.first_name,
        lastName: first.last_name,
        username: first.username,
        blockedBot: Boolean(first.blocked_bot),
      },
      roles,
      activeMasterId: masterId,
    };
  }
}
