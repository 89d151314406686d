import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Telegram } from 'telegraf';
import { TransactionRunner } from '../../database/transaction-runner';
import { HealthRegistry } from '../../health/health-registry';
import { Metrics } from '../../health/metrics';
import { MastersService } from '../../users/masters.service';
import { BotApiStats } from './bot-api.stats';
import { CallBudget, Priority } from '../../notifications/call-budget';
import { ChatReachability } from '../../notifications/chat-reachability';
import { Outbox } from '../../notifications/outbox';
import { OutboxSettings } from '../../notifications/outbox-settings';
import { readFailure, TelegramFailure } from '../../notifications/telegram-failure';

const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 3_000;

/** The outbox kind of a reply that could not be delivered at once (see `BotApiGateway.defer`). */
export const DEFERRED_CALL_KIND = 'bot_api.call';
/** What a deferred `sendMessage` returns: its message does not exist yet. */
export const DEFERRED_MESSAGE_ID = 0;

// Methods that post a message: each takes a slot of the chat's and the global budget.
const SENDS = new Set([
  'sendMessage',
  'sendDocument',
  'sendPhoto',
  'sendVideo',
  'sendAudio',
  'sendVoice',
  'sendAnimation',
  'sendSticker',
  'sendMediaGroup',
  'sendLocation',
  'sendVenue',
  'sendContact',
  'sendPoll',
  'sendDice',
  'copyMessage',
  'forwardMessage',
]);
// Calls whose JSON payload the outbox can replay later, so the person still gets them.
const DEFERRABLE = new Set([
  'sendMessage',
  'editMessageText',
  'editMessageReplyMarkup',
  'deleteMessage',
]);
// Calls that mean nothing later: a spinner or "typing…" that came too late is no loss.
const DROPPABLE = new Set(['answerCallbackQuery', 'sendChatAction']);

type Payload = Record<string, unknown>;

export interface BotApiCall {
  method: string;
  payload: Payload;
  priority: Priority;
  /** Aborts waiting (for a slot, or between tries): shutdown, a caller giving up. */
  signal?: AbortSignal;
  /** Makes the HTTP request itself, with the payload as it is now (a migrated chat id). */
  invoke: (payload: Payload, signal?: AbortSignal) => Promise<unknown>;
}

/**
 * The one door to the Bot API (docs/notifications.md). Every call — a handler's reply, an
 * edit, a callback answer, a start-up call, the outbox's sends — passes here:
 * - sends take a slot of the shared budget, people who just acted first;
 * - Telegram's answer decides: 429 waits `retry_after`, 5xx and network errors back off with
 *   jitter, 403 marks the chat unreachable, a migrated group is followed once, an edit or
 *   callback answer that became pointless is done, any other 400 is final and logged;
 * - bulk calls try once (the outbox retries durably); an interactive call that still fails
 *   after `interactiveBoundMs` (10 s) is handed to the outbox rather than dropped.
 */
@Injectable()
export class BotApiGateway implements BeforeApplicationShutdown {
  private readonly logger = new Logger('BotApi');
  readonly stats: BotApiStats;
  /** At shutdown no call waits out its retries: what still fails goes to the outbox now. */
  private readonly stopping = new AbortController();

  constructor(
    private readonly budget: CallBudget,
    private readonly db: TransactionRunner,
    private readonly reachability: ChatReachability,
    private readonly outbox: Outbox,
    private readonly masters: MastersService,
    private readonly settings: OutboxSettings,
    health: HealthRegistry,
    metrics: Metrics,
  ) {
    this.stats = new BotApiStats(metrics);
    health.register('botApi', () => Promise.resolve({ ok: true, ...this.stats.snapshot() }));
  }

  beforeApplicationShutdown(): void {
    this.stopping.abort();
  }

  /** Routes every call this client makes through the gateway; no caller can go around it. */
  install(telegram: Telegram, priority: Priority): void {
    const raw = telegram.callApi.bind(telegram) as (
      method: string,
      payload: Payload,
      options?: { signal?: AbortSignal },
    ) => Promise<unknown>;
    const routed = (method: string, payload: Payload, options: { signal?: AbortSignal } = {}) =>
      this.call({
        method,
        payload,
        priority,
        signal: options.signal,
        invoke: (current, signal) => raw(method, current, { signal }),
      });
    telegram.callApi = routed as unknown as Telegram['callApi'];
  }

