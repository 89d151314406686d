const MINUTE = 60_000;

/** What a reminder run owes an order that waits for a master or for the master's acceptance. */
export type WaitingAnnouncement = 'reminder' | 'digest';

export interface WaitingOrder {
  /** When the order entered the status it waits in. */
  since: Date;
  /** When it was last announced in this stay in the status; `null` if never. */
  lastAnnounced: Date | null;
}

/**
 * Reminders with an end (docs/product.md §8, §12): one reminder at each step of the escalation
 * `ladder` (minutes in the status, ascending) — several steps passed at once, as after quiet
 * hours, make one reminder — and once the ladder is used up, one mention in the digest of
 * each `morning` (the latest end of quiet hours) until the order moves on.
 */
export function announcementDue(
  order: WaitingOrder,
  now: Date,
  ladder: readonly number[],
  morning: Date,
): WaitingAnnouncement | null {
  const { since, lastAnnounced } = order;
  // How far up the ladder the order was announced follows from when that last happened.
  const announced = lastAnnounced ? stepsPassed(ladder, since, lastAnnounced) : 0;
  if (stepsPassed(ladder, since, now) > announced) return 'reminder';
  const usedUp = lastAnnounced !== null && announced === ladder.length;
  return usedUp && lastAnnounced < morning ? 'digest' : null;
}

function stepsPassed(ladder: readonly number[], since: Date, at: Date): number {
  const waited = at.getTime() - since.getTime();
  return ladder.filter((minutes) => waited >= minutes * MINUTE).length;
}
