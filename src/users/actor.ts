import type { ActorRights } from '../orders/order-state-machine';
import type { Role } from './role';

/** The person behind an update, as the domain sees them. Rights are re-read in each use case. */
export interface Actor {
  userId: number;
  telegramId: number;
  name: string;
}

export interface ActorWithRights extends Actor, ActorRights {
  roles: ReadonlySet<Role>;
  /** Set while the actor's master record is active and not fired. */
  activeMasterId: number | null;
}
