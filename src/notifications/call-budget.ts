/** Telegram's limits (docs/notifications.md); private chats have positive ids, groups negative. */
export interface RateLimits {
  globalPerSecond: number;
  privatePerSecond: number;
  groupPerMinute: number;
}

// Telegram counts its limits over sliding windows at its end, and a request can reach it a
// little sooner after the previous one than it left here (event loop, network). Spacing sends
// a little wider keeps every window within the limit. The global margin is kept small because
// a 1 000-chat fan-out must finish within 5 % of Telegram's ideal with replies sharing it.
const CHAT_SAFETY = 1.05;
const GLOBAL_SAFETY = 1.02;

/** The spacing kept between two messages to one chat, safety margin included. */
export function chatIntervalMs(limits: RateLimits, chatId: number): number {
  const perMs = chatId < 0 ? limits.groupPerMinute / 60_000 : limits.privatePerSecond / 1000;
  return CHAT_SAFETY / perMs;
}

export const globalIntervalMs = (limits: RateLimits) =>
  (GLOBAL_SAFETY * 1000) / limits.globalPerSecond;

/** A send slot asked of the store: the chat's and the global one, taken together or not at all. */
export interface SlotRequest {
  chatId: number;
  chatIntervalMs: number;
  globalIntervalMs: number;
}

export type SlotAnswer =
  { granted: true } | { granted: false; waitMs: number; heldBy: 'chat' | 'global' };

/**
 * Where the buckets live: in this process, or in Redis so several replicas share them. Each
 * bucket holds one token (the moment it is free again), so a slot is never reserved ahead and
 * whoever asks when it is free gets it — which is what lets the budget put people first.
 */
export interface BudgetStore {
  tryTake(request: SlotRequest): Promise<SlotAnswer>;
  /** Telegram answered 429 for this chat (or, with `null`, for the bot): nobody sends for `ms`. */
  hold(chatId: number | null, ms: number): Promise<void>;
  close?(): Promise<void>;
}

/** Buckets of one process; idle chats are forgotten so memory stays flat. */
export class MemoryBudgetStore implements BudgetStore {
  private globalFreeAt = 0;
  private readonly chatFreeAt = new Map<number, number>();

  /** `now`: a fake one in specs. */
  constructor(private readonly now: () => number = () => Date.now()) {}

  tryTake({ chatId, chatIntervalMs, globalIntervalMs }: SlotRequest): Promise<SlotAnswer> {
    const now = this.now();
    const chatFreeAt = this.chatFreeAt.get(chatId) ?? 0;
    if (chatFreeAt > now) return wait(chatFreeAt - now, 'chat');
    if (this.globalFreeAt > now) return wait(this.globalFreeAt - now, 'global');
    if (this.chatFreeAt.size >= PRUNE_ABOVE) this.pruneIdle(now);
    this.chatFreeAt.set(chatId, now + chatIntervalMs);
    this.globalFreeAt = now + globalIntervalMs;
    return Promise.resolve({ granted: true });
  }

  hold(chatId: number | null, ms: number): Promise<void> {
    const untilMs = this.now() + ms;
    if (chatId === null) this.globalFreeAt = Math.max(this.globalFreeAt, untilMs);
    else this.chatFreeAt.set(chatId, Math.max(this.chatFreeAt.get(chatId) ?? 0, untilMs));
    return Promise.resolve();
  }

  private pruneIdle(now: number) {
    for (const [chatId, freeAt] of this.chatFreeAt)
      if (freeAt <= now) this.chatFreeAt.delete(chatId);
  }
}

const PRUNE_ABOVE = 10_000;

const wait = (waitMs: number, heldBy: 'chat' | 'global'): Promise<SlotAnswer> =>
  Promise.resolve({ granted: false, waitMs, heldBy });

/** Who is waiting for a send: a person who just acted, or a bulk notification. */
export type Priority = 'interactive' | 'bulk';

interface Waiter {
  chatId: number;
  grant: () => void;
  refuse: (reason: unknown) => void;
}

/**
 * Every message the bot sends takes a slot here first — replies and the outbox alike — so
 * together they stay inside Telegram's limits. Interactive waiters are always offered a free
 * slot before bulk ones; bulk sends still take every slot the people leave.
 */
export class CallBudget {
  private readonly queues: Record<Priority, Waiter[]> = { interactive: [], bulk: [] };
  private pumping = false;
  private wake: (() => void) | null = null;
  /** A waiter came while the pump was asking the store: do not sleep past it. */
  private arrived = false;

  constructor(
    private readonly limits: RateLimits,
    private readonly store: BudgetStore,
  ) {}

  /** Resolves when a message to `chatId` may go out now; rejects if `signal` aborts first. */
  take(chatId: number, priority: Priority, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => this.drop(waiter, signal?.reason);
      const waiter: Waiter = {
        chatId,
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        refuse: (reason) => {
          signal?.removeEventListener('abort', onAbort);
          reject(reason);
        },
      };
      this.queues[priority].push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.arrived = true;
      this.wake?.();
      void this.pump();
    });
  }

  /** Telegram said 429: hold the chat (or every chat) until `retry_after` has passed. */
  hold(chatId: number | null, ms: number): Promise<void> {
    return this.store.hold(chatId, ms);
  }

  close(): Promise<void> {
    return this.store.close?.() ?? Promise.resolve();
  }

  get waiting(): number {
    return this.queues.interactive.length + this.queues.bulk.length;
  }

  private drop(waiter: Waiter, reason: unknown) {
    for (const queue of Object.values(this.queues)) {
      const index = queue.indexOf(waiter);
      if (index >= 0) queue.splice(index, 1);
    }
    waiter.refuse(reason);
  }

  /** One loop at a time hands out slots, best waiter first, and sleeps while none is free. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.waiting > 0) {
        this.arrived = false;
        const sleepMs = await this.grantOne();
        if (sleepMs > 0) await this.sleep(sleepMs);
      }
    } catch (error) {
      // The store failed (Redis down): every waiter learns it, and the caller retries.
      for (const waiter of [...this.queues.interactive, ...this.queues.bulk])
        this.drop(waiter, error);
    } finally {
      this.pumping = false;
    }
  }

  /** Grants the first waiter whose chat is free; returns 0, or how long until one may be. */
  private async grantOne(): Promise<number> {
    let soonest = Infinity;
    const heldChats = new Set<number>();
    for (const priority of ['interactive', 'bulk'] as const) {
      for (const waiter of [...this.queues[priority]]) {
        if (heldChats.has(waiter.chatId)) continue;
        const answer = await this.store.tryTake({
          chatId: waiter.chatId,
          chatIntervalMs: chatIntervalMs(this.limits, waiter.chatId),
          globalIntervalMs: globalIntervalMs(this.limits),
        });
        if (answer.granted) {
          const queue = this.queues[priority];
          const index = queue.indexOf(waiter);
          if (index >= 0) queue.splice(index, 1);
          waiter.grant();
          return 0;
        }
        soonest = Math.min(soonest, answer.waitMs);
        // Nobody can send before the global slot frees; stop asking.
        if (answer.heldBy === 'global') return soonest;
        heldChats.add(waiter.chatId);
      }
    }
    return soonest === Infinity ? 0 : soonest;
  }

  /** Sleeps `ms`, or less when a new waiter arrives (its chat may be free right now). */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, Math.max(1, Math.ceil(ms)));
      this.wake = done;
      if (this.arrived) done();
    });
  }
}
