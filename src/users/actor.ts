import type { Role } from './role';

/** The person behind an update, as the domain sees them. Rights are re-read in each use case. */
export interface Actor {
  userId: number;
  telegramId: number;
  name: string;
}

/** An actor with the rights they hold now: what the order state machine decides on. */
export interface ActorWithRights extends Actor {
  roles: ReadonlySet<Role>;
  /** Set while the actor's master record is active and not fired. */
  activeMasterId: number | null;
}
