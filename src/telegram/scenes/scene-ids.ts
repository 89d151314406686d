import type { OrderAction } from '../../orders/order-state-machine';
import type { MasterAction } from '../buttons';
import type { SceneId } from './scene-registry';

/** The master dialogs a card button starts, and the use case each one ends in. */
export const MASTER_DIALOGS = {
  mcancel: { scene: 'master-cancel', action: 'master_cancel' },
  resched: { scene: 'reschedule', action: 'reschedule' },
  complete: { scene: 'complete-order', action: 'complete' },
  dr: { scene: 'long-repair', action: 'long_repair' },
  crefused: { scene: 'client-refused', action: 'client_refused' },
} as const satisfies Partial<Record<MasterAction, { scene: SceneId; action: OrderAction }>>;
