import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { hostname } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { EntityManager } from 'typeorm';
import { Metrics } from '../health/metrics';
import { ChatReachability } from './chat-reachability';
import type { Notification } from './notification.entity';
import { CHANNEL_CALL_TIMEOUT_MS, Delivery, OutboxChannels } from './outbox-channel';
import { OutboxAdminService } from './outbox-admin.service';
import { OutboxSettings } from './outbox-settings';
import { OutboxClaimer, Settlement } from './outbox.claimer';
import { chatIntervalMs } from './call-budget';
import { RetryPolicy } from './retry-policy';

/** A claim outlives the longest a row can take: two calls that time out, plus the queue. */
const LEASE_MS = 4 * CHANNEL_CALL_TIMEOUT_MS;
/** With nothing due, look again this often (rows come due after a backoff or from the domain). */
const POLL_MS = 500;
/** Claims at most this often while rows settle one after another, so they are batched. */
const CLAIM_GAP_MS = 20;
/** Shutdown waits this long for calls in flight; rows still out are left to their lease. */
const SHUTDOWN_GRACE_MS = 5_000;

/** The abort reason when the sender stops: rows still waiting for their turn go back. */
class SenderStopped extends Error {
  override readonly name = 'SenderStopped';
}

interface Outcome {
  settlement: Settlement;
  alsoInTx?: (tx: EntityManager) => Promise<void>;
}

/**
 * Delivers the outbox (docs/notifications.md): claims due rows, sends each under Telegram's limits and
 * settles it by Telegram's answer. Started with the application, stopped before the database
 * closes; several replicas can run one each.
 */
