import { Injectable } from '@nestjs/common';
import { EntityManager, In, LessThanOrEqual } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { failure, Outcome, success } from '../common/outcome';
import { BusinessConfig } from '../config/business-config';
import { TransactionRunner } from '../database/transaction-runner';
import { Outbox } from '../notifications/outbox';
import {
  validateClientAddress,
  validateClientName,
  validateClientPhone,
  validateEquipmentType,
  validateNotes,
  validateProblem,
} from '../orders/order-fields';
import { activeDuplicateOf, OrderQueriesService } from '../orders/order-queries.service';
import type { OrderReason } from '../orders/order-reasons';
import type { Order } from '../orders/order.repository';
import { OrdersService } from '../orders/orders.service';
import { normalizePhone } from '../common/phone';
import type { Actor } from '../users/actor';
import { UsersService } from '../users/users.service';
import { DraftFields, IntakeDraft } from './intake-draft.entity';
import { IntakeGroup } from './intake-group.entity';
import { intakeNotes } from './intake-notes';
import { equipmentTypeOf } from './intake.parser';
import { draftFieldsOf, IntakeReader } from './intake.reader';

// Adapters name a draft's shape; only this module reads and writes the rows.
export type { IntakeDraft } from './intake-draft.entity';

/** A draft field a dispatcher can be asked for or can correct, in the card's order. */
export const DRAFT_FIELDS = [
  'equipmentType',
  'problem',
  'clientName',
  'clientAddress',
  'clientPhone',
  'arrivalText',
  'notes',
] as const satisfies readonly (keyof DraftFields)[];
export type DraftField = (typeof DRAFT_FIELDS)[number];

/** Without these an order cannot be created (docs/product.md §2.1). */
const REQUIRED: readonly DraftField[] = [
  'equipmentType',
  'problem',
  'clientName',
  'clientAddress',
  'clientPhone',
];

/** A message posted in an intake group. */
export interface IntakePost {
  chatId: number;
  messageId: number;
  text: string;
  /** A public supergroup's @username, for the link to the source message. */
  chatUsername?: string;
}

export type ConfirmResult =
  | { kind: 'created'; order: Order; draft: IntakeDraft }
  /** A field is missing or was refused by the order's validation: ask for it. */
  | { kind: 'needs'; field: DraftField; draft: IntakeDraft; problem: OrderReason | null };

/** Why an intake use case refuses, with what the wording needs. */
export type IntakeReason =
  | { reason: 'intake_not_a_group' }
  | { reason: 'intake_admins_only' }
  | { reason: 'intake_staff_only' }
  | { reason: 'draft_gone' }
  | { reason: 'draft_already_decided' }
  | { reason: 'draft_closed'; status: Exclude<IntakeDraft['status'], 'open'> };

/**
 * Order intake from a group (docs/product.md §11): posts become drafts, a dispatcher or admin
 * confirms (the order is created by the same use case as the creation dialog), corrects or
 * rejects them. Every step is audited. Over 300 lines because a draft's whole life is here —
 * bound groups, a post read, confirmed, corrected, rejected, expired, re-read when edited —
 * each a short use case over the same draft rules (`openDraftFor`, `validate`).
 */
