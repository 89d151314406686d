import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ReplicaRedis, runScript } from './replica-redis';

const KEY = (updateId: number) => `rd:update:${updateId}`;

// Only the holder's token may extend or drop a claim: one whose lease ran out may have been
// taken by another replica meanwhile.
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** The update is being handled by another replica right now: answer so Telegram tries later. */
export class UpdateInHandElsewhere extends Error {
  constructor(readonly updateId: number) {
    super(`update ${updateId} is being handled by another replica`);
  }
}

/**
 * Webhook deliveries of one update id, across replicas: the first replica to claim it handles it;
 * a copy arriving elsewhere meanwhile (Telegram re-delivering after a time-out) is refused with
 * `UpdateInHandElsewhere` — a non-2xx answer, so if the holder dies Telegram delivers it again.
 * The claim has a lease renewed while handling; `processed_updates`, written before the claim is
 * dropped, stays the durable record (a copy claimed afterwards finds it and is skipped).
 * Without Redis, `hold` just runs the handler (the in-process dedup covers one process).
 */
@Injectable()
export class UpdateClaims {
  constructor(private readonly replica: ReplicaRedis) {
    replica.client?.defineCommand('rdClaimRenew', { numberOfKeys: 1, lua: RENEW });
    replica.client?.defineCommand('rdClaimRelease', { numberOfKeys: 1, lua: RELEASE });
  }

  async hold<T>(updateId: number, handle: () => Promise<T>): Promise<T> {
    const redis = this.replica.client;
    if (!redis || !Number.isSafeInteger(updateId)) return handle();
    const token = randomUUID();
    const lease = this.replica.leaseMs;
    const taken = await redis.set(KEY(updateId), token, 'PX', lease, 'NX');
    if (taken !== 'OK') throw new UpdateInHandElsewhere(updateId);
    const renewal = setInterval(
      () => void runScript(redis, 'rdClaimRenew', KEY(updateId), token, lease).catch(() => 0),
      Math.floor(lease / 3),
    );
    try {
      return await handle();
    } finally {
      clearInterval(renewal);
      await runScript(redis, 'rdClaimRelease', KEY(updateId), token).catch(() => 0);
    }
  }
}
