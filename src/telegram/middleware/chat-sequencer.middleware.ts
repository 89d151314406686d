import { Injectable, Optional } from '@nestjs/common';
import { Mutex } from 'async-mutex';
import type { MiddlewareFn } from 'telegraf';
import type { BotContext } from '../bot-context';
import { RedisChatTurns } from '../replicas/redis-chat-turns';
import { ReplicaRedis } from '../replicas/replica-redis';

/**
 * Updates of one chat are handled in order: telegraf handles a polled batch concurrently, and
 * a dialog answer must not overtake the button press before it. Other chats run in parallel.
 * With REDIS_URL the turn is taken across replicas (`RedisChatTurns`: a lock per chat with a
 * lease, lowest waiting update id first); without it, a mutex per chat in this process.
 */
@Injectable()
export class ChatSequencerMiddleware {
  private readonly turns = new Map<number, { mutex: Mutex; waiting: number }>();
  private inFlight = 0;
  private readonly drained = new Set<() => void>();
  private readonly shared?: RedisChatTurns;

  constructor(@Optional() replica?: ReplicaRedis) {
    if (replica?.client) this.shared = new RedisChatTurns(replica.client, replica.leaseMs);
  }

  /** Resolves once no update is being handled (or after `timeoutMs`): for a graceful shutdown. */
  idle(timeoutMs: number): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.drained.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.drained.add(done);
    });
  }

  readonly middleware: MiddlewareFn<BotContext> = async (ctx, next) => {
    const chatId = ctx.chat?.id ?? ctx.from?.id;
    if (chatId === undefined) return next();
    const shared = this.shared;
    if (shared) return this.counted(() => shared.run(chatId, ctx.update.update_id, next));
    const turn = this.turns.get(chatId) ?? { mutex: new Mutex(), waiting: 0 };
    this.turns.set(chatId, turn);
    turn.waiting++;
    this.inFlight++;
    try {
      return await turn.mutex.runExclusive(() => next());
    } finally {
      // Forget idle chats so the map does not grow with every chat ever seen.
      if (--turn.waiting === 0) this.turns.delete(chatId);
      this.settled();
    }
  };

  private async counted<T>(handle: () => Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      return await handle();
    } finally {
      this.settled();
    }
  }

  private settled(): void {
    if (--this.inFlight === 0) for (const done of [...this.drained]) done();
  }
}