@Injectable()
export class OutboxSender implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxSender.name);
  /** Names this process on the rows it holds. */
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly capacity: number;
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = new AbortController();
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** A row settled while the loop was claiming: the next idle must not wait. */
  private settledSinceClaim = false;

  constructor(
    private readonly claimer: OutboxClaimer,
    private readonly channels: OutboxChannels,
    private readonly policy: RetryPolicy,
    private readonly admin: OutboxAdminService,
    private readonly reachability: ChatReachability,
    private readonly settings: OutboxSettings,
    private readonly metrics: Metrics,
  ) {
    // Enough rows in hand to keep the global bucket busy for two seconds; more would only wait
    // in the queue while their lease runs.
    this.capacity = Math.max(10, Math.ceil(settings.limits.globalPerSecond * 2));
  }

  get running(): boolean {
    return this.loop !== null && !this.stopping.signal.aborted;
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  start(): void {
    if (this.loop) return;
    this.stopping = new AbortController();
    // Every row waiting for its turn at the rate limiter listens for the stop.
    setMaxListeners(this.capacity + 10, this.stopping.signal);
    this.loop = this.run();
  }

  /** Finishes the calls in flight, gives back the rows still waiting for their turn. */
  async stop(): Promise<void> {
    if (!this.loop) return;
    this.stopping.abort(new SenderStopped('the outbox sender is stopping'));
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  private async run(): Promise<void> {
    const recovered = await this.claimer.recoverAfterRestart().catch((error: Error) => {
      this.logger.error(`Could not recover rows of a previous run: ${error.message}`);
      return 0;
    });
    if (recovered) {
      this.logger.log(`${recovered} notifications in flight at the last stop are due again`);
    }

    while (!this.stopping.signal.aborted) {
      // A settled row may have made its chat's next row due: claim again when one settles, or
      // when the next waiting row comes due.
      await this.idle(await this.claimDue());
      await delay(CLAIM_GAP_MS);
    }
    await this.drain();
  }

  /** Claims what is due and room allows; returns how long to wait before looking again. */
  private async claimDue(): Promise<number> {
    this.settledSinceClaim = false;
    const room = this.capacity - this.inFlight.size;
    try {
      if (room <= 0) return POLL_MS;
      const rows = await this.claimer.claim(this.owner, room, LEASE_MS);
      for (const row of rows) this.track(row);
      if (rows.length === room) return POLL_MS;
      const next = await this.claimer.nextDueAt();
      return next ? Math.min(POLL_MS, Math.max(0, next.getTime() - Date.now())) : POLL_MS;
    } catch (error) {
      this.logger.error(`Claiming notifications failed: ${(error as Error).message}`);
      return POLL_MS;
    }
  }

  private track(row: Notification): void {
    const job = this.process(row).finally(() => {
      this.inFlight.delete(job);
      this.settledSinceClaim = true;
      this.wake?.();
    });
    this.inFlight.add(job);
  }

  /** Waits `ms`, or less if a row settles (or the sender stops) meanwhile. */
  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
      if (this.settledSinceClaim || this.stopping.signal.aborted) done();
    });
  }

  private async drain(): Promise<void> {
    const grace = delay(SHUTDOWN_GRACE_MS, 'timeout' as const, { ref: false });
    const settled = Promise.allSettled([...this.inFlight]).then(() => 'drained' as const);
    if ((await Promise.race([settled, grace])) === 'timeout') {
      this.logger.warn(
        `${this.inFlight.size} notifications still in flight are left to their lease`,
      );
    }
  }

  private async process(row: Notification): Promise<void> {
    let outcome: Outcome;
    try {
      const channel = this.channels.of(row.channel);
      const delivery: Delivery = channel
        ? await channel.deliver(row, this.stopping.signal)
        : { outcome: 'failed', reason: `no channel "${row.channel}" in this process` };
      outcome = this.fromDelivery(row, delivery);
    } catch (error) {
      if (error instanceof SenderStopped) return this.release(row);
      outcome = this.fromError(row, error);
    }
    try {
      const settled = await this.claimer.settle(
        row,
        this.owner,
        outcome.settlement,
        outcome.alsoInTx,
      );
      if (settled) this.metrics.outboxSettled.inc({ state: outcome.settlement.state });
      else this.logger.warn(`Notification #${row.id}: its claim ran out before it was settled`);
    } catch (error) {
      // Left `sending`: it comes due again when the claim runs out.
      this.logger.error(
        `Notification #${row.id} could not be settled: ${(error as Error).message}`,
      );
    }
  }

  private async release(row: Notification): Promise<void> {
    await this.claimer.release(row, this.owner).catch((error: Error) => {
      this.logger.error(`Notification #${row.id} could not be released: ${error.message}`);
    });
  }

  private fromDelivery(row: Notification, delivery: Delivery): Outcome {
    switch (delivery.outcome) {
      case 'sent':
        return {
          settlement: {
            state: 'sent',
            messageId: delivery.messageId,
            attempts: row.attempts + 1,
            // Telegram's per-chat limits; other channels pace themselves.
            chatSpacingMs:
              row.channel === 'telegram' ? chatIntervalMs(this.settings.limits, row.chatId) : 0,
          },
          alsoInTx: delivery.record,
        };
      case 'skipped':
        this.logger.debug(`Notification #${row.id} (${row.kind}) skipped: ${delivery.reason}`);
        return {
          settlement: { state: 'skipped', attempts: row.attempts, lastError: delivery.reason },
        };
      case 'failed':
        this.logger.error(`Notification #${row.id} (${row.kind}) failed: ${delivery.reason}`);
        return {
          settlement: { state: 'failed', attempts: row.attempts, lastError: delivery.reason },
        };
    }
  }

  private fromError(row: Notification, error: unknown): Outcome {
    const attempt = row.attempts + 1;
    const verdict = this.policy.decide(error, attempt);
    const about = `Notification #${row.id} (${row.kind} to ${row.chatId})`;
    const later = (ms: number) => new Date(Date.now() + ms);
    switch (verdict.kind) {
      case 'wait':
        this.logger.debug(`${about}: ${verdict.reason}`);
        return {
          settlement: {
            state: 'pending',
            nextAttemptAt: later(verdict.delayMs),
            attempts: row.attempts,
            lastError: verdict.reason,
          },
        };
      case 'retry':
        this.logger.debug(`${about}: try ${attempt} failed (${verdict.reason}), retrying`);
        return {
          settlement: {
            state: 'pending',
            nextAttemptAt: later(verdict.delayMs),
            attempts: attempt,
            lastError: verdict.reason,
          },
        };
      case 'give_up':
        this.logger.error(`${about}: failed after ${attempt} tries: ${verdict.reason}`);
        return {
          settlement: { state: 'failed', attempts: attempt, lastError: verdict.reason },
          alsoInTx: (tx) => this.admin.alertFailed(tx, row, verdict.reason, attempt),
        };
      case 'blocked':
        this.logger.log(
          `${about}: the chat is unreachable, nothing more is sent to it (${verdict.reason})`,
        );
        return {
          settlement: { state: 'skipped', attempts: attempt, lastError: verdict.reason },
          alsoInTx: (tx) => this.reachability.markBlocked(tx, row.chatId, verdict.reason),
        };
      case 'rejected':
        this.logger.warn(`${about}: rejected by Telegram: ${verdict.reason}`);
        return { settlement: { state: 'failed', attempts: attempt, lastError: verdict.reason } };
    }
  }
}
