import type { EntityManager } from 'typeorm';
import type { Outbox } from '../notifications/outbox';
import { SUBSCRIPTIONS_TTL_MS, WebhookOutbox } from './webhook-outbox';

describe('WebhookOutbox', () => {
  const event = { type: 'order.accepted' as const, key: '7:v3', orderId: 7, data: {} };
  let now: number;
  let reads: number;
  let queued: { chatId: number }[][];
  let webhooks: WebhookOutbox;
  const tx = {
    find: () => {
      reads++;
      return Promise.resolve([{ id: 1 }, { id: 2 }]);
    },
  } as unknown as EntityManager;

  beforeEach(() => {
    now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    reads = 0;
    queued = [];
    const outbox = {
      enqueue: (_tx: EntityManager, rows: { chatId: number }[]) => {
        queued.push(rows);
        return Promise.resolve();
      },
    } as unknown as Outbox;
    webhooks = new WebhookOutbox(outbox);
  });

  afterEach(() => jest.restoreAllMocks());

  it('reads the subscriptions once per TTL and queues a row for each', async () => {
    await webhooks.publish(tx, event);
    now += SUBSCRIPTIONS_TTL_MS - 1;
    await webhooks.publish(tx, event);
    expect(reads).toBe(1);
    expect(queued.map((rows) => rows.map((row) => row.chatId))).toEqual([
      [1, 2],
      [1, 2],
    ]);
    now += 1;
    await webhooks.publish(tx, event);
    expect(reads).toBe(2);
  });

  it('reads them again at once after a subscription change here', async () => {
    await webhooks.publish(tx, event);
    webhooks.forget();
    await webhooks.publish(tx, event);
    expect(reads).toBe(2);
  });
});
