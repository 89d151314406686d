import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';
import { Notification } from './notification.entity';

/** How a claimed row ends this round. */
export type Settlement =
  | {
      state: 'sent';
      messageId: number | null;
      attempts: number;
      /** The chat's next row waits this long, whichever sender claims it. */
      chatSpacingMs: number;
    }
  | { state: 'pending'; nextAttemptAt: Date; attempts: number; lastError: string }
  | { state: 'failed' | 'skipped'; attempts: number; lastError: string };

// A row is due when it waits and its time has come, or when its claim ran out (the sender that
// held it died). Per-chat order: only the oldest unsettled row of a chat (of a webhook
// subscription, on that channel) is ever due, so a card update never overtakes the card's post,
// whichever sender claims it.
const DUE = `
  ((n.state = 'pending' AND n.next_attempt_at <= :now)
    OR (n.state = 'sending' AND n.claimed_until <= :now))
  AND NOT EXISTS (
    SELECT 1 FROM notifications older
    WHERE older.chat_id = n.chat_id AND older.channel = n.channel AND older.state IN ('pending', 'sending') AND older.id < n.id)`;

const CLAIM = `state = 'sending', claimed_by = :owner, claimed_until = :until, updated_at = :now`;

// PostgreSQL: SKIP LOCKED lets several senders claim side by side, each getting other rows.
// The CTE is evaluated once, so LIMIT and the locks apply to one set of rows.
const CLAIM_POSTGRES = `
  WITH due AS (
    SELECT n.id FROM notifications n WHERE ${DUE}
    ORDER BY n.id LIMIT :limit
    FOR UPDATE OF n SKIP LOCKED)
  UPDATE notifications SET ${CLAIM} WHERE id IN (SELECT id FROM due) RETURNING id`;

// SQLite has one writer (and this service one process on it): the update is the claim.
const CLAIM_SQLITE = `
  UPDATE notifications SET ${CLAIM}
  WHERE id IN (SELECT n.id FROM notifications n WHERE ${DUE} ORDER BY n.id LIMIT :limit)
  RETURNING id`;

/**
 * The life of a claim on outbox rows: claimed with a lease, then settled (sent, to retry,
 * failed, skipped) or released — always by the sender that holds it.
 */
@Injectable()
export class OutboxClaimer {
  constructor(
    private readonly db: TransactionRunner,
    private readonly dataSource: DataSource,
  ) {}

  /** Up to `limit` due rows, oldest first, at most one per chat; held by `owner` for `leaseMs`. */
  async claim(owner: string, limit: number, leaseMs: number): Promise<Notification[]> {
    const now = new Date();
    const sql = this.dataSource.options.type === 'postgres' ? CLAIM_POSTGRES : CLAIM_SQLITE;
    const [query, parameters] = this.dataSource.driver.escapeQueryWithParameters(sql, {
      now,
      until: new Date(now.getTime() + leaseMs),
      owner,
      limit,
    });
    return this.db.run(async (tx) => {
      const { records } = await tx.queryRunner!.query(query, parameters, true);
      const ids = (records as { id: number }[]).map((row) => row.id);
      if (!ids.length) return [];
      return tx.find(Notification, { where: { id: In(ids) }, order: { id: 'ASC' } });
    });
  }

  /** When the next waiting row comes due, if one waits for a later moment than now. */
  async nextDueAt(): Promise<Date | null> {
    const now = new Date();
    return this.db.run(async (tx) => {
      const next = await tx
        .createQueryBuilder(Notification, 'n')
        .select('MIN(n.next_attempt_at)', 'at')
        .where('n.state = :pending AND n.next_attempt_at > :now', { pending: 'pending', now })
        .getRawOne<{ at: Date | string | null }>();
      return next?.at ? instantOf(next.at) : null;
    });
  }

  /**
   * Records how the row ended; `alsoInTx` runs in the same transaction (the card's message id,
   * a blocked chat, an alert). False when the claim was lost: the lease ran out and another
   * sender took the row over, so this one records nothing.
   */
  async settle(
    row: Notification,
    owner: string,
    settlement: Settlement,
    alsoInTx?: (tx: EntityManager) => Promise<void>,
  ): Promise<boolean> {
    const now = new Date();
    return this.db.run(async (tx) => {
      const updated = await tx
        .createQueryBuilder()
        .update(Notification)
        .set({ ...this.fieldsOf(settlement, now), claimedBy: null, claimedUntil: null })
        .where('id = :id AND state = :sending AND claimed_by = :owner', {
          id: row.id,
          sending: 'sending',
          owner,
        })
        .execute();
      if (!updated.affected) return false;
      if (settlement.state === 'sent' && settlement.chatSpacingMs > 0) {
        await this.holdChat(tx, row, new Date(now.getTime() + settlement.chatSpacingMs));
      }
      await alsoInTx?.(tx);
      return true;
    });
  }

  /** Gives an unsent row back (shutdown): due again at once, the try not counted. */
  async release(row: Notification, owner: string): Promise<void> {
    await this.db.run((tx) =>
      tx.update(
        Notification,
        { id: row.id, state: 'sending', claimedBy: owner },
        { state: 'pending', claimedBy: null, claimedUntil: null },
      ),
    );
  }

  /**
   * SQLite serves one process, so at start every row still `sending` belongs to a process
   * that died: it is due again now rather than when its lease runs out.
   */
  async recoverAfterRestart(): Promise<number> {
    if (this.dataSource.options.type === 'postgres') return 0;
    const result = await this.db.run((tx) =>
      tx.update(
        Notification,
        { state: 'sending' },
        { state: 'pending', claimedBy: null, claimedUntil: null },
      ),
    );
    return result.affected ?? 0;
  }

  private fieldsOf(settlement: Settlement, now: Date) {
    switch (settlement.state) {
      case 'sent':
        return {
          state: settlement.state,
          attempts: settlement.attempts,
          sentMessageId: settlement.messageId,
          sentAt: now,
          lastError: null,
        };
      case 'pending':
        return {
          state: settlement.state,
          attempts: settlement.attempts,
          nextAttemptAt: settlement.nextAttemptAt,
          lastError: settlement.lastError,
        };
      default:
        return {
          state: settlement.state,
          attempts: settlement.attempts,
          lastError: settlement.lastError,
        };
    }
  }

  // The in-process buckets space one sender's messages; this spaces them across senders, which
  // may each claim one of the chat's rows in turn.
  private async holdChat(tx: EntityManager, row: Notification, until: Date): Promise<void> {
    await tx
      .createQueryBuilder()
      .update(Notification)
      .set({ nextAttemptAt: until })
      .where(
        'chat_id = :chatId AND channel = :channel AND state = :pending AND next_attempt_at < :until',
        {
          chatId: row.chatId,
          channel: row.channel,
          pending: 'pending',
          until,
        },
      )
      .execute();
  }
}

/** A raw instant: a Date from PostgreSQL, UTC text ("2025-10-21 12:00:00.000") from SQLite. */
const instantOf = (value: Date | string) =>
  value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`);
