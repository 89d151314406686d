import Redis from 'ioredis';
import { RedisChatTurns } from '../../src/telegram/replicas/redis-chat-turns';
import { RedisFloodBuckets } from '../../src/telegram/replicas/redis-flood-buckets';
import type { ReplicaRedis } from '../../src/telegram/replicas/replica-redis';
import { UpdateClaims, UpdateInHandElsewhere } from '../../src/telegram/replicas/update-claims';
import { redisOrSkip, TEST_REDIS_URL } from '../support/redis';
import { dialectUnderTest } from '../support/test-database';

// Redis only: run once, in the sqlite project. A Redis database of its own (the replicas spec
// uses 7), so the update and chat ids here meet nobody else's.
const REDIS_DB = 8;
const LEASE_MS = 1_000;
const describeOnce = dialectUnderTest() === 'sqlite' ? describe : describe.skip;

describeOnce('replicas coordinating through Redis', () => {
  const clients: Redis[] = [];
  let available = false;

  /** A connection of its own: one per simulated replica. */
  const replica = () => {
    const client = new Redis(`${TEST_REDIS_URL.replace(/\/\d*$/, '')}/${REDIS_DB}`, {
      maxRetriesPerRequest: 1,
    });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    const redis = await redisOrSkip('the replica coordination spec');
    if (!redis) return;
    await redis.select(REDIS_DB);
    await redis.flushdb();
    redis.disconnect();
    available = true;
  });

  afterAll(async () => {
    await Promise.all(
      clients.map((client) =>
        client.status === 'end' ? undefined : client.quit().catch(() => client.disconnect()),
      ),
    );
  });

  it("handles one chat's waiting updates one at a time, lowest update id first", async () => {
    if (!available) return;
    const turns = [replica(), replica()].map((client) => new RedisChatTurns(client, LEASE_MS));
    const handled: number[] = [];
    let inside = 0;
    let overlapped = false;
    const handle = (updateId: number) => async () => {
      if (++inside > 1) overlapped = true;
      await sleep(20);
      handled.push(updateId);
      inside--;
    };
    let releaseFirst = () => undefined as void;
    let entered = () => undefined as void;
    const holding = new Promise<void>((resolve) => (entered = resolve));
    const first = turns[0].run(5001, 100, async () => {
      entered();
      await new Promise<void>((resolve) => (releaseFirst = resolve));
      handled.push(100);
    });
    await holding;
    // Arriving in a scrambled order, on both replicas, while update 100 holds the chat.
    const rest = [105, 102, 104, 101, 103].map((id, i) => turns[i % 2].run(5001, id, handle(id)));
    await sleep(300);
    releaseFirst();
    await Promise.all([first, ...rest]);
    expect(handled).toEqual([100, 101, 102, 103, 104, 105]);
    expect(overlapped).toBe(false);
  });

  it('lets other chats run meanwhile', async () => {
    if (!available) return;
    const turns = new RedisChatTurns(replica(), LEASE_MS);
    let release = () => undefined as void;
    let entered = () => undefined as void;
    const holding = new Promise<void>((resolve) => (entered = resolve));
    const held = turns.run(5002, 200, () => {
      entered();
      return new Promise<void>((resolve) => (release = resolve));
    });
    await holding;
    const started = Date.now();
    await turns.run(5003, 201, async () => undefined);
    expect(Date.now() - started).toBeLessThan(500);
    release();
    await held;
  });

  it('frees a chat held by a replica that died, once its lease has run out', async () => {
    if (!available) return;
    const dying = replica();
    const survivor = new RedisChatTurns(replica(), LEASE_MS);
    let entered = () => undefined as void;
    const holding = new Promise<void>((resolve) => (entered = resolve));
    const dead = new RedisChatTurns(dying, LEASE_MS)
      .run(5004, 300, () => {
        entered();
        return sleep(LEASE_MS * 2);
      })
      .catch(() => undefined);
    await holding;
    dying.disconnect(); // it stops renewing, as a SIGKILLed process does
    const started = Date.now();
    await survivor.run(5004, 301, async () => undefined);
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThan(LEASE_MS / 2);
    expect(waited).toBeLessThan(LEASE_MS + 1_000);
    await dead;
  });

  it('refuses a copy of an update another replica is handling, and takes it once released', async () => {
    if (!available) return;
    const [a, b] = [replica(), replica()].map(
      (client) => new UpdateClaims({ client, leaseMs: LEASE_MS } as ReplicaRedis),
    );
    let release = () => undefined as void;
    let claimed = () => undefined as void;
    const holding = new Promise<void>((resolve) => (claimed = resolve));
    const first = a.hold(400, () => {
      claimed();
      return new Promise<void>((resolve) => (release = resolve));
    });
    await holding;
    await expect(b.hold(400, async () => 'copy')).rejects.toBeInstanceOf(UpdateInHandElsewhere);
    release();
    await first;
    await expect(b.hold(400, async () => 'copy')).resolves.toBe('copy');
  });

  it("shares a person's flood bucket between replicas", async () => {
    if (!available) return;
    const settings = { ratePerSecond: 2, burst: 4, blockAfterDrops: 10, blockMs: 60_000 };
    const [a, b] = [replica(), replica()].map((client) => new RedisFloodBuckets(client, settings));
    const verdicts = [];
    for (let i = 0; i < 6; i++) verdicts.push(await (i % 2 ? a : b).take(5005));
    expect(verdicts).toEqual(['pass', 'pass', 'pass', 'pass', 'warn', 'drop']);
    const flood = [];
    for (let i = 0; i < 10; i++) flood.push(await (i % 2 ? a : b).take(5005));
    expect(flood).toContain('block');
    expect(await a.take(5005)).toBe('drop');
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
