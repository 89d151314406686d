import type { EntityManager } from 'typeorm';

/**
 * How many active orders masters hold: firing is refused while a master holds any, and the
 * assignment picker shows the least loaded first. The orders module provides it
 * (`OrderRepository`), so `users/`, below `orders/`, never imports it.
 */
export abstract class MasterLoads {
  abstract countActiveOfMaster(tx: EntityManager, masterId: number): Promise<number>;
  /** Active orders per master, for everyone holding any. */
  abstract activeCountsByMaster(tx: EntityManager): Promise<Map<number, number>>;
}
