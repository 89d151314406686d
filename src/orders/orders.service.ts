import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EntityManager, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { failure, Outcome, success } from '../common/outcome';
import { BusinessConfig } from '../config/business-config';
import type { Environment } from '../config/environment';
import { TransactionRunner } from '../database/transaction-runner';
import { orderTexts } from '../texts/ru/orders';
import type { Actor, ActorWithRights } from '../users/actor';
import { Master } from '../users/master.entity';
import { UsersService } from '../users/users.service';
import { parseArrivalTime } from './arrival-time.parser';
import {
  NewOrderDraft,
  validateArrivalText,
  validateClientAddress,
  validateClientName,
  validateClientPhone,
  validateEquipmentType,
  validateNewOrder,
  validateNotes,
  validateProblem,
  validateReason,
} from './order-fields';
import { parseLongRepairDate } from './long-repair-date';
import { assertKopecks, InvalidMoneyError, MAX_AMOUNT_KOPECKS, parseOptionalRubles } from './money';
import { searchAddressOf } from './order-search.service';
import { OrderNotifier } from './order-notifier';
import { decideTransition, OrderAction, TransitionDecision } from './order-state-machine';
import type { OrderStatus } from './order-status';
import { OrderStatusHistory } from './order-status-history.entity';
import { Order } from './order.entity';
import { splitProfit } from './profit-split';

/** The order a button or command points at; `version` is what the user saw, if known. */
export interface OrderRef {
  id: number;
  version?: number;
}

export type OrderChange = Outcome<Order>;

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
) => Promise<ChangePlan | Outcome<never>> | ChangePlan | Outcome<never>;

export interface NewOrderInput extends NewOrderDraft {
  /** As the dispatcher typed it: a time (§2.4) or a free-text instruction; empty to skip. */
  arrivalText?: string | null;
  /**
   * The dialog's draft id: the same key creates one order however often it is confirmed
   * (a confirm redelivered after a crash gets the order it already made).
   */
  creationKey?: string;
}

const ORDER_EDIT_FIELDS = [
  'equipmentType',
  'problem',
  'clientAddress',
  'clientName',
  'clientPhone',
  'notes',
  'arrival',
] as const;
/** A long repair's own data, editable while the order is in DR. */
const LONG_REPAIR_EDIT_FIELDS = ['drExpectedDate', 'drPrepayment'] as const;
type LongRepairField = (typeof LONG_REPAIR_EDIT_FIELDS)[number];

/** The fields «✏️ Редактировать» offers (docs/product.md §3.4). */
export type EditableField = (typeof ORDER_EDIT_FIELDS)[number] | LongRepairField;

/** docs/product.md §3.4: every order's fields, and for DR orders the completion date and prepayment. */
export function editableFields(status: OrderStatus | undefined): EditableField[] {
  return status === 'DR'
    ? [...ORDER_EDIT_FIELDS, ...LONG_REPAIR_EDIT_FIELDS]
    : [...ORDER_EDIT_FIELDS];
}

const isLongRepairField = (field: EditableField): field is LongRepairField =>
  (LONG_REPAIR_EDIT_FIELDS as readonly string[]).includes(field);

export interface MoneyFigures {
  totalKopecks: number;
  materialsKopecks: number;
  reviewTaken: boolean;
  outOfCity: boolean;
}

/**
 * The order use cases. Each one runs in one transaction: re-read the actor's rights, ask the
 * state machine, apply a conditional update (`WHERE status AND version`), then write the
 * history row, the audit row and the notifications it causes.
 */
