import { DRAFT_FIELDS } from '../intake/intake.service';
import { ORDER_STATUSES } from '../orders/order-status';
import { editableFields } from '../orders/orders.service';
import { PERIOD_PRESETS } from '../reports/report-period';
import { button, count, flag, id, indexOf, oneOf, orderButton, page } from './callback-data';

/** The order card's buttons for the master (or an admin on the master's behalf). */
export const MASTER_ACTIONS = [
  'accept',
  'onsite',
  'backonsite',
  'mcancel',
  'resched',
  'complete',
  'dr',
  'crefused',
] as const;
export type MasterAction = (typeof MASTER_ACTIONS)[number];

/** The fields «✏️ Исправить поле» offers in the create dialog, in the summary's order. */
export const FIXABLE_STEPS = [
  'type',
  'problem',
  'address',
  'name',
  'phone',
  'notes',
  'arrival',
] as const;

const REPORT_KINDS = ['sum', 'ms'] as const;

/**
 * Every inline button the bot sends, declared once: keyboards build their data with
 * `buttons.<name>.build(…)`, handlers match `@Action(buttons.<name>.pattern)` and read it with
 * `buttons.<name>.parse(ctx)`. Data already in chats must keep parsing: change a button's
 * shape only with a new name.
 */
export const buttons = {
  // An order's card (work group, the master's card, the staff card): `o:<action>:<id>[:<v>]`.
  masterAction: orderButton(MASTER_ACTIONS),
  orderCard: orderButton(['card']),
  assignPicker: orderButton(['assign', 'reassign']),
  directAction: orderButton(['unassign', 'waiting', 'restore']),
  orderDialog: orderButton(['cancel', 'edit']),

  // «📋 Все заявки»
  listMenu: button('l:menu'),
  listFilter: button('l:f', { status: oneOf(ORDER_STATUSES), page }),

  // The master picker: `pick` assigns a NEW order, `repick` reassigns.
  pickMaster: button('m', {
    pick: oneOf(['pick', 'repick']),
    masterId: id,
    orderId: id,
    version: count,
  }),
  pickerPage: button('m:page', {
    pick: oneOf(['pick', 'repick']),
    orderId: id,
    version: count,
    page,
  }),
  masterWithoutGroup: button('m:nogroup'),

  // «👥 Мастера» for admins. A toggle carries the state it asks for, so pressing a stale
  // card twice does not flip the master back.
  mastersList: button('am:list'),
  mastersPage: button('am:p', { page }),
  addMaster: button('am:add'),
  masterCard: button('am:card', { masterId: id }),
  masterGroup: button('am:group', { masterId: id }),
  masterToggle: button('am', {
    setting: oneOf(['senior', 'active']),
    masterId: id,
    on: flag,
  }),
  masterStats: button('am:stats', { masterId: id }),
  masterDialog: button('am', { dialog: oneOf(['spec', 'fire']), masterId: id }),

  // The master's own «📋 Мои заявки» (`o:card` is the staff card).
  myOrders: button('mo:list'),
  myOrdersPage: button('mo:p', { page }),
  myOrderCard: button('mo:card', { orderId: id }),

  // /admin
  confirmDelete: button('ad:del', { orderId: id, version: count }),
  keepOrder: button('ad:keep'),
  usersPage: button('ad:users', { page }),
  outboxPage: button('ad:outbox', { page }),

  // A draft card in the intake group.
  createFromDraft: button('in:ok', { draftId: id }),
  rejectDraft: button('in:no', { draftId: id }),
  draftFieldPicker: button('in', { show: oneOf(['fix', 'back']), draftId: id }),
  fixDraftField: button('in:f', { draftId: id, field: indexOf(DRAFT_FIELDS) }),

  // «📊 Отчеты»
  activeReport: button('rp:active'),
  reportPeriods: button('rp:periods', {
    kind: oneOf(REPORT_KINDS),
    report: oneOf(['daily', 'weekly', 'monthly', 'masters']),
  }),
  report: button('rp', { kind: oneOf(REPORT_KINDS), preset: oneOf(PERIOD_PRESETS) }),
  pickReportPeriod: button('rp:pick', { kind: oneOf(REPORT_KINDS) }),

  // Search results' ◀️/▶️.
  searchPage: button('sr:p', { page }),

  // Dialog answers: `d:<choice>`, and the create and edit dialogs' own buttons.
  choice: button('d', { choice: oneOf(['yes', 'no', 'confirm', 'skip', 'cancel']) }),
  equipmentType: button('ct:type', { index: count }),
  useKnownClient: button('ct:useclient'),
  keepTypedClient: button('ct:keep'),
  createDuplicate: button('ct:dup'),
  fixField: button('ct:fix'),
  // «◀️ Назад» is `ct:f:confirm`: back to the summary.
  pickFixField: button('ct:f', { step: oneOf([...FIXABLE_STEPS, 'confirm']) }),
  // Every field a DR order offers; other orders offer fewer.
  editField: button('ef', { field: oneOf(editableFields('DR')) }),
};
