import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { Failure, failure, Outcome, success } from '../common/outcome';
import { TransactionRunner } from '../database/transaction-runner';
import { isUniqueViolation } from '../database/unique-violation';
import type { Actor, ActorWithRights } from '../users/actor';
import { MasterRepository } from '../users/master.repository';
import { UsersService } from '../users/users.service';
import { validateReason } from './order-fields';
import {
  ArrivalFields,
  EditableField,
  editableFields,
  NewOrderInput,
  OrderInput,
} from './order-input';
import { MoneyFigures, OrderMoney } from './order-money';
import { searchAddressOf } from './order-search.service';
import { OrderNotifier } from './order-notifier';
import type { OrderReason } from './order-reasons';
import { decideTransition, OrderAction, TransitionDecision } from './order-state-machine';
import { Order } from './order.entity';
import { OrderWrites } from './order-writes';

/** The order a button or command points at; `version` is what the user saw, if known. */
export interface OrderRef {
  id: number;
  version?: number;
}

export type OrderChange = Outcome<Order, OrderReason>;

// The use cases' vocabulary, where their callers have always imported it from.
export { editableFields };
export type { EditableField, MoneyFigures, NewOrderInput };

/** What a use case does once the state machine has allowed it. */
interface ChangePlan {
  fields?: Partial<Order>;
  reason?: string | null;
  /** Audit details beyond the status change. */
  details?: Record<string, unknown>;
  /** Extra data for the notifications (money figures, old values…). */
  notice?: Record<string, unknown>;
}

type Planner = (
  order: Order,
  context: {
    tx: EntityManager;
    decision: Extract<TransitionDecision, { allowed: true }>;
    actor: ActorWithRights;
  },
) => Promise<ChangePlan | Failure<OrderReason>> | ChangePlan | Failure<OrderReason>;

/**
 * The order use cases. Each one runs in one transaction: re-read the actor's rights, ask the
 * state machine, apply a conditional update (`WHERE status AND version`), then write the
 * history row, the audit row and the notifications it causes. What people typed is read by
 * `OrderInput` before the transaction, the money of a closed order is `OrderMoney`'s, the rows
 * are written by `OrderWrites`. Over 300 lines because the nineteen use cases belong together:
 * each is a few lines over the one path every change takes, `change()`, at the bottom.
 */
