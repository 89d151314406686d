import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, IsNull, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { failure, Outcome, success } from '../common/outcome';
import { TransactionRunner } from '../database/transaction-runner';
import { Outbox } from '../notifications/outbox';
import type { MasterNoticeKind } from '../notifications/outbox-events';
import { normalizePhone } from '../common/phone';
import type { Actor } from './actor';
import { MasterLoads } from './master-loads';
import { Master } from './master.entity';
import type { UserReason } from './user-reasons';
import { displayName, UsersService } from './users.service';
import { User } from './user.entity';

export interface NewMaster {
  telegramId: number;
  phone: string;
  specialization: string;
}

/** A master as the assignment picker shows it: "Name (specialization)", load, group or not. */
export interface MasterChoice {
  masterId: number;
  name: string;
  specialization: string;
  activeOrders: number;
  hasWorkGroup: boolean;
}

/** Masters management (docs/product.md §5.1). Every change is admin-only and audited. */
@Injectable()
export class MastersService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
    private readonly orders: MasterLoads,
    private readonly clock: Clock,
  ) {}

  async add(input: NewMaster, actor: Actor): Promise<Outcome<Master, UserReason>> {
    const phone = normalizePhone(input.phone);
    if (!phone) return failure('invalid', { reason: 'bad_phone' }, 'phone');
    const specialization = validSpecialization(input.specialization);
    if (!specialization)
      return failure('invalid', { reason: 'bad_specialization' }, 'specialization');
    return this.asAdmin(actor, async (tx) => {
      const user = await tx.findOneBy(User, { telegramId: input.telegramId });
      if (!user)
        return failure('not_found', { reason: 'user_not_found', telegramId: input.telegramId });
      const existing = await tx.findOneBy(Master, { userId: user.id });
      if (existing && !existing.firedAt)
        return failure('invalid', { reason: 'master_already_exists' });

      // A fired master who comes back keeps the same record, so the old history stays theirs.
      const fields = { phone, specialization, isActive: true, firedAt: null };
      if (existing) await tx.update(Master, { id: existing.id }, fields);
      else await tx.insert(Master, { userId: user.id, ...fields });
      const master = await tx.findOneByOrFail(Master, { userId: user.id });

      await this.audited(tx, actor, 'master.add', master, { phone, specialization });
      await this.notifyPerson(tx, user, 'master_added', master);
      return success(master);
    });
  }

  editPhone(
    masterId: number,
    phoneInput: string,
    actor: Actor,
  ): Promise<Outcome<Master, UserReason>> {
    const phone = normalizePhone(phoneInput);
    if (!phone) return Promise.resolve(failure('invalid', { reason: 'bad_phone' }, 'phone'));
    return this.update(masterId, actor, 'master.edit_phone', { phone });
  }

  editSpecialization(
    masterId: number,
    input: string,
    actor: Actor,
  ): Promise<Outcome<Master, UserReason>> {
    const specialization = validSpecialization(input);
    if (!specialization) {
      return Promise.resolve(
        failure('invalid', { reason: 'bad_specialization' }, 'specialization'),
      );
    }
    return this.update(masterId, actor, 'master.edit_specialization', { specialization });
  }

  setSenior(
    masterId: number,
    isSenior: boolean,
    actor: Actor,
  ): Promise<Outcome<Master, UserReason>> {
    return this.update(masterId, actor, isSenior ? 'master.senior_on' : 'master.senior_off', {
      isSenior,
    });
  }

  setActive(
    masterId: number,
    isActive: boolean,
    actor: Actor,
  ): Promise<Outcome<Master, UserReason>> {
    return this.update(
      masterId,
      actor,
      isActive ? 'master.activate' : 'master.deactivate',
      { isActive },
      (tx, master) =>
        isActive ? Promise.resolve() : this.notifyPersonOf(tx, master, 'master_deactivated'),
    );
  }

  /** Fired masters keep their history; refused while they still hold active orders. */
  fire(masterId: number, actor: Actor): Promise<Outcome<Master, UserReason>> {
    return this.asAdmin(actor, async (tx) => {
      const master = await this.findCurrent(tx, masterId);
      if (!master) return failure('not_found', { reason: 'master_not_found' });
      const active = await this.orders.countActiveOfMaster(tx, masterId);
      if (active > 0)
        return failure('invalid', { reason: 'fire_refused_active_orders', activeOrders: active });
      const firedAt = this.clock.now();
      await tx.update(
        Master,
        { id: masterId },
        { isActive: false, firedAt, workChatId: null, workChatTitle: null },
      );
      await this.audited(tx, actor, 'master.fire', master, { workChatId: master.workChatId });
      await this.notifyPersonOf(tx, master, 'master_fired');
      return success({
        ...master,
        isActive: false,
        firedAt,
        workChatId: null,
        workChatTitle: null,
      });
    });
  }

  /** One work group per master and one master per group (a shared group broke lookups before). */
  bindWorkGroup(
    masterId: number,
    chat: { id: number; title: string; type: string },
    actor: Actor,
  ): Promise<Outcome<Master, UserReason>> {
    if (chat.type !== 'group' && chat.type !== 'supergroup') {
      return Promise.resolve(failure('invalid', { reason: 'not_a_group' }));
    }
    return this.asAdmin(actor, async (tx) => {
      const owner = await tx.findOne(Master, {
        where: { workChatId: chat.id, id: Not(masterId) },
        relations: { user: true },
      });
      if (owner?.user)
        return failure('invalid', { reason: 'group_taken', masterName: displayName(owner.user) });
      return this.patch(tx, masterId, actor, 'master.bind_group', {
        workChatId: chat.id,
        workChatTitle: chat.title,
      });
    });
  }

  /** A group upgraded to a supergroup gets a new chat id; its binding follows it. */
  async followChatMigration(oldChatId: number, newChatId: number): Promise<void> {
    await this.db.run(async (tx) => {
      const master = await tx.findOneBy(Master, { workChatId: oldChatId });
      // Nothing to follow, or the new chat is somebody's group already: keep both as they are.
      if (!master || (await tx.existsBy(Master, { workChatId: newChatId }))) return;
      await tx.update(Master, { id: master.id }, { workChatId: newChatId });
      await this.audit.record(tx, {
        actorUserId: null,
        action: 'master.group_migrated',
        entityType: 'master',
        entityId: master.id,
        details: { from: oldChatId, to: newChatId },
      });
    });
  }

  /** «👥 Мастера»: every master not fired (deactivated ones too), with the person; active first. */
  listCurrent(): Promise<Master[]> {
    return this.db.run((tx) =>
      tx.find(Master, {
        where: { firedAt: IsNull() },
        relations: { user: true },
        order: { isActive: 'DESC', id: 'ASC' },
      }),
    );
  }

  /** One master not fired, with the person: the master card and the master's own settings. */
  getCurrent(masterId: number): Promise<Master | null> {
    return this.db.run((tx) =>
      tx.findOne(Master, { where: { id: masterId, firedAt: IsNull() }, relations: { user: true } }),
    );
  }

  findByWorkChat(chatId: number): Promise<Master | null> {
    return this.db.run((tx) => tx.findOneBy(Master, { workChatId: chatId, firedAt: IsNull() }));
  }

  /** Active masters for the assignment picker, least loaded first. */
  async choicesForAssignment(): Promise<MasterChoice[]> {
    return this.db.run(async (tx) => {
      const masters = await tx.find(Master, {
        where: { isActive: true, firedAt: IsNull() },
        relations: { user: true },
      });
      const loads = await this.orders.activeCountsByMaster(tx);
      return masters
        .map((master) => ({
          masterId: master.id,
          name: master.user ? displayName(master.user) : `#${master.id}`,
          specialization: master.specialization,
          activeOrders: loads.get(master.id) ?? 0,
          hasWorkGroup: master.workChatId !== null,
        }))
        .sort((a, b) => a.activeOrders - b.activeOrders || a.name.localeCompare(b.name));
    });
  }

  private update(
    masterId: number,
    actor: Actor,
    action: string,
    fields: Partial<Master>,
    after?: (tx: EntityManager, master: Master) => Promise<void>,
  ): Promise<Outcome<Master, UserReason>> {
    return this.asAdmin(actor, async (tx) => {
      const outcome = await this.patch(tx, masterId, actor, action, fields);
      if (outcome.ok && after) await after(tx, outcome.value);
      return outcome;
    });
  }

  private async patch(
    tx: EntityManager,
    masterId: number,
    actor: Actor,
    action: string,
    fields: Partial<Master>,
  ): Promise<Outcome<Master, UserReason>> {
    const master = await this.findCurrent(tx, masterId);
    if (!master) return failure('not_found', { reason: 'master_not_found' });
    await tx.update(Master, { id: masterId }, fields);
    const changed = Object.fromEntries(
      Object.keys(fields).map((key) => [
        key,
        { from: master[key as keyof Master], to: fields[key as keyof Master] },
      ]),
    );
    await this.audited(tx, actor, action, master, changed);
    return success({ ...master, ...fields });
  }

  private findCurrent(tx: EntityManager, masterId: number): Promise<Master | null> {
    return tx.findOneBy(Master, { id: masterId, firedAt: IsNull() });
  }

  private async asAdmin<T>(
    actor: Actor,
    work: (tx: EntityManager) => Promise<Outcome<T, UserReason>>,
  ) {
    return this.db.run(async (tx): Promise<Outcome<T, UserReason>> => {
      const rights = await this.users.rightsOf(tx, actor);
      if (!rights.roles.has('ADMIN')) return failure('forbidden', { reason: 'admins_only' });
      return work(tx);
    });
  }

  private audited(
    tx: EntityManager,
    actor: Actor,
    action: string,
    master: Master,
    details: object,
  ) {
    return this.audit.record(tx, {
      actorUserId: actor.userId,
      action,
      entityType: 'master',
      entityId: master.id,
      details: details as Record<string, unknown>,
    });
  }

  private async notifyPersonOf(tx: EntityManager, master: Master, kind: MasterNoticeKind) {
    const user = await tx.findOneByOrFail(User, { id: master.userId });
    await this.notifyPerson(tx, user, kind, master);
  }

  private notifyPerson(tx: EntityManager, user: User, kind: MasterNoticeKind, master: Master) {
    return this.outbox.enqueue(tx, [
      {
        chatId: user.telegramId,
        kind,
        payload: { masterId: master.id, name: displayName(user) },
        // Written in the same transaction as the change, so each event gets its own key.
        dedupKey: `${kind}:${master.id}:${randomUUID()}`,
      },
    ]);
  }
}

/** A specialization as stored (trimmed, 2–200 characters, not a command), or null. */
export function validSpecialization(input: string): string | null {
  const specialization = input.trim();
  return specialization.length >= 2 &&
    specialization.length <= 200 &&
    !specialization.startsWith('/')
    ? specialization
    : null;
}
