// Every event the outbox carries, by `kind`, with the payload stored for it. The strings and
// the JSON shapes are what rows in the database hold: rows queued by older code keep working,
// so a payload only ever gains optional fields. Producers queue data; each channel words it.

/** Any change of an order: who did it, on which version; what the use case told about it. */
export interface OrderEventPayload {
  orderId: number;
  /** The order's status after the change (an `OrderStatus`). */
  status: string;
  version: number;
  actorName: string;
  /** An admin acted for the assigned master (docs/product.md §5.3). */
  onBehalfOfMaster: boolean;
}

type WithReason = OrderEventPayload & { reason?: string | null };

type RescheduledPayload = WithReason & { arrivalText?: string | null };

type LongRepairPayload = OrderEventPayload & {
  /** ISO date (`2026-03-01`). */
  expectedDate?: string | null;
  parts?: string | null;
  preliminaryKopecks?: number | null;
  prepaymentKopecks?: number | null;
};

export type CompletedPayload = OrderEventPayload & {
  totalKopecks?: number;
  materialsKopecks?: number;
  netKopecks?: number;
  masterShareKopecks?: number;
  companyShareKopecks?: number;
  reviewTaken?: boolean;
  outOfCity?: boolean;
};

type ClientWaitingPayload = OrderEventPayload & { clientPhone?: string };

type EditedPayload = OrderEventPayload & { field?: string };

/** `reminder.unassigned`, `reminder.unaccepted`: one order of the list, waiting since. */
export interface ReminderOrderLine {
  orderId: number;
  equipmentType: string;
  clientAddress: string;
  minutes: number;
}

/**
 * The orders reminded of in this run, and in the morning the ones still waiting after the
 * last reminder (the digest).
 */
export interface WaitingReminderPayload {
  orders: ReminderOrderLine[];
  stillWaiting: ReminderOrderLine[];
  /** A list too long for one message goes out in parts: this one's place, the whole list's counts. */
  part?: { index: number; count: number; orders: number; stillWaiting: number };
}

/** What to do about an order late in its status. */
export type SlaHint = 'assign_master' | 'call_master' | 'ask_arrival' | 'ask_outcome';

interface SlaReminderPayload {
  orderId: number;
  /** An `OrderStatus` the SLA watch covers. */
  status: string;
  minutes: number;
  limitMinutes: number;
  /** Rows queued before hints were codes carry the advice's text itself. */
  hint: SlaHint;
}

interface VisitReminderPayload {
  orderId: number;
  equipmentType: string;
  clientAddress: string;
  /** `dd.LL HH:mm` in the business time zone. */
  arrival: string;
  minutesLeft: number;
}

interface MasterPayload {
  masterId: number;
  name: string;
}

/** Events that go to people: to a chat of the `telegram` channel. */
export interface NoticeEvents {
  order_created: OrderEventPayload;
  order_accept: OrderEventPayload;
  order_on_site: OrderEventPayload;
  order_reschedule: RescheduledPayload;
  order_long_repair: LongRepairPayload;
  order_master_cancel: WithReason;
  order_client_refused: WithReason;
  order_complete: CompletedPayload;
  order_restore: OrderEventPayload;
  /** To the master privately… */
  order_client_waiting: ClientWaitingPayload;
  /** …and to the work group. */
  client_waiting: ClientWaitingPayload;
  order_cancelled: WithReason;
  order_edited: EditedPayload;
  acted_on_behalf: OrderEventPayload;
  /** The work-group card: posted, edited in place, withdrawn (docs/product.md §4.1). */
  group_card_post: OrderEventPayload;
  group_card_update: OrderEventPayload;
  group_card_withdraw: OrderEventPayload;
  'reminder.unassigned': WaitingReminderPayload;
  'reminder.unaccepted': WaitingReminderPayload;
  'reminder.sla': SlaReminderPayload;
  'reminder.visit': VisitReminderPayload;
  /**
   * A scheduled report's summary, or why it has no file: `ReportNote` of src/reports, data the
   * channel words (named by shape: reports reach this module through users, an import would
   * close a cycle). Rows queued before summaries were data hold the composed `text`.
   */
  'report.text': { note?: { kind: string }; text?: string };
  'report.failed': { job: string; reason: string };
  'backup.done': { file: string; bytes: number; tookMs: number };
  'backup.failed': { reason: string };
  /** A stored file sent as a document (see `Outbox.attach`). */
  document: { attachmentId: number };
  /** A Bot API call Telegram kept refusing for a while, replayed as it was made. */
  'bot_api.call': { method: string; params: Record<string, unknown> };
  intake_draft_expired: { draftId: number };
  master_added: MasterPayload;
  master_deactivated: MasterPayload;
  master_fired: MasterPayload;
  /** To admins: a row gave up after every retry. */
  outbox_failed: {
    notificationId: number;
    kind: string;
    chatId: number;
    attempts: number;
    reason: string;
  };
}

export type NoticeKind = keyof NoticeEvents;

/** The kinds about a change of an order (private notices, group notices, the card). */
export type OrderNoticeKind = {
  [K in NoticeKind]: NoticeEvents[K] extends OrderEventPayload ? K : never;
}[NoticeKind];

/** What a master is told about their own profile. */
export type MasterNoticeKind = 'master_added' | 'master_deactivated' | 'master_fired';

/** The order events other systems subscribe to (docs/api.md). */
export type WebhookEventType =
  | 'order.created'
  | 'order.assigned'
  | 'order.accepted'
  | 'order.on_site'
  | 'order.long_repair'
  | 'order.closed'
  | 'order.cancelled'
  | 'order.refused';

/** The body POSTed to a subscriber; `id` is the receiver's dedup key. */
export interface WebhookPayload {
  id: string;
  type: WebhookEventType;
  occurredAt: string;
  data: Record<string, unknown>;
}

/** One event as queued: its kind, the payload that kind carries, the channel it goes through. */
export type OutboxEvent =
  | { [K in NoticeKind]: { kind: K; payload: NoticeEvents[K]; channel?: 'telegram' } }[NoticeKind]
  | { kind: WebhookEventType; payload: WebhookPayload; channel: 'webhook' };