@Injectable()
export class OrdersService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly users: UsersService,
    private readonly writes: OrderWrites,
    private readonly notifier: OrderNotifier,
    private readonly input: OrderInput,
    private readonly money: OrderMoney,
    private readonly clock: Clock,
    private readonly masters: MasterRepository,
  ) {}

  /** A dispatcher or admin creates an order (docs/product.md §3.1); every other staff member is told. */
  async create(input: NewOrderInput, actor: Actor): Promise<OrderChange> {
    const draft = this.input.newOrder(input);
    if (!draft.ok) return draft;

    const creationKey = input.creationKey ?? null;
    const created = this.db.run(async (tx) => {
      const rights = await this.users.rightsOf(tx, actor);
      if (!rights.roles.has('ADMIN') && !rights.roles.has('DISPATCHER')) {
        return failure('forbidden', { reason: 'forbidden' });
      }
      if (creationKey) {
        const made = await this.madeWith(tx, creationKey);
        if (made) return success(made);
      }
      const order = await this.writes.insert(
        tx,
        {
          ...draft.value,
          creationKey,
          searchAddress: searchAddressOf(draft.value.clientAddress),
          dispatcherId: rights.userId,
        },
        rights,
      );
      await this.notifier.notify(tx, { action: 'create', order, actor: rights });
      return success(order);
    });
    // Two creations with one key at once (a draft confirmed by two dispatchers, an API call
    // retried while the first is running): on PostgreSQL both may miss the key and insert;
    // the unique index refuses the second, whose answer is then the first one's order.
    return created.catch(async (error: unknown) => {
      if (!creationKey || !isUniqueViolation(error)) throw error;
      const made = await this.db.run((tx) => this.madeWith(tx, creationKey));
      if (!made) throw error;
      return success(made);
    });
  }

  private madeWith(tx: EntityManager, creationKey: string): Promise<Order | null> {
    return tx.findOne(Order, { where: { creationKey }, withDeleted: true });
  }

  /** Parses what was typed; an instruction is kept verbatim without a time. */
  arrivalOf(text: string | null | undefined): Outcome<ArrivalFields, OrderReason> {
    return this.input.arrival(text);
  }

  assign(ref: OrderRef, masterId: number, actor: Actor): Promise<OrderChange> {
    return this.change('assign', ref, actor, (_order, { tx }) => this.planAssignment(tx, masterId));
  }

  reassign(ref: OrderRef, masterId: number, actor: Actor): Promise<OrderChange> {
    return this.change('reassign', ref, actor, (order, { tx }) =>
      order.masterId === masterId
        ? failure('invalid', { reason: 'same_master' })
        : this.planAssignment(tx, masterId),
    );
  }

  unassign(ref: OrderRef, actor: Actor): Promise<OrderChange> {
    return this.change('unassign', ref, actor, () => ({ fields: { masterId: null } }));
  }

  /** The master gives the order back; the reason stays in history and in their statistics. */
  masterCancel(ref: OrderRef, reasonInput: string, actor: Actor): Promise<OrderChange> {
    return this.withReason(reasonInput, (reason) =>
      this.change('master_cancel', ref, actor, () => ({
        fields: { masterId: null },
        reason,
        notice: { reason },
      })),
    );
  }

  accept(ref: OrderRef, actor: Actor): Promise<OrderChange> {
    return this.change('accept', ref, actor, () => ({}));
  }

  onSite(ref: OrderRef, actor: Actor): Promise<OrderChange> {
    return this.change('on_site', ref, actor, () => ({}));
  }

  backOnSite(ref: OrderRef, actor: Actor): Promise<OrderChange> {
    return this.change('back_on_site', ref, actor, () => ({}));
  }

  /** A new visit time (§2.4, it must be a time) and an optional reason; count and reason kept. */
  reschedule(
    ref: OrderRef,
    arrivalInput: string,
    reasonInput: string | null,
    actor: Actor,
  ): Promise<OrderChange> {
    const parsed = this.input.reschedule(arrivalInput, reasonInput);
    if (!parsed.ok) return Promise.resolve(parsed);
    const { arrival, reason: why } = parsed.value;
    return this.change('reschedule', ref, actor, (order) => ({
      fields: {
        ...arrival,
        rescheduleCount: order.rescheduleCount + 1,
        rescheduledAt: this.clock.now(),
        rescheduleReason: why,
      },
      reason: why,
      details: { from: order.arrivalText, to: arrival.arrivalText },
      notice: { arrivalText: arrival.arrivalText, reason: why },
    }));
  }

  /**
   * Long repair (ДР): completion date from tomorrow to +180 days, parts, a preliminary sum and
   * the prepayment taken, if any (docs/product.md §2.1, §4.2).
   */
  longRepair(
    ref: OrderRef,
    repair: {
      expectedDate: string;
      parts: string | null;
      preliminaryKopecks: number | null;
      prepaymentKopecks?: number | null;
    },
    actor: Actor,
  ): Promise<OrderChange> {
    const checked = this.input.longRepair(repair);
    if (!checked.ok) return Promise.resolve(checked);
    const details = checked.value;
    return this.change('long_repair', ref, actor, () => ({
      fields: {
        drExpectedDate: details.expectedDate,
        drParts: details.parts,
        drPreliminaryKopecks: details.preliminaryKopecks,
        drPrepaymentKopecks: details.prepaymentKopecks,
      },
      details,
      notice: details,
    }));
  }

  /** Closing computes the split by the configured rules; closing twice is impossible. */
  complete(ref: OrderRef, money: MoneyFigures, actor: Actor): Promise<OrderChange> {
    return this.change('complete', ref, actor, async (order, { tx, actor: rights }) => {
      const split = await this.money.close(tx, order, money, rights);
      if (!split.ok) return split;
      return {
        fields: { ...split.value, closedAt: this.clock.now() },
        details: { ...split.value },
        notice: { ...split.value },
      };
    });
  }

  clientRefused(ref: OrderRef, reasonInput: string, actor: Actor): Promise<OrderChange> {
    return this.withReason(reasonInput, (reason) =>
      this.change('client_refused', ref, actor, () => this.refusal(reason)),
    );
  }

  /** A dispatcher or admin cancels (refuses) an active order. */
  cancel(ref: OrderRef, reasonInput: string, actor: Actor): Promise<OrderChange> {
    return this.withReason(reasonInput, (reason) =>
      this.change('cancel', ref, actor, () => this.refusal(reason)),
    );
  }

  restore(ref: OrderRef, actor: Actor): Promise<OrderChange> {
    return this.change('restore', ref, actor, () => ({
      fields: { masterId: null, refusalReason: null, closedAt: null },
    }));
  }

  /** «📞 Клиент ждет»: the master gets the client's phone now, privately and in the group. */
  clientWaiting(ref: OrderRef, actor: Actor): Promise<OrderChange> {
    return this.change('client_waiting', ref, actor, (order) => ({
      notice: { clientPhone: order.clientPhone },
    }));
  }

  /** `/admin edit_closed`: new figures, shares recomputed by the same rules, old values audited. */
  correctMoney(ref: OrderRef, money: MoneyFigures, actor: Actor): Promise<OrderChange> {
    return this.change('correct_money', ref, actor, async (order, { tx, actor: rights }) => {
      const split = await this.money.close(tx, order, money, rights);
      if (!split.ok) return split;
      const before = {
        totalKopecks: order.totalKopecks,
        materialsKopecks: order.materialsKopecks,
        netKopecks: order.netKopecks,
        masterShareKopecks: order.masterShareKopecks,
        companyShareKopecks: order.companyShareKopecks,
        reviewTaken: order.reviewTaken,
        outOfCity: order.outOfCity,
      };
      return { fields: split.value, details: { before, after: split.value } };
    });
  }

  /** Soft delete: the row and its history stay; ordinary reads no longer see it. */
  softDelete(ref: OrderRef, actor: Actor): Promise<OrderChange> {
    return this.change('delete', ref, actor, () => ({ fields: { deletedAt: this.clock.now() } }));
  }

  undelete(ref: OrderRef, actor: Actor): Promise<OrderChange> {
    return this.change('undelete', ref, actor, () => ({ fields: { deletedAt: null } }));
  }

  /** One field with the same validation as creation; the master's group is told what changed. */
  edit(ref: OrderRef, field: EditableField, input: string, actor: Actor): Promise<OrderChange> {
    const fields = this.input.edited(field, input);
    if (!fields.ok) return Promise.resolve(fields);
    return this.change('edit', ref, actor, (order) => {
      if (!editableFields(order.status).includes(field)) {
        return failure('wrong_status', { reason: 'wrong_status', status: order.status });
      }
      const before = Object.fromEntries(
        Object.keys(fields.value).map((key) => [key, order[key as keyof Order]]),
      );
      return {
        fields: fields.value,
        details: { field, before, after: fields.value },
        notice: { field },
      };
    });
  }

  /** The client refused on site, or staff cancelled: the order is closed with the reason. */
  private refusal(reason: string): ChangePlan {
    return {
      fields: { refusalReason: reason, closedAt: this.clock.now() },
      reason,
      notice: { reason },
    };
  }

  /**
   * Would `action` be allowed now? For dialogs that ask questions before acting: the master
   * who may not complete an order is told at the button, not after typing the figures.
   */
  precheck(action: OrderAction, ref: OrderRef, actor: Actor): Promise<OrderChange> {
    return this.db.run(async (tx) => {
      const checked = await this.checkAllowed(tx, action, ref, actor);
      return checked.ok ? success(checked.value.order) : checked;
    });
  }

  /** The single path of every change to an existing order. */
  protected change(
    action: OrderAction,
    ref: OrderRef,
    actor: Actor,
    plan: Planner,
  ): Promise<OrderChange> {
    return this.db.run(async (tx) => {
      const checked = await this.checkAllowed(tx, action, ref, actor);
      if (!checked.ok) return checked;
      const { order, rights, decision } = checked.value;

      const planned = await plan(order, { tx, decision, actor: rights });
      if ('ok' in planned) return planned;

      const moved = await this.writes.move(tx, order, decision.to, planned.fields ?? {});
      if (!moved)
        return failure('already_changed', { reason: 'already_changed', orderId: order.id });

      await this.writes.record(tx, order, moved, {
        action,
        actor: rights,
        reason: planned.reason,
        details: planned.details,
        onBehalfOfMaster: decision.onBehalfOfMaster,
      });
      await this.notifier.notify(tx, {
        action,
        order: moved,
        previousMasterId: order.masterId,
        actor: rights,
        onBehalfOfMaster: decision.onBehalfOfMaster,
        details: planned.notice,
      });
      return success(moved);
    });
  }

  /** Order exists, the actor may act, the card was current, the status allows it. */
  private async checkAllowed(tx: EntityManager, action: OrderAction, ref: OrderRef, actor: Actor) {
    const order = await tx.findOne(Order, {
      where: { id: ref.id },
      withDeleted: action === 'undelete',
    });
    if (!order || (action === 'undelete' && !order.deletedAt)) {
      return failure('not_found', { reason: 'order_not_found', orderId: ref.id });
    }
    const rights = await this.users.rightsOf(tx, actor);
    const decision = decideTransition(action, order, rights);
    if (!decision.allowed && decision.reason !== 'wrong_status') {
      return failure(decision.reason, { reason: decision.reason });
    }
    if (ref.version !== undefined && ref.version !== order.version) {
      return failure('already_changed', { reason: 'already_changed', orderId: order.id });
    }
    if (!decision.allowed)
      return failure('wrong_status', { reason: 'wrong_status', status: order.status });
    return success({ order, rights, decision });
  }

  private async planAssignment(
    tx: EntityManager,
    masterId: number,
  ): Promise<ChangePlan | Failure<OrderReason>> {
    const master = await this.masters.assignable(tx, masterId);
    if (!master) return failure('invalid', { reason: 'master_not_available' });
    if (master.workChatId === null) return failure('invalid', { reason: 'master_has_no_group' });
    return { fields: { masterId }, details: { masterId } };
  }

  private withReason(
    input: string,
    work: (reason: string) => Promise<OrderChange>,
  ): Promise<OrderChange> {
    const reason = validateReason(input);
    return reason.ok ? work(reason.value) : Promise.resolve(failure('invalid', reason, 'reason'));
  }
}