@Injectable()
export class OrdersService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly notifier: OrderNotifier,
    private readonly business: BusinessConfig,
    private readonly config: ConfigService<Environment, true>,
    private readonly clock: Clock,
  ) {}

  /** A dispatcher or admin creates an order (docs/product.md §3.1); every other staff member is told. */
  async create(input: NewOrderInput, actor: Actor): Promise<OrderChange> {
    const validated = validateNewOrder(input, this.business.equipmentTypes);
    if (!validated.ok) {
      const [first] = validated.problems;
      return failure('invalid', validated.problems.map((p) => p.message).join('\n'), first.field);
    }
    const arrival = this.arrivalOf(input.arrivalText);
    if (!arrival.ok) return arrival;

    return this.db.run(async (tx) => {
      const rights = await this.users.rightsOf(tx, actor);
      if (!rights.roles.has('ADMIN') && !rights.roles.has('DISPATCHER')) {
        return failure('forbidden', orderTexts.forbidden);
      }
      const creationKey = input.creationKey ?? null;
      if (creationKey) {
        const made = await tx.findOne(Order, { where: { creationKey }, withDeleted: true });
        if (made) return success(made);
      }
      const order = await tx.save(
        tx.create(Order, {
          ...validated.value,
          ...arrival.value,
          creationKey,
          searchAddress: searchAddressOf(validated.value.clientAddress),
          status: 'NEW',
          dispatcherId: rights.userId,
        }),
      );
      await tx.insert(OrderStatusHistory, {
        orderId: order.id,
        action: 'create',
        fromStatus: null,
        toStatus: 'NEW',
        actorUserId: rights.userId,
        masterId: null,
        reason: null,
      });
      await this.audit.record(tx, {
        actorUserId: rights.userId,
        action: 'order.create',
        entityType: 'order',
        entityId: order.id,
      });
      await this.notifier.notify(tx, { action: 'create', order, actor: rights });
      return success(order);
    });
  }

  /** Parses what was typed; an instruction is kept verbatim without a time. */
  arrivalOf(
    text: string | null | undefined,
  ): Outcome<Pick<Order, 'arrivalText' | 'arrivalFrom' | 'arrivalTo'>> {
    const checked = validateArrivalText(text ?? '');
    if (!checked.ok) return failure('invalid', checked.message, 'arrival');
    const typed = checked.value;
    if (!typed) return success({ arrivalText: null, arrivalFrom: null, arrivalTo: null });
    const parsed = parseArrivalTime(
      typed,
      this.clock.now(),
      this.config.get('TZ', { infer: true }),
    );
    if (parsed.kind === 'invalid') return failure('invalid', parsed.message, 'arrival');
    if (parsed.kind === 'instruction') {
      return success({ arrivalText: parsed.text, arrivalFrom: null, arrivalTo: null });
    }
    return success({ arrivalText: typed, arrivalFrom: parsed.from, arrivalTo: parsed.to });
  }

  assign(ref: OrderRef, masterId: number, actor: Actor): Promise<OrderChange> {
    return this.change('assign', ref, actor, (_order, { tx }) => this.planAssignment(tx, masterId));
  }

  reassign(ref: OrderRef, masterId: number, actor: Actor): Promise<OrderChange> {
    return this.change('reassign', ref, actor, (order, { tx }) =>
      order.masterId === masterId
        ? failure('invalid', orderTexts.sameMaster)
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
    const arrival = this.arrivalOf(arrivalInput);
    if (!arrival.ok) return Promise.resolve(arrival);
    if (!arrival.value.arrivalFrom) {
      return Promise.resolve(failure('invalid', orderTexts.rescheduleNeedsTime, 'arrival'));
    }
    const reason = reasonInput?.trim() ? validateReason(reasonInput) : null;
    if (reason && !reason.ok) return Promise.resolve(failure('invalid', reason.message, 'reason'));
    const why = reason?.value ?? null;
    return this.change('reschedule', ref, actor, (order) => ({
      fields: {
        ...arrival.value,
        rescheduleCount: order.rescheduleCount + 1,
        rescheduledAt: this.clock.now(),
        rescheduleReason: why,
      },
      reason: why,
      details: { from: order.arrivalText, to: arrival.value.arrivalText },
      notice: { arrivalText: arrival.value.arrivalText, reason: why },
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
    const date = this.longRepairDate(repair.expectedDate);
    if (!date.ok) return Promise.resolve(failure('invalid', date.message, 'expectedDate'));
    const prepaymentKopecks = repair.prepaymentKopecks ?? null;
    for (const [field, kopecks] of [
      ['preliminary', repair.preliminaryKopecks],
      ['prepayment', prepaymentKopecks],
    ] as const) {
      if (kopecks !== null && !isAmount(kopecks)) {
        return Promise.resolve(failure('invalid', orderTexts.badAmount, field));
      }
    }
    const details = {
      expectedDate: date.isoDate,
      parts: repair.parts?.trim() || null,
      preliminaryKopecks: repair.preliminaryKopecks,
      prepaymentKopecks,
    };
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
    return this.change('complete', ref, actor, async (order, { tx }) => {
      const split = await this.split(tx, order, money);
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
    return this.change('correct_money', ref, actor, async (order, { tx }) => {
      const split = await this.split(tx, order, money);
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
    const fields = this.editedFields(field, input);
    if (!fields.ok) return Promise.resolve(fields);
    return this.change('edit', ref, actor, (order) => {
      if (!editableFields(order.status).includes(field)) {
        return failure('wrong_status', orderTexts.wrongStatus(order.status));
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

  private editedFields(field: EditableField, input: string): Outcome<Partial<Order>> {
    if (field === 'arrival') return this.arrivalOf(input === '-' ? null : input);
    if (isLongRepairField(field)) return this.editedLongRepair(field, input);
    const validators = {
      equipmentType: (value: string) => validateEquipmentType(value, this.business.equipmentTypes),
      problem: validateProblem,
      clientAddress: validateClientAddress,
      clientName: validateClientName,
      clientPhone: validateClientPhone,
      notes: validateNotes,
    };
    const result = validators[field](input);
    if (!result.ok) return failure('invalid', result.message, field);
    const value = result.value;
    return success(
      field === 'clientAddress'
        ? { clientAddress: value as string, searchAddress: searchAddressOf(value as string) }
        : { [field]: value },
    );
  }

  /** The same checks as `longRepair`: a date from tomorrow to +180 days; an optional amount. */
  private editedLongRepair(field: LongRepairField, input: string): Outcome<Partial<Order>> {
    if (field === 'drExpectedDate') {
      const date = this.longRepairDate(input);
      return date.ok
        ? success({ drExpectedDate: date.isoDate })
        : failure('invalid', date.message, field);
    }
    const amount = parseOptionalRubles(input);
    if (!amount.ok) return failure('invalid', amount.message, field);
    return success({ drPrepaymentKopecks: amount.kopecks });
  }

  /** The client refused on site, or staff cancelled: the order is closed with the reason. */
  private refusal(reason: string): ChangePlan {
    return {
      fields: { refusalReason: reason, closedAt: this.clock.now() },
      reason,
      notice: { reason },
    };
  }

  private longRepairDate(input: string) {
    return parseLongRepairDate(input, this.clock.now(), this.config.get('TZ', { infer: true }));
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

      const moved = await this.moveStatus(tx, order, decision.to, planned.fields ?? {});
      if (!moved) return failure('already_changed', orderTexts.alreadyChanged(order.id));

      await this.record(tx, action, order, moved, rights, planned, decision.onBehalfOfMaster);
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
      return failure<never>('not_found', orderTexts.notFound(ref.id));
    }
    const rights = await this.users.rightsOf(tx, actor);
    const decision = decideTransition(action, order, rights);
    if (!decision.allowed && decision.reason !== 'wrong_status') {
      const message =
        decision.reason === 'forbidden' ? orderTexts.forbidden : orderTexts.notYourOrder;
      return failure<never>(decision.reason, message);
    }
    if (ref.version !== undefined && ref.version !== order.version) {
      return failure<never>('already_changed', orderTexts.alreadyChanged(order.id));
    }
    if (!decision.allowed)
      return failure<never>('wrong_status', orderTexts.wrongStatus(order.status));
    return success({ order, rights, decision });
  }

  /** The conditional update: zero rows means somebody else changed the order first. */
  private async moveStatus(
    tx: EntityManager,
    order: Order,
    to: Order['status'],
    fields: Partial<Order>,
  ): Promise<Order | null> {
    const result = await tx
      .createQueryBuilder()
      .update(Order)
      .set({ ...fields, status: to, version: () => 'version + 1' })
      .where('id = :id AND status = :status AND version = :version', {
        id: order.id,
        status: order.status,
        version: order.version,
      })
      .execute();
    if (!result.affected) return null;
    return tx.findOneOrFail(Order, { where: { id: order.id }, withDeleted: true });
  }

  private async record(
    tx: EntityManager,
    action: OrderAction,
    before: Order,
    after: Order,
    actor: ActorWithRights,
    plan: ChangePlan,
    onBehalfOfMaster: boolean,
  ) {
    await tx.insert(OrderStatusHistory, {
      orderId: after.id,
      action,
      fromStatus: before.status,
      toStatus: after.status,
      actorUserId: actor.userId,
      // The master the order belonged to when it happened: a cancellation counts against them.
      masterId: before.masterId ?? after.masterId,
      reason: plan.reason ?? null,
    });
    await this.audit.record(tx, {
      actorUserId: actor.userId,
      action: `order.${action}`,
      entityType: 'order',
      entityId: after.id,
      details: {
        from: before.status,
        to: after.status,
        ...(onBehalfOfMaster ? { onBehalfOfMasterId: before.masterId } : {}),
        ...(before.masterId !== after.masterId
          ? { masterFrom: before.masterId, masterTo: after.masterId }
          : {}),
        ...(plan.reason ? { reason: plan.reason } : {}),
        ...(plan.details ?? {}),
      },
    });
  }

  private async planAssignment(
    tx: EntityManager,
    masterId: number,
  ): Promise<ChangePlan | Outcome<never>> {
    const master = await tx.findOneBy(Master, { id: masterId, isActive: true, firedAt: IsNull() });
    if (!master) return failure('invalid', orderTexts.masterNotAvailable);
    if (master.workChatId === null) return failure('invalid', orderTexts.masterHasNoGroup);
    return { fields: { masterId }, details: { masterId } };
  }

  private withReason(
    input: string,
    work: (reason: string) => Promise<OrderChange>,
  ): Promise<OrderChange> {
    const reason = validateReason(input);
    return reason.ok
      ? work(reason.value)
      : Promise.resolve(failure('invalid', reason.message, 'reason'));
  }

  private async split(tx: EntityManager, order: Order, money: MoneyFigures) {
    if (!isAmount(money.totalKopecks) || !isAmount(money.materialsKopecks)) {
      return failure<never>('invalid', orderTexts.badAmount, 'total');
    }
    if (money.materialsKopecks > money.totalKopecks) {
      return failure<never>('invalid', orderTexts.materialsOverTotal, 'materials');
    }
    const master = order.masterId ? await tx.findOneBy(Master, { id: order.masterId }) : null;
    const masterRights = master
      ? await this.users.rightsOf(tx, { userId: master.userId, telegramId: 0, name: '' })
      : null;
    const split = splitProfit(
      {
        totalKopecks: money.totalKopecks,
        materialsKopecks: money.materialsKopecks,
        equipmentType: order.equipmentType,
        seniorOrAdmin: Boolean(master?.isSenior || masterRights?.roles.has('ADMIN')),
        outOfCity: money.outOfCity,
        reviewTaken: money.reviewTaken,
        reviewBonusEnabled: this.config.get('REVIEW_BONUS_ENABLED', { infer: true }),
      },
      this.business.profit,
    );
    return success({
      totalKopecks: money.totalKopecks,
      materialsKopecks: money.materialsKopecks,
      netKopecks: split.netKopecks,
      masterShareKopecks: split.masterShareKopecks,
      companyShareKopecks: split.companyShareKopecks,
      reviewTaken: money.reviewTaken,
      outOfCity: money.outOfCity,
    });
  }
}

/** Whole kopecks, not negative, within the amount limit: the last guard before money is stored. */
function isAmount(kopecks: number): boolean {
  try {
    assertKopecks(kopecks, 'amount');
  } catch (error) {
    if (error instanceof InvalidMoneyError) return false;
    throw error;
  }
  return kopecks >= 0 && kopecks <= MAX_AMOUNT_KOPECKS;
}