@Injectable()
export class IntakeService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly orders: OrdersService,
    private readonly orderQueries: OrderQueriesService,
    private readonly business: BusinessConfig,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly reader: IntakeReader,
  ) {}

  /** An admin binds a group whose messages are read as orders; several may be bound. */
  bindGroup(
    chat: { id: number; title: string; type: string },
    actor: Actor,
  ): Promise<Outcome<IntakeGroup, IntakeReason>> {
    if (chat.type !== 'group' && chat.type !== 'supergroup') {
      return Promise.resolve(failure('invalid', { reason: 'intake_not_a_group' }));
    }
    return this.db.run(async (tx) => {
      const rights = await this.users.rightsOf(tx, actor);
      if (!rights.roles.has('ADMIN')) return failure('forbidden', { reason: 'intake_admins_only' });
      const group = await tx.save(
        tx.create(IntakeGroup, {
          chatId: chat.id,
          title: chat.title,
          boundByUserId: rights.userId,
        }),
      );
      await this.audit.record(tx, {
        actorUserId: rights.userId,
        action: 'intake.bind_group',
        entityType: 'intake_group',
        entityId: null,
        details: { chatId: chat.id, title: chat.title },
      });
      return success(group);
    });
  }

  listGroups(): Promise<IntakeGroup[]> {
    return this.db.run((tx) => tx.find(IntakeGroup, { order: { createdAt: 'ASC' } }));
  }

  isIntakeGroup(chatId: number): Promise<boolean> {
    return this.db.run((tx) => tx.existsBy(IntakeGroup, { chatId }));
  }

  /**
   * A message in an intake group: a draft when it reads as an order, else nothing. The same
   * message delivered again (Telegram redelivers after a crash) gets the draft it made.
   */
  async receive(post: IntakePost): Promise<IntakeDraft | null> {
    if (!(await this.isIntakeGroup(post.chatId))) return null;
    const parsed = this.reader.read(post.text);
    if (!parsed.isOrder) return null;
    return this.db.run(async (tx) => {
      const known = await tx.findOneBy(IntakeDraft, {
        chatId: post.chatId,
        sourceMessageId: post.messageId,
      });
      if (known) return known;
      const fields = draftFieldsOf(parsed.fields);
      const draft = await tx.save(
        tx.create(IntakeDraft, {
          chatId: post.chatId,
          sourceMessageId: post.messageId,
          sourceText: post.text,
          cardMessageId: null,
          status: 'open',
          fields: { ...fields, notes: withSourceLink(fields.notes, post) },
          duplicateOrderId: await this.duplicateOf(tx, fields),
          orderId: null,
          decidedByUserId: null,
          expiresAt: new Date(
            this.clock.now().getTime() + this.business.intake.draftTtlMinutes * 60_000,
          ),
        }),
      );
      await this.audit.record(tx, {
        actorUserId: null,
        action: 'intake.draft_created',
        entityType: 'intake_draft',
        entityId: draft.id,
        details: { chatId: post.chatId, messageId: post.messageId, missing: parsed.missing },
      });
      return draft;
    });
  }

  /** The bot's card for the draft was posted: edits and decisions update that message. */
  async cardPosted(draftId: number, messageId: number): Promise<void> {
    await this.db.run((tx) =>
      tx.update(IntakeDraft, { id: draftId }, { cardMessageId: messageId }),
    );
  }

  get(draftId: number): Promise<IntakeDraft | null> {
    return this.db.run((tx) => tx.findOneBy(IntakeDraft, { id: draftId }));
  }

  /**
   * «✅ Создать заявку»: the order is created by the dialog's use case with the pressing
   * dispatcher as the actor, or the first missing or refused field is asked for. Pressed
   * twice (or by two people), it creates one order: the draft is the order's creation key.
   */
  async confirm(
    draftId: number,
    actor: Actor,
  ): Promise<Outcome<ConfirmResult, IntakeReason | OrderReason>> {
    const draft = await this.openDraftFor(draftId, actor, { allowCreated: true });
    if (!draft.ok) return draft;
    const current = draft.value;
    if (current.status === 'created' && current.orderId !== null) {
      const order = await this.orderQueries.findCard(current.orderId);
      if (order) return success({ kind: 'created', order, draft: current });
    }
    const missing = REQUIRED.find((field) => !current.fields[field]);
    if (missing) return success({ kind: 'needs', field: missing, draft: current, problem: null });

    const f = current.fields;
    const created = await this.orders.create(
      {
        equipmentType: f.equipmentType!,
        problem: f.problem!,
        clientName: f.clientName!,
        clientAddress: f.clientAddress!,
        clientPhone: f.clientPhone!,
        notes: f.notes,
        arrivalText: f.arrivalText,
        creationKey: `intake:${current.id}`,
      },
      actor,
    );
    if (!created.ok) {
      const field = fieldOfProblem(created.field);
      if (created.code === 'invalid' && field) {
        return success({ kind: 'needs', field, draft: current, problem: created });
      }
      return created;
    }
    const order = created.value;
    const decided = await this.db.run(async (tx) => {
      const rights = await this.users.rightsOf(tx, actor);
      await tx.update(
        IntakeDraft,
        { id: current.id, status: In(['open', 'created']) },
        { status: 'created', orderId: order.id, decidedByUserId: rights.userId },
      );
      await this.audit.record(tx, {
        actorUserId: rights.userId,
        action: 'intake.draft_confirmed',
        entityType: 'intake_draft',
        entityId: current.id,
        details: { orderId: order.id },
      });
      await this.audit.record(tx, {
        actorUserId: rights.userId,
        action: 'order.from_intake',
        entityType: 'order',
        entityId: order.id,
        details: {
          draftId: current.id,
          chatId: current.chatId,
          messageId: current.sourceMessageId,
        },
      });
      return tx.findOneByOrFail(IntakeDraft, { id: current.id });
    });
    return success({ kind: 'created', order, draft: decided });
  }

  /** «❌ Отклонить»: the post was not an order, or not one to take. */
  async reject(draftId: number, actor: Actor): Promise<Outcome<IntakeDraft, IntakeReason>> {
    const draft = await this.openDraftFor(draftId, actor);
    if (!draft.ok) return draft;
    return this.db.run(async (tx) => {
      const rights = await this.users.rightsOf(tx, actor);
      const moved = await tx.update(
        IntakeDraft,
        { id: draftId, status: 'open' },
        { status: 'rejected', decidedByUserId: rights.userId },
      );
      if (!moved.affected) return failure('already_changed', { reason: 'draft_already_decided' });
      await this.audit.record(tx, {
        actorUserId: rights.userId,
        action: 'intake.draft_rejected',
        entityType: 'intake_draft',
        entityId: draftId,
      });
      return success(await tx.findOneByOrFail(IntakeDraft, { id: draftId }));
    });
  }

  /**
   * A field typed by a dispatcher (missing, or «✏️ Исправить поле»), with the validation of
   * the creation dialog. An equipment type may also be written as one of its intake aliases.
   */
  async setField(
    draftId: number,
    field: DraftField,
    input: string,
    actor: Actor,
  ): Promise<Outcome<IntakeDraft, IntakeReason | OrderReason>> {
    const draft = await this.openDraftFor(draftId, actor);
    if (!draft.ok) return draft;
    const checked = this.validate(field, input);
    if (!checked.ok) return failure('invalid', checked, field);
    return this.db.run(async (tx) => {
      const rights = await this.users.rightsOf(tx, actor);
      const current = await tx.findOneByOrFail(IntakeDraft, { id: draftId });
      if (current.status !== 'open')
        return failure('already_changed', { reason: 'draft_already_decided' });
      const fields = { ...current.fields, [field]: checked.value };
      await tx.update(
        IntakeDraft,
        { id: draftId, status: 'open' },
        { fields, duplicateOrderId: await this.duplicateOf(tx, fields) },
      );
      await this.audit.record(tx, {
        actorUserId: rights.userId,
        action: 'intake.draft_edited',
        entityType: 'intake_draft',
        entityId: draftId,
        details: { field },
      });
      return success(await tx.findOneByOrFail(IntakeDraft, { id: draftId }));
    });
  }

  /** Drafts past their time, marked expired, for the notice in their group. */
  async expireDue(now: Date): Promise<IntakeDraft[]> {
    return this.db.run(async (tx) => {
      const due = await tx.find(IntakeDraft, {
        where: { status: 'open', expiresAt: LessThanOrEqual(now) },
        order: { id: 'ASC' },
        take: 100,
      });
      const expired: IntakeDraft[] = [];
      for (const draft of due) {
        const moved = await tx.update(
          IntakeDraft,
          { id: draft.id, status: 'open' },
          {
            status: 'expired',
          },
        );
        if (!moved.affected) continue;
        await this.outbox.enqueue(tx, [
          {
            chatId: draft.chatId,
            kind: 'intake_draft_expired',
            payload: { draftId: draft.id },
            dedupKey: `intake_draft_expired:${draft.id}`,
          },
        ]);
        await this.audit.record(tx, {
          actorUserId: null,
          action: 'intake.draft_expired',
          entityType: 'intake_draft',
          entityId: draft.id,
        });
        expired.push({ ...draft, status: 'expired' });
      }
      return expired;
    });
  }

  /**
   * The source message was edited: its draft, while nobody has decided on it, is read again
   * (fields a dispatcher typed in the meantime are replaced by what the post now says).
   */
  async sourceEdited(post: IntakePost): Promise<IntakeDraft | null> {
    const parsed = this.reader.read(post.text);
    return this.db.run(async (tx) => {
      const draft = await tx.findOneBy(IntakeDraft, {
        chatId: post.chatId,
        sourceMessageId: post.messageId,
      });
      if (!draft || draft.status !== 'open' || !parsed.isOrder) return null;
      const fields = draftFieldsOf(parsed.fields);
      const updated = { ...fields, notes: withSourceLink(fields.notes, post) };
      await tx.update(
        IntakeDraft,
        { id: draft.id, status: 'open' },
        {
          sourceText: post.text,
          fields: updated,
          duplicateOrderId: await this.duplicateOf(tx, fields),
        },
      );
      await this.audit.record(tx, {
        actorUserId: null,
        action: 'intake.draft_reparsed',
        entityType: 'intake_draft',
        entityId: draft.id,
      });
      return tx.findOneByOrFail(IntakeDraft, { id: draft.id });
    });
  }

  /** The draft, if the actor is staff and the draft is still open (or created, when allowed). */
  private async openDraftFor(
    draftId: number,
    actor: Actor,
    { allowCreated = false } = {},
  ): Promise<Outcome<IntakeDraft, IntakeReason>> {
    return this.db.run(async (tx) => {
      const rights = await this.users.rightsOf(tx, actor);
      if (!rights.roles.has('ADMIN') && !rights.roles.has('DISPATCHER')) {
        return failure('forbidden', { reason: 'intake_staff_only' });
      }
      const draft = await tx.findOneBy(IntakeDraft, { id: draftId });
      if (!draft) return failure('not_found', { reason: 'draft_gone' });
      if (draft.status === 'open' || (allowCreated && draft.status === 'created')) {
        return success(draft);
      }
      return failure('wrong_status', { reason: 'draft_closed', status: draft.status });
    });
  }

  private validate(
    field: DraftField,
    input: string,
  ): { ok: true; value: string | null } | ({ ok: false } & OrderReason) {
    switch (field) {
      case 'equipmentType': {
        const exact = validateEquipmentType(input, this.business.equipmentTypes);
        if (exact.ok) return exact;
        const alias = equipmentTypeOf(input, this.business.intake.equipmentAliases);
        return alias ? { ok: true, value: alias } : exact;
      }
      case 'problem':
        return validateProblem(input);
      case 'clientName':
        return validateClientName(input);
      case 'clientAddress':
        return validateClientAddress(input);
      case 'clientPhone':
        return validateClientPhone(input);
      case 'notes':
        return validateNotes(input);
      case 'arrivalText': {
        const arrival = this.orders.arrivalOf(input);
        return arrival.ok ? { ok: true, value: arrival.value.arrivalText } : arrival;
      }
    }
  }

  /** An active order with the same normalized phone and the same address. */
  private async duplicateOf(tx: EntityManager, fields: DraftFields): Promise<number | null> {
    const phone = fields.clientPhone && normalizePhone(fields.clientPhone);
    if (!phone || !fields.clientAddress) return null;
    return activeDuplicateOf(tx, phone, fields.clientAddress);
  }
}

// The order's notes say where it came from; the audit row carries the chat and message ids.
function withSourceLink(notes: string | null, post: IntakePost): string {
  const link = sourceLinkOf(post);
  return [notes, intakeNotes.sourceNote(link)].filter(Boolean).join('\n');
}

/** t.me link to a supergroup's message; a basic group's messages have none. */
export function sourceLinkOf(post: Pick<IntakePost, 'chatId' | 'messageId' | 'chatUsername'>) {
  if (post.chatUsername) return `https://t.me/${post.chatUsername}/${post.messageId}`;
  const id = String(post.chatId);
  return id.startsWith('-100')
    ? `https://t.me/c/${id.slice(4)}/${post.messageId}`
    : intakeNotes.messageInGroup(post.messageId);
}

function fieldOfProblem(field: string | undefined): DraftField | null {
  if (field === 'arrival') return 'arrivalText';
  return (DRAFT_FIELDS as readonly string[]).includes(field ?? '') ? (field as DraftField) : null;
}