  async call({ method, payload, priority, signal, invoke }: BotApiCall): Promise<unknown> {
    // An edit or deletion of a reply that is itself still waiting in the outbox.
    if (payload.message_id === DEFERRED_MESSAGE_ID) return true;
    const deadline = Date.now() + this.settings.interactiveBoundMs;
    let current = payload;
    let followedMigration = false;
    for (let attempt = 1; ; attempt++) {
      const chatId = SENDS.has(method) ? chatIdOf(current) : undefined;
      if (chatId !== undefined) {
        const waitedFrom = Date.now();
        await this.budget.take(chatId, priority, signal);
        this.stats.waited(priority, Date.now() - waitedFrom);
      }
      try {
        const result = await invoke(current, signal);
        this.stats.called(method, 'ok');
        return result;
      } catch (error) {
        if (signal?.aborted) throw error;
        const failure = readFailure(error);
        this.stats.called(method, failure.kind);
        const target = chatIdOf(current);
        if (failure.kind === 'pointless') return true;
        if (failure.kind === 'migrated' && !followedMigration && target !== undefined) {
          followedMigration = true;
          await this.followMigration(target, failure.toChatId);
          current = { ...current, chat_id: failure.toChatId };
          continue;
        }
        if (failure.kind === 'flood' && chatId !== undefined) {
          await this.budget.hold(chatId, failure.retryAfterMs);
        }
        // The outbox settles bulk failures itself, durably: blocked chats, backoff, alerts.
        if (priority === 'bulk') throw error;
        if (failure.kind === 'unreachable' && target !== undefined) {
          await this.markUnreachable(target, failure.reason);
        }
        if (failure.kind !== 'flood' && failure.kind !== 'transient') {
          if (failure.kind === 'rejected') {
            this.logger.warn(`${method} refused by Telegram: ${failure.reason}`);
          }
          throw error;
        }
        const pause = failure.kind === 'flood' ? failure.retryAfterMs : backoff(attempt);
        if (Date.now() + pause > deadline || this.stopping.signal.aborted) {
          return this.giveUp(method, current, error, failure);
        }
        this.stats.retried(method, pause);
        await sleep(pause, undefined, {
          signal: signal ? AbortSignal.any([signal, this.stopping.signal]) : this.stopping.signal,
        }).catch((abort: unknown) => {
          if (signal?.aborted || !this.stopping.signal.aborted) throw abort;
        });
        if (this.stopping.signal.aborted) return this.giveUp(method, current, error, failure);
      }
    }
  }

  /**
   * Still failing after the bound: a reply goes to the outbox, which keeps trying; a callback
   * answer or a chat action is simply too late; anything else fails for the caller.
   */
  private async giveUp(
    method: string,
    payload: Payload,
    error: unknown,
    failure: TelegramFailure,
  ): Promise<unknown> {
    const chatId = chatIdOf(payload);
    if (DEFERRABLE.has(method) && chatId !== undefined && isJson(payload)) {
      await this.defer(method, chatId, payload);
      this.stats.deferred(method);
      this.logger.warn(`${method} to ${chatId} handed to the outbox: ${failure.reason}`);
      return method === 'sendMessage'
        ? {
            message_id: DEFERRED_MESSAGE_ID,
            date: Math.floor(Date.now() / 1000),
            chat: { id: chatId },
          }
        : true;
    }
    if (DROPPABLE.has(method)) {
      this.logger.warn(`${method} given up after retries: ${failure.reason}`);
      return true;
    }
    throw error;
  }

  private defer(method: string, chatId: number, params: Payload): Promise<void> {
    return this.db.run((tx) =>
      this.outbox.enqueue(tx, [
        {
          chatId,
          kind: DEFERRED_CALL_KIND,
          payload: { method, params },
          dedupKey: `${DEFERRED_CALL_KIND}:${randomUUID()}`,
        },
      ]),
    );
  }

  private async markUnreachable(chatId: number, reason: string): Promise<void> {
    this.logger.log(`Chat ${chatId} is unreachable: ${reason}`);
    await this.db.run((tx) => this.reachability.markBlocked(tx, chatId, reason));
  }

  private async followMigration(oldChatId: number, newChatId: number): Promise<void> {
    this.logger.log(`Chat ${oldChatId} became supergroup ${newChatId}; sending there`);
    await this.masters.followChatMigration(oldChatId, newChatId);
  }
}

/** "Equal jitter": at least half the backoff, so callers that failed together spread out. */
function backoff(attempt: number): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (attempt - 1));
  return Math.round(ceiling * (0.5 + Math.random() / 2));
}

function chatIdOf(payload: Payload): number | undefined {
  const chatId = Number(payload.chat_id);
  return Number.isSafeInteger(chatId) && chatId !== 0 ? chatId : undefined;
}

/** Files (Buffers, streams) cannot wait in a database row. */
function isJson(payload: Payload): boolean {
  return Object.values(payload).every(
    (value) =>
      value === null ||
      typeof value !== 'object' ||
      value.constructor === Object ||
      Array.isArray(value),
  );
}
