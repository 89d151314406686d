import type { Role } from '../users/role';
import { ACTIVE_STATUSES, OrderStatus } from './order-status';

/** Every use case that changes an order (docs/product.md §2.2, §3.3, §3.4, §5.3). */
export type OrderAction =
  | 'assign'
  | 'reassign'
  | 'unassign'
  | 'master_cancel'
  | 'accept'
  | 'reschedule'
  | 'on_site'
  | 'long_repair'
  | 'back_on_site'
  | 'complete'
  | 'client_refused'
  | 'cancel'
  | 'restore'
  | 'correct_money'
  | 'edit'
  | 'client_waiting'
  | 'delete'
  | 'undelete';

/**
 * Who may act: `staff` — admin or dispatcher; `admin` — admin only; `master` — the assigned
 * master, or an admin on the master's behalf; `assigned_master` — the assigned master alone.
 */
type Who = 'staff' | 'admin' | 'master' | 'assigned_master';

interface TransitionRule {
  from: readonly OrderStatus[];
  /** `null`: the status stays as it is. */
  to: OrderStatus | null;
  who: Who;
}

const ALL: readonly OrderStatus[] = [...ACTIVE_STATUSES, 'CLOSED', 'REFUSED'];

/** The one transition table every use case is checked against. */
export const TRANSITIONS: Record<OrderAction, TransitionRule> = {
  assign: { from: ['NEW'], to: 'ASSIGNED', who: 'staff' },
  reassign: { from: ['ASSIGNED'], to: 'ASSIGNED', who: 'staff' },
  unassign: { from: ['ASSIGNED', 'ACCEPTED', 'ONSITE', 'DR'], to: 'NEW', who: 'staff' },
  master_cancel: { from: ['ASSIGNED', 'ACCEPTED'], to: 'NEW', who: 'assigned_master' },
  accept: { from: ['ASSIGNED'], to: 'ACCEPTED', who: 'master' },
  reschedule: { from: ['ASSIGNED', 'ACCEPTED'], to: null, who: 'master' },
  on_site: { from: ['ACCEPTED'], to: 'ONSITE', who: 'master' },
  long_repair: { from: ['ACCEPTED', 'ONSITE'], to: 'DR', who: 'master' },
  back_on_site: { from: ['DR'], to: 'ONSITE', who: 'master' },
  complete: { from: ['ONSITE', 'DR'], to: 'CLOSED', who: 'master' },
  client_refused: { from: ['ONSITE', 'DR'], to: 'REFUSED', who: 'master' },
  cancel: { from: ACTIVE_STATUSES, to: 'REFUSED', who: 'staff' },
  restore: { from: ['REFUSED'], to: 'NEW', who: 'staff' },
  correct_money: { from: ['CLOSED'], to: 'CLOSED', who: 'admin' },
  edit: { from: ACTIVE_STATUSES, to: null, who: 'staff' },
  client_waiting: { from: ['ASSIGNED', 'ACCEPTED', 'ONSITE'], to: null, who: 'staff' },
  delete: { from: ALL, to: null, who: 'admin' },
  undelete: { from: ALL, to: null, who: 'admin' },
};

/** What the state machine needs to know about the one who acts. */
export interface ActorRights {
  roles: ReadonlySet<Role>;
  /** The actor's own master record, only while it is active and not fired. */
  activeMasterId: number | null;
}

export type TransitionDecision =
  | { allowed: true; to: OrderStatus; onBehalfOfMaster: boolean }
  | { allowed: false; reason: 'forbidden' | 'not_your_order' | 'wrong_status' };

export function decideTransition(
  action: OrderAction,
  order: { status: OrderStatus; masterId: number | null },
  actor: ActorRights,
): TransitionDecision {
  const rule = TRANSITIONS[action];
  const who = whoActs(rule.who, order.masterId, actor);
  if (who === 'nobody') {
    const isSomeMaster = actor.activeMasterId !== null;
    const masterRule = rule.who === 'master' || rule.who === 'assigned_master';
    return { allowed: false, reason: masterRule && isSomeMaster ? 'not_your_order' : 'forbidden' };
  }
  if (!rule.from.includes(order.status)) return { allowed: false, reason: 'wrong_status' };
  return {
    allowed: true,
    to: rule.to ?? order.status,
    onBehalfOfMaster: who === 'admin_for_master',
  };
}

function whoActs(
  who: Who,
  orderMasterId: number | null,
  actor: ActorRights,
): 'self' | 'admin_for_master' | 'nobody' {
  const isAdmin = actor.roles.has('ADMIN');
  const isAssigned = orderMasterId !== null && actor.activeMasterId === orderMasterId;
  switch (who) {
    case 'admin':
      return isAdmin ? 'self' : 'nobody';
    case 'staff':
      return isAdmin || actor.roles.has('DISPATCHER') ? 'self' : 'nobody';
    case 'assigned_master':
      return isAssigned ? 'self' : 'nobody';
    case 'master':
      if (isAssigned) return 'self';
      return isAdmin && orderMasterId !== null ? 'admin_for_master' : 'nobody';
  }
}
