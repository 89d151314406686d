import type { AsyncSessionStore } from 'telegraf/typings/session';
import type { BotSession } from '../bot-context';
import { SkipUnchangedSessionStore } from './skip-unchanged.store';

/** A store that records the writes it receives. */
function recordingStore(initial: Record<string, BotSession> = {}) {
  const rows = new Map(Object.entries(initial).map(([k, v]) => [k, JSON.stringify(v)]));
  const writes: string[] = [];
  const store: AsyncSessionStore<BotSession> = {
    get: async (key) => {
      const row = rows.get(key);
      return row === undefined ? undefined : (JSON.parse(row) as BotSession);
    },
    set: async (key, session) => {
      writes.push(`set ${key}`);
      rows.set(key, JSON.stringify(session));
    },
    delete: async (key) => {
      writes.push(`delete ${key}`);
      rows.delete(key);
    },
  };
  return { store, writes, rows };
}

const dialog = (step: string) =>
  ({ __scenes: { current: 'search', state: { step } } }) as unknown as BotSession;

describe('SkipUnchangedSessionStore', () => {
  it('skips writing back exactly what the update read', async () => {
    const { store, writes } = recordingStore({ '1': dialog('phone') });
    const skipping = new SkipUnchangedSessionStore(store);
    const session = await skipping.get('1');
    await skipping.set('1', session as BotSession);
    expect(writes).toEqual([]);
  });

  it('writes a session changed in place, and skips the next unchanged write', async () => {
    const { store, writes, rows } = recordingStore({ '1': dialog('phone') });
    const skipping = new SkipUnchangedSessionStore(store);
    const session = (await skipping.get('1')) as unknown as { __scenes: { state: object } };
    session.__scenes.state = { step: 'address' };
    await skipping.set('1', session as unknown as BotSession);
    await skipping.set('1', session as unknown as BotSession);
    expect(writes).toEqual(['set 1']);
    expect(JSON.parse(rows.get('1') ?? '')).toEqual(dialog('address'));
  });

  it('skips deleting a session that was not there, and deletes one that was', async () => {
    const { store, writes } = recordingStore({ '2': dialog('phone') });
    const skipping = new SkipUnchangedSessionStore(store);
    expect(await skipping.get('1')).toBeUndefined();
    await skipping.delete('1');
    await skipping.get('2');
    await skipping.delete('2');
    expect(writes).toEqual(['delete 2']);
  });

  it('writes a new session for someone who had none', async () => {
    const { store, writes } = recordingStore();
    const skipping = new SkipUnchangedSessionStore(store);
    await skipping.get('3');
    await skipping.set('3', dialog('phone'));
    expect(writes).toEqual(['set 3']);
  });
});
