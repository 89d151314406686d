import type { DraftField } from '../../intake/intake.service';
import type { OrderStatus } from '../../orders/order-status';
import type { MoneyView } from '../../texts/ru/admin';
import type { BotContext } from '../bot-context';
import type { AddMasterState } from './add-master.scene';
import type { CompleteState } from './complete-order.scene';
import type { Draft } from './create-order.scene';
import type { EditState } from './edit-order.scene';
import type { LongRepairState } from './long-repair.scene';
import type { PastedOrder } from './order-paste';
import type { RescheduleState } from './reschedule.scene';

/** What a dialog is entered with, and the answers it collects (the engine adds its step). */
interface Dialog<Start, Progress = unknown> {
  start: Start;
  progress: Progress;
}

/** A dialog about one order: the version its card showed goes with every use case it runs. */
interface OrderDialog {
  orderId: number;
  version: number;
}

interface MasterDialog {
  masterId: number;
}

/**
 * Every dialog by its scene id (the state is persisted with the session). `enterScene` with a
 * wrong start state does not compile.
 */
export interface Dialogs {
  'create-order': Dialog<{ paste?: PastedOrder }, Draft>;
  'search-orders': Dialog<Record<never, never>, { query?: string }>;
  /** The order's status when the dialog began: which fields to offer. */
  'edit-order': Dialog<OrderDialog & { status: OrderStatus }, EditState>;
  'cancel-order': Dialog<OrderDialog>;
  'master-cancel': Dialog<OrderDialog>;
  'client-refused': Dialog<OrderDialog>;
  reschedule: Dialog<OrderDialog, RescheduleState>;
  'long-repair': Dialog<OrderDialog, LongRepairState>;
  'complete-order': Dialog<OrderDialog, CompleteState>;
  /** `/admin edit_closed`: the money as it was, to show old and new. */
  'edit-closed': Dialog<OrderDialog & { before: MoneyView }, MoneyAnswers>;
  'add-master': Dialog<Record<never, never>, AddMasterState>;
  'edit-specialization': Dialog<MasterDialog, { name?: string }>;
  'fire-master': Dialog<MasterDialog, { name?: string }>;
  'report-period': Dialog<{ report: 'sum' | 'ms' }>;
  'intake-field': Dialog<{
    draftId: number;
    field: DraftField;
    /** Asked because «✅ Создать заявку» needed it: create once it is given. */
    thenCreate: boolean;
    message?: string | null;
  }>;
}
export type SceneId = keyof Dialogs;
export type SceneState<K extends SceneId> = Dialogs[K]['start'] & Dialogs[K]['progress'];

/** `/admin edit_closed`: the corrected money, asked like «💰 Завершить» asks it. */
interface MoneyAnswers {
  total?: number;
  materials?: number;
  review?: boolean;
  outOfCity?: boolean;
}

export function enterScene<K extends SceneId>(
  ctx: BotContext,
  id: K,
  ...[state]: keyof Dialogs[K]['start'] extends never ? [] : [Dialogs[K]['start']]
) {
  return ctx.scene.enter(id, state);
}

/**
 * The current dialog's state, typed by the dialog `_scene` a handler belongs to (a scene's
 * handlers run only while it is the current one).
 */
export function sceneState<K extends SceneId>(ctx: BotContext, _scene: K): SceneState<K> {
  return ctx.scene.state as SceneState<K>;
}
