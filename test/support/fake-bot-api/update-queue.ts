import { ApiError } from './api-error';
import type { Update } from './types';

interface Entry {
  update: Update;
  /** Handed out by getUpdates or a webhook attempt; only such entries can be confirmed. */
  delivered: boolean;
}

interface HeldPoll {
  limit: number;
  timer: NodeJS.Timeout;
  resolve: (updates: Update[]) => void;
  reject: (error: ApiError) => void;
}

/**
 * Updates waiting for the bot, with getUpdates' long-polling rules: `offset` confirms what came
 * before it, a held request is answered as soon as something arrives (or at its timeout, never by
 * re-polling), and a second concurrent getUpdates ends the first with 409, as the real server does
 * when two bot instances poll one token.
 */
export class UpdateQueue {
  private entries: Entry[] = [];
  private nextUpdateId = 1;
  private held?: HeldPoll;
  private flushScheduled = false;

  constructor(private readonly onQueued: () => void) {}

  push(raw: Partial<Update>): Update {
    // A snapshot: later edits of the message, or of the spec's object, must not rewrite history.
    const update = structuredClone({
      ...raw,
      update_id: raw.update_id ?? this.nextUpdateId,
    }) as Update;
    // Ids stay increasing even when a spec pushes its own, so offsets keep their meaning.
    this.nextUpdateId = Math.max(this.nextUpdateId, update.update_id + 1);
    this.entries.push({ update, delivered: false });
    this.scheduleFlush();
    this.onQueued();
    return update;
  }

  /** A getUpdates is being held open: the bot is polling. */
  get polling(): boolean {
    return this.held !== undefined;
  }

  pending(): Update[] {
    return this.entries.map((entry) => entry.update);
  }

  clear(): void {
    this.entries = [];
  }

  /**
   * Confirms delivered updates before `offset`. Only delivered ones: a spec may push an update
   * with an id the bot has already confirmed (to test its de-duplication), and that copy must
   * still reach the bot. A negative offset keeps only the last -offset updates, as documented.
   */
  confirm(offset: number | undefined): void {
    if (offset === undefined || offset === 0) return;
    if (offset < 0) {
      this.entries = this.entries.slice(offset);
      return;
    }
    let through = -1;
    this.entries.forEach((entry, index) => {
      if (entry.delivered && entry.update.update_id === offset - 1) through = index;
    });
    this.entries = this.entries.filter(
      (entry, index) => !(entry.delivered && (index <= through || entry.update.update_id < offset)),
    );
  }

  take(limit: number): Update[] {
    const taken = this.entries.slice(0, limit);
    for (const entry of taken) entry.delivered = true;
    return taken.map((entry) => entry.update);
  }

  remove(update: Update): void {
    this.entries = this.entries.filter((entry) => entry.update !== update);
  }

  /**
   * Answers at once when updates are waiting, otherwise holds until one arrives or `timeoutMs`
   * passes. `signal` is the client going away: the held request is then forgotten.
   */
  async poll(limit: number, timeoutMs: number, signal: AbortSignal): Promise<Update[]> {
    this.terminateHeld();
    if (this.entries.length > 0 || timeoutMs <= 0) return this.take(limit);
    return new Promise<Update[]>((resolve, reject) => {
      const held: HeldPoll = {
        limit,
        resolve,
        reject,
        timer: setTimeout(() => this.answerHeld(held), timeoutMs),
      };
      this.held = held;
      signal.addEventListener('abort', () => {
        if (this.held !== held) return;
        clearTimeout(held.timer);
        this.held = undefined;
        resolve([]);
      });
    });
  }

  /** Ends a held getUpdates with an empty answer (webhook set, fake stopping). */
  releaseHeld(): void {
    if (this.held) this.answerHeld(this.held, []);
  }

  private terminateHeld(): void {
    const held = this.held;
    if (!held) return;
    clearTimeout(held.timer);
    this.held = undefined;
    held.reject(
      new ApiError(
        409,
        'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      ),
    );
  }

  private answerHeld(held: HeldPoll, updates?: Update[]): void {
    if (this.held !== held) return;
    clearTimeout(held.timer);
    this.held = undefined;
    held.resolve(updates ?? this.take(held.limit));
  }

  // Deferred by a tick so updates pushed together (e.g. a service message and my_chat_member)
  // reach the bot in one batch, as they would from Telegram.
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      if (this.held && this.entries.length > 0) this.answerHeld(this.held);
    });
  }
}
