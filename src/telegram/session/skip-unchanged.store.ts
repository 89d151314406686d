import type { AsyncSessionStore } from 'telegraf/typings/session';
import type { BotSession } from '../bot-context';

/** Keys read as empty and not written since; cleared when full, which only costs a delete. */
const MAX_ABSENT_KEYS = 10_000;

/**
 * telegraf writes the session back after every update that read it, changed or not: on
 * /start that was an upsert and a re-read per update. This store skips a write of exactly what
 * this update read (compared as JSON) and a delete of a session that was not there. What it
 * remembers belongs to one read, so another replica's write in between is never hidden: a
 * session changed elsewhere and unchanged here is left as the other replica wrote it.
 */
export class SkipUnchangedSessionStore implements AsyncSessionStore<BotSession> {
  private readonly read = new WeakMap<object, string>();
  private readonly absent = new Set<string>();

  constructor(private readonly store: AsyncSessionStore<BotSession>) {}

  async get(key: string): Promise<BotSession | undefined> {
    const session = await this.store.get(key);
    if (session) {
      this.read.set(session, JSON.stringify(session));
      this.absent.delete(key);
    } else {
      if (this.absent.size >= MAX_ABSENT_KEYS) this.absent.clear();
      this.absent.add(key);
    }
    return session;
  }

  async set(key: string, session: BotSession): Promise<void> {
    const json = JSON.stringify(session);
    if (this.read.get(session) === json) return;
    await this.store.set(key, session);
    this.absent.delete(key);
    this.read.set(session, json);
  }

  async delete(key: string): Promise<void> {
    if (this.absent.has(key)) return;
    await this.store.delete(key);
    this.absent.add(key);
  }
}
