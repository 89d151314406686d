import type { Role } from '../users/role';
import { decideTransition, OrderAction, TRANSITIONS } from './order-state-machine';
import { ORDER_STATUSES, OrderStatus } from './order-status';

const MASTER_ID = 7;
const ACTORS = {
  admin: { roles: new Set<Role>(['ADMIN']), activeMasterId: null },
  dispatcher: { roles: new Set<Role>(['DISPATCHER']), activeMasterId: null },
  assignedMaster: { roles: new Set<Role>(['MASTER']), activeMasterId: MASTER_ID },
  otherMaster: { roles: new Set<Role>(['MASTER']), activeMasterId: 8 },
  unknown: { roles: new Set<Role>(), activeMasterId: null },
};
type ActorName = keyof typeof ACTORS;

/**
 * docs/product.md §2.2 written out independently of the implementation:
 * action → from statuses → to, and who may do it (admin* = on the master's behalf).
 */
const EXPECTED: Record<OrderAction, [string, string | null, ActorName[]]> = {
  assign: ['NEW', 'ASSIGNED', ['admin', 'dispatcher']],
  reassign: ['ASSIGNED', 'ASSIGNED', ['admin', 'dispatcher']],
  unassign: ['ASSIGNED ACCEPTED ONSITE DR', 'NEW', ['admin', 'dispatcher']],
  master_cancel: ['ASSIGNED ACCEPTED', 'NEW', ['assignedMaster']],
  accept: ['ASSIGNED', 'ACCEPTED', ['assignedMaster', 'admin']],
  reschedule: ['ASSIGNED ACCEPTED', null, ['assignedMaster', 'admin']],
  on_site: ['ACCEPTED', 'ONSITE', ['assignedMaster', 'admin']],
  long_repair: ['ACCEPTED ONSITE', 'DR', ['assignedMaster', 'admin']],
  back_on_site: ['DR', 'ONSITE', ['assignedMaster', 'admin']],
  complete: ['ONSITE DR', 'CLOSED', ['assignedMaster', 'admin']],
  client_refused: ['ONSITE DR', 'REFUSED', ['assignedMaster', 'admin']],
  cancel: ['NEW ASSIGNED ACCEPTED ONSITE DR', 'REFUSED', ['admin', 'dispatcher']],
  restore: ['REFUSED', 'NEW', ['admin', 'dispatcher']],
  correct_money: ['CLOSED', 'CLOSED', ['admin']],
  edit: ['NEW ASSIGNED ACCEPTED ONSITE DR', null, ['admin', 'dispatcher']],
  client_waiting: ['ASSIGNED ACCEPTED ONSITE', null, ['admin', 'dispatcher']],
  delete: ['NEW ASSIGNED ACCEPTED ONSITE DR CLOSED REFUSED', null, ['admin']],
  undelete: ['NEW ASSIGNED ACCEPTED ONSITE DR CLOSED REFUSED', null, ['admin']],
};

const MASTER_ACTIONS = new Set(
  Object.keys(EXPECTED).filter((a) => EXPECTED[a as OrderAction][2].includes('assignedMaster')),
);

const cases = (Object.keys(EXPECTED) as OrderAction[]).flatMap((action) =>
  ORDER_STATUSES.flatMap((status) =>
    (Object.keys(ACTORS) as ActorName[]).map((actor) => ({ action, status, actor })),
  ),
);

describe('the order state machine', () => {
  it('has a rule for every action and nothing else', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(cases)('$action from $status by $actor', ({ action, status, actor }) => {
    const [from, to, who] = EXPECTED[action];
    const decision = decideTransition(action, { status, masterId: MASTER_ID }, ACTORS[actor]);

    if (!who.includes(actor)) {
      const expectedReason =
        actor === 'otherMaster' && MASTER_ACTIONS.has(action) ? 'not_your_order' : 'forbidden';
      expect(decision).toEqual({ allowed: false, reason: expectedReason });
    } else if (!from.split(' ').includes(status)) {
      expect(decision).toEqual({ allowed: false, reason: 'wrong_status' });
    } else {
      expect(decision).toEqual({
        allowed: true,
        to: (to ?? status) as OrderStatus,
        onBehalfOfMaster: actor === 'admin' && MASTER_ACTIONS.has(action),
      });
    }
  });

  it('refuses an admin acting for a master on an order that has no master', () => {
    const decision = decideTransition(
      'accept',
      { status: 'ASSIGNED', masterId: null },
      ACTORS.admin,
    );
    expect(decision).toEqual({ allowed: false, reason: 'forbidden' });
  });

  it('treats a deactivated or fired master (no active master record) as unknown', () => {
    const firedMaster = { roles: new Set<Role>(['MASTER']), activeMasterId: null };
    const decision = decideTransition(
      'accept',
      { status: 'ASSIGNED', masterId: MASTER_ID },
      firedMaster,
    );
    expect(decision).toEqual({ allowed: false, reason: 'forbidden' });
  });

  it('lets a dispatcher who is also the assigned master act in both roles', () => {
    const both = { roles: new Set<Role>(['DISPATCHER', 'MASTER']), activeMasterId: MASTER_ID };
    expect(
      decideTransition('accept', { status: 'ASSIGNED', masterId: MASTER_ID }, both),
    ).toMatchObject({
      allowed: true,
      onBehalfOfMaster: false,
    });
    expect(
      decideTransition('unassign', { status: 'ACCEPTED', masterId: MASTER_ID }, both),
    ).toMatchObject({
      allowed: true,
    });
  });
});
