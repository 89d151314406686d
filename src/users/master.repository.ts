import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { Master } from './master.entity';
import { UserRole } from './user-role.entity';
import { User } from './user.entity';
import { displayName } from './display-name';

// Other modules name the shape; only this module reads and writes the rows.
export type { Master } from './master.entity';

/** The reads of `masters` other modules need, in the caller's transaction. */
@Injectable()
export class MasterRepository {
  /** An active, unfired master, the only kind an order may be given to; null otherwise. */
  assignable(tx: EntityManager, masterId: number): Promise<Master | null> {
    return tx.findOneBy(Master, { id: masterId, isActive: true, firedAt: IsNull() });
  }

  /** Masters' names by id, for lists of orders; a master without a user row is `#id`. */
  async namesOf(db: EntityManager, ids: number[]): Promise<Map<number, string>> {
    const masters = ids.length
      ? await db.find(Master, { where: { id: In(ids) }, relations: { user: true } })
      : [];
    return new Map(masters.map((m) => [m.id, m.user ? displayName(m.user) : `#${m.id}`]));
  }

  /** Every master not fired, with their user row, oldest first (the monthly archives). */
  unfiredWithUsers(db: EntityManager): Promise<Master[]> {
    return db.find(Master, {
      where: { firedAt: IsNull() },
      relations: { user: true },
      order: { id: 'ASC' },
    });
  }

  /** The master's work group, where the order cards go; null without one. */
  async workChatOf(tx: EntityManager, masterId: number): Promise<number | null> {
    const master = await tx.findOneBy(Master, { id: masterId });
    return master?.workChatId ?? null;
  }

  /** The master's private chat: null when unknown or blocking the bot. One statement. */
  async privateChatOf(tx: EntityManager, masterId: number): Promise<number | null> {
    const row = await tx
      .createQueryBuilder(Master, 'master')
      .innerJoin(User, 'user', 'user.id = master.user_id')
      .where('master.id = :masterId', { masterId })
      .andWhere('user.blocked_bot = :blocked', { blocked: false })
      .select('user.telegram_id', 'telegramId')
      .getRawOne<{ telegramId: string | number }>();
    return row ? Number(row.telegramId) : null;
  }

  /**
   * A senior master, or one who is also an admin: the split gives them at least half
   * (docs/product.md §6). One statement: the master and the admin role of their user.
   */
  async isSeniorOrAdmin(tx: EntityManager, masterId: number): Promise<boolean> {
    const row = await tx
      .createQueryBuilder(Master, 'master')
      .leftJoin(UserRole, 'admin', 'admin.user_id = master.user_id AND admin.role = :role', {
        role: 'ADMIN',
      })
      .where('master.id = :masterId', { masterId })
      .select('master.is_senior', 'isSenior')
      .addSelect('admin.id', 'adminRoleId')
      .getRawOne<{ isSenior: boolean | number; adminRoleId: number | null }>();
    return Boolean(row && (Boolean(row.isSenior) || row.adminRoleId !== null));
  }
}
